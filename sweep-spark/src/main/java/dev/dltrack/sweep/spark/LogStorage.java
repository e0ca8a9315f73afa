package dev.dltrack.sweep.spark;

import java.util.Locale;

/** Where a Spark sweep's tasks write their runs. */
public enum LogStorage {
  /**
   * The log root is on storage every executor and the driver see (NFS or another shared mount):
   * tasks write their run directories there directly, so TensorBoard on it watches the sweep live.
   */
  SHARED,
  /**
   * No shared storage: each task writes on its executor's local disk and its finished run directory
   * comes back to the driver, which writes it into its log root, checked whole.
   */
  COPY;

  /** {@code shared} or {@code copy}; anything else is refused naming both. */
  public static LogStorage parse(String text) {
    for (LogStorage s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--spark-logs must be 'shared' or 'copy': '" + text + "'");
  }
}
