package dev.dltrack.tracker.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes one run's records in one output format. A sink is used by a single thread (the run's
 * background writer), receives records in the order they were logged, and ends with one {@link
 * RunRecord.End}.
 *
 * <p>When a method throws, the sink is not called again except for {@link #close()}; what it had
 * written before must stay readable.
 */
public interface Sink extends Closeable {
  /**
   * Writes (or buffers) one record.
   *
   * @param record the record, the next one logged
   * @throws IOException if writing fails
   */
  void write(RunRecord record) throws IOException;

  /**
   * Makes everything written before this call durable on return.
   *
   * @throws IOException if writing or syncing fails
   */
  void flush() throws IOException;

  /**
   * The writer's flush on its interval, which nobody waits for: makes durable what it can, and may
   * keep back what may still change (W&amp;B's history rows of recent steps, which values still on
   * their way may join). The default is {@link #flush()}.
   *
   * @throws IOException if writing or syncing fails
   */
  default void flushOnInterval() throws IOException {
    flush();
  }

  /**
   * Flushes and releases the sink's files. Called once.
   *
   * @throws IOException if the last writes or the closing fail
   */
  @Override
  void close() throws IOException;

  /**
   * Undoes {@link SinkProvider#open}: called instead of {@link #close()} when the run could not be
   * opened after all (another format failed to open), so that no file is left behind that would
   * make the directory look like a run. The default closes the sink; a sink that created files
   * deletes those it created.
   *
   * @throws IOException if closing or deleting fails
   */
  default void discard() throws IOException {
    close();
  }

  /**
   * Where the sink writes, for error messages.
   *
   * @return the format and the path, such as "TensorBoard event file logs/run/events.out..."
   */
  String describe();
}
