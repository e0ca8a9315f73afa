package dev.dltrack.tracker.internal;

import java.io.IOException;

/**
 * Work that must see every sink's files at rest: run by the background writer after each flush once
 * every sink has flushed, before any sink writes again. A run on a store publishes its local files
 * with it.
 */
public interface FlushHook {
  /**
   * Called after every sink has flushed.
   *
   * @param onInterval true for the writer's own flush on its interval, which nobody waits for;
   *     false for {@code flush()}, which returns only after this does
   */
  void afterFlush(boolean onInterval) throws IOException;

  /**
   * Whether the writer should flush now, before its interval (asked every {@link
   * AsyncRecordWriter#DUE_CHECK_INTERVAL} while records come in); such a flush counts as one on the
   * interval. False by default.
   */
  default boolean flushDue() throws IOException {
    return false;
  }

  /** Called once, after every sink has been closed. */
  void afterClose() throws IOException;
}
