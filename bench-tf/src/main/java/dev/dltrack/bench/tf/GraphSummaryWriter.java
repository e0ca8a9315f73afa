package dev.dltrack.bench.tf;

import java.nio.file.Path;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.CloseSummaryWriter;
import org.tensorflow.op.summary.CreateSummaryFileWriter;
import org.tensorflow.op.summary.FlushSummaryWriter;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TString;

/**
 * TensorFlow's native summary writer as ops of one graph: opened on a directory, flushed, closed.
 */
final class GraphSummaryWriter {
  private final SummaryWriter handle;
  private final Placeholder<TString> logdir;
  private final CreateSummaryFileWriter create;
  private final FlushSummaryWriter flush;
  private final CloseSummaryWriter close;

  GraphSummaryWriter(Ops tf) {
    handle = TfWriterOps.handle(tf, "graph");
    logdir = tf.placeholder(TString.class);
    create = TfWriterOps.create(tf, handle, logdir);
    flush = tf.summary.flushSummaryWriter(handle);
    close = tf.summary.closeSummaryWriter(handle);
  }

  /** The writer's resource handle, the first input of every write op. */
  SummaryWriter handle() {
    return handle;
  }

  /** Creates the writer on {@code dir}; one directory at a time. */
  void open(Session session, Path dir) {
    try (TString d = TString.scalarOf(dir.toString())) {
      session.runner().feed(logdir, d).addTarget(create).run().close();
    }
  }

  /** Writes and syncs every event written so far. */
  void flush(Session session) {
    session.run(flush);
  }

  /** Flushes, closes the file and drops the writer, so that {@link #open} can start another. */
  void close(Session session) {
    session.run(close);
  }
}
