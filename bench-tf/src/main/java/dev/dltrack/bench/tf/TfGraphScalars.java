package dev.dltrack.bench.tf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorFlow's writer driven the fastest way TF Java allows: a graph that writes {@code batch}
 * scalars per {@link Session} run. Steps and values are fed as two vectors, split by one {@code
 * Unstack} op each, and written by {@code batch} {@code WriteScalarSummary} ops, each after the one
 * before (without that order TF's executor writes the steps of a batch in any order; with it,
 * measured, it is no slower). The session runs the graph on the caller's thread ({@link
 * TfWriterOps#CALLER_THREAD}); the feed tensors are allocated once and refilled. So a call costs
 * one copy of the values, one session run and the writes.
 */
final class TfGraphScalars implements ScalarMode {
  private final int batch;
  private final Graph graph = new Graph();
  private final Session session;
  private final GraphSummaryWriter writer;
  private final Placeholder<TInt64> steps;
  private final Placeholder<TFloat32> values;
  private final Op writeAll;
  private final TInt64 stepFeed;
  private final TFloat32 valueFeed;

  TfGraphScalars(int batch) {
    this.batch = batch;
    Ops tf = Ops.create(graph);
    writer = new GraphSummaryWriter(tf);
    steps = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(batch)));
    values = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch)));
    Operand<TString> tag = tf.constant(ScalarSubject.TAG);
    Iterator<Operand<TInt64>> step = tf.unstack(steps, (long) batch).iterator();
    List<Op> writes = new ArrayList<>();
    Ops ordered = tf;
    for (Operand<TFloat32> value : tf.unstack(values, (long) batch)) {
      Op write = ordered.summary.writeScalarSummary(writer.handle(), step.next(), tag, value);
      writes.add(write);
      ordered = tf.withControlDependencies(write);
    }
    writeAll = tf.withControlDependencies(writes).noOp();
    session = new Session(graph, TfWriterOps.CALLER_THREAD);
    stepFeed = TInt64.tensorOf(Shape.of(batch));
    valueFeed = TFloat32.tensorOf(Shape.of(batch));
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public ScalarLogger open(Path dir) {
    writer.open(session, dir);
    return new ScalarLogger() {
      @Override
      public void write(long firstStep, float[] v, int offset) {
        for (int i = 0; i < batch; i++) {
          stepFeed.setLong(firstStep + i, i);
        }
        valueFeed.copyFrom(DataBuffers.of(v, true, false).slice(offset, batch));
        session
            .runner()
            .feed(steps, stepFeed)
            .feed(values, valueFeed)
            .addTarget(writeAll)
            .run()
            .close();
      }

      @Override
      public void close() {
        writer.close(session);
      }
    };
  }

  @Override
  public void close() {
    stepFeed.close();
    valueFeed.close();
    session.close();
    graph.close();
  }
}
