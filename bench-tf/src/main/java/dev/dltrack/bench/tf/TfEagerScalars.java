package dev.dltrack.bench.tf;

import java.nio.file.Path;
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TString;

/**
 * TensorFlow's writer driven eagerly, one op per value, as TF Java's examples log: each scalar is a
 * {@code WriteScalarSummary} op run at once, with its step and value made constants (TF's eager ops
 * take tensors, not Java numbers).
 */
final class TfEagerScalars implements ScalarMode {
  private final EagerSession session = EagerSession.create();
  private final Ops tf = Ops.create(session);
  private int opened;

  @Override
  public int batch() {
    return 1;
  }

  @Override
  public ScalarLogger open(Path dir) {
    SummaryWriter writer = TfWriterOps.handle(tf, "eager-" + opened++);
    TfWriterOps.create(tf, writer, tf.constant(dir.toString()));
    Constant<TString> tag = tf.constant(ScalarSubject.TAG);
    return new ScalarLogger() {
      @Override
      public void write(long firstStep, float[] values, int offset) {
        tf.summary.writeScalarSummary(
            writer, tf.constant(firstStep), tag, tf.constant(values[offset]));
      }

      @Override
      public void close() {
        tf.summary.closeSummaryWriter(writer);
      }
    };
  }

  @Override
  public void close() {
    session.close();
  }
}
