package dev.dltrack.tracker.tensorboard;

import dev.dltrack.tracker.internal.SideFiles;
import dev.dltrack.tracker.spi.RunInfo;
import dev.dltrack.tracker.spi.RunRecord;
import dev.dltrack.tracker.spi.Sink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a run as one TensorBoard event file in the run's directory: the hparams session start (and
 * the experiment, when the run declares one) first, then every record, then the session end.
 * Embeddings go beside it, as the projector plugin's files ({@link ProjectorFiles}).
 */
public final class TensorBoardSink implements Sink {
  private final EventFileWriter file;
  private final Map<String, byte[]> tagBytes = new HashMap<>();
  private final SideFiles sideFiles = new SideFiles();
  private final Path runDir;
  private final Encoder encoder = new Encoder();
  private ProjectorFiles projector;

  private TensorBoardSink(EventFileWriter file, Path runDir) {
    this.file = file;
    this.runDir = runDir;
  }

  /**
   * Creates a new event file for {@code run} and writes the run's start into it.
   *
   * @param run the run to write
   * @param host the host name, part of the file's name
   * @param pid the process id, part of the file's name
   * @return the open sink
   * @throws IOException if the file cannot be created or written
   */
  public static TensorBoardSink open(RunInfo run, String host, long pid) throws IOException {
    EventFileWriter file = EventFileWriter.create(run.directory(), run.startWallTime(), host, pid);
    try {
      double t = run.startWallTime();
      if (run.experiment().isPresent()) {
        file.append(HParamsEncoder.experiment(run.experiment().get(), run.config(), t));
      }
      file.append(HParamsEncoder.sessionStart(run.config(), run.group(), t));
      file.flush();
    } catch (IOException | RuntimeException e) {
      try {
        file.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new TensorBoardSink(file, run.directory());
  }

  @Override
  public void write(RunRecord record) throws IOException {
    record.accept(encoder);
  }

  /** Each kind of record as TensorBoard's events (or, for embeddings, the projector's files). */
  private final class Encoder implements RunRecord.Visitor {
    @Override
    public void scalar(RunRecord.Scalar s) throws IOException {
      TensorBoardSink.this.scalar(s.tag(), s.step(), s.wallTime(), s.value());
    }

    @Override
    public void histogram(RunRecord.HistogramValue h) throws IOException {
      file.append(EventEncoder.histogram(h.tag(), h.step(), h.wallTime(), h.histogram()));
    }

    @Override
    public void text(RunRecord.Text t) throws IOException {
      file.append(EventEncoder.text(t.tag(), t.step(), t.wallTime(), t.markdown()));
    }

    @Override
    public void summary(RunRecord.Summary s) throws IOException {
      TensorBoardSink.this.scalar(s.key(), s.step(), s.wallTime(), s.value());
    }

    @Override
    public void images(RunRecord.Images i) throws IOException {
      file.append(MediaEncoder.images(i.tag(), i.step(), i.wallTime(), i.images()));
    }

    @Override
    public void prCurve(RunRecord.PrCurveValue p) throws IOException {
      file.append(MediaEncoder.prCurve(p.tag(), p.step(), p.wallTime(), p.curve()));
    }

    @Override
    public void layout(RunRecord.LayoutValue l) throws IOException {
      file.append(MediaEncoder.layout(l.layout(), l.wallTime()));
    }

    @Override
    public void embedding(RunRecord.EmbeddingValue e) throws IOException {
      if (projector == null) {
        projector = ProjectorFiles.open(runDir, sideFiles);
      }
      projector.add(e.tag(), e.step(), e.embedding());
    }

    @Override
    public void end(RunRecord.End e) throws IOException {
      file.append(HParamsEncoder.sessionEnd(e.status(), e.wallTime()));
    }
  }

  private void scalar(String tag, long step, double wallTime, double value) throws IOException {
    byte[] tagUtf8 = tagBytes.computeIfAbsent(tag, EventEncoder::tagBytes);
    int len = EventEncoder.scalarSize(tagUtf8, step);
    int off = file.begin(len);
    EventEncoder.encodeScalar(file.buffer(), off, len, tagUtf8, step, wallTime, value);
    file.commit(len);
  }

  @Override
  public void flush() throws IOException {
    sideFiles.sync();
    file.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      sideFiles.sync();
    } finally {
      file.close();
    }
  }

  /** Closes and deletes the event file this sink created: it holds only the run's start. */
  @Override
  public void discard() throws IOException {
    try {
      file.close();
    } finally {
      Files.deleteIfExists(file.path());
    }
  }

  @Override
  public String describe() {
    return "TensorBoard event file " + file.path();
  }
}
