package dev.dltrack.bench.tf;

import dev.dltrack.tracker.Run;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.summary.CreateSummaryFileWriter;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TString;

/**
 * Creates TensorFlow's native event file writer (the C++ {@code SummaryFileWriter}, what {@code
 * tf.summary.create_file_writer} makes) set up for speed and for the tracker's durability: it
 * writes and syncs its events every {@link Run.Builder#DEFAULT_FLUSH_INTERVAL} (the tracker's flush
 * interval) and on flush and close, as the tracker syncs.
 */
final class TfWriterOps {
  /**
   * No limit on the events TF's writer holds before it writes and syncs them, so that only the
   * flush interval triggers that: TF's fastest setting. (TF syncs whenever its queue exceeds this
   * limit; with the tracker's queue capacity, 16,384, measured 1.6x slower.)
   */
  static final int MAX_QUEUE = Integer.MAX_VALUE;

  /** The milliseconds after which TF's writer writes and syncs at its next event. */
  static final int FLUSH_MILLIS = (int) Run.Builder.DEFAULT_FLUSH_INTERVAL.toMillis();

  /** Appended to TF's event file names, after {@code events.out.tfevents.<time>.<host>...}. */
  static final String FILE_SUFFIX = ".tf";

  /**
   * A session configuration that runs each graph on the calling thread instead of handing its ops
   * to TF's inter-op thread pool: for these small graphs the hand-offs cost more than the ops
   * (measured: up to 3x the throughput for one value per run).
   */
  static final ConfigProto CALLER_THREAD =
      ConfigProto.newBuilder().setInterOpParallelismThreads(-1).build();

  private TfWriterOps() {}

  /** A writer handle of its own: {@code name} must differ between writers alive at once. */
  static SummaryWriter handle(Ops tf, String name) {
    return tf.summary.summaryWriter(SummaryWriter.sharedName(name));
  }

  /**
   * The op that creates the writer behind {@code handle} on {@code logdir} (in eager mode: creates
   * it).
   */
  static CreateSummaryFileWriter create(Ops tf, SummaryWriter handle, Operand<TString> logdir) {
    return tf.summary.createSummaryFileWriter(
        handle,
        logdir,
        tf.constant(MAX_QUEUE),
        tf.constant(FLUSH_MILLIS),
        tf.constant(FILE_SUFFIX));
  }
}
