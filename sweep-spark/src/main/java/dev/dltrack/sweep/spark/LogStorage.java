package dev.dltrack.sweep.spark;

import dev.dltrack.tracker.storage.LogStores;
import java.util.List;
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
  COPY,
  /**
   * The log root is on a store ({@code s3://}, {@code hdfs://}): each task writes its run straight
   * there, as every run on a store is written (a local spool stored at every flush), and a retried
   * attempt takes over the failed attempt's lock and replaces what it stored.
   */
  STORE;

  /**
   * {@link #STORE} for a store's log root, where {@code text} must be empty; else {@code shared} or
   * {@code copy}, anything else refused naming both.
   */
  public static LogStorage of(String logRoot, String text) {
    if (LogStores.isStore(logRoot)) {
      if (text != null && !text.isEmpty() && !text.equals("store")) {
        throw new IllegalArgumentException(
            "--spark-logs "
                + text
                + " is for a log root on a file system; "
                + logRoot
                + " is a store, which every executor writes to directly: leave --spark-logs out");
      }
      return STORE;
    }
    String mode = text == null || text.isEmpty() ? "copy" : text;
    for (LogStorage s : List.of(SHARED, COPY)) {
      if (s.name().toLowerCase(Locale.ROOT).equals(mode)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--spark-logs must be 'shared' or 'copy': '" + mode + "'");
  }
}
