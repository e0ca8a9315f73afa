package dev.dltrack.bench.tf;

import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.WriteHistogramSummary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TensorFlow's histogram op in a graph, run once per histogram with the step and the values' tensor
 * fed (a fed tensor is not copied).
 */
final class TfGraphHistograms implements HistogramMode {
  private final Graph graph = new Graph();
  private final Session session;
  private final GraphSummaryWriter writer;
  private final Placeholder<TInt64> step;
  private final Placeholder<TFloat32> values;
  private final WriteHistogramSummary write;

  TfGraphHistograms() {
    Ops tf = Ops.create(graph);
    writer = new GraphSummaryWriter(tf);
    step = tf.placeholder(TInt64.class);
    values = tf.placeholder(TFloat32.class);
    write =
        tf.summary.writeHistogramSummary(
            writer.handle(), step, tf.constant(HistogramSubject.TAG), values);
    session = new Session(graph, TfWriterOps.CALLER_THREAD);
  }

  @Override
  public HistogramLogger open(Path dir, float[] data) {
    TFloat32 tensor = TFloat32.vectorOf(data);
    writer.open(session, dir);
    return new HistogramLogger() {
      @Override
      public void write(long s) {
        try (TInt64 t = TInt64.scalarOf(s)) {
          session.runner().feed(step, t).feed(values, tensor).addTarget(write).run().close();
        }
      }

      @Override
      public void flush() {
        writer.flush(session);
      }

      @Override
      public void close() {
        writer.close(session);
        tensor.close();
      }
    };
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
