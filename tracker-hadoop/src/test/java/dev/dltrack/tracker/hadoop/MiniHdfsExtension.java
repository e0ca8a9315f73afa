package dev.dltrack.tracker.hadoop;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link MiniHdfs} for a test class: started before its tests, stopped after them. Register it
 * with {@code @RegisterExtension static final MiniHdfsExtension HDFS = new MiniHdfsExtension();}.
 */
public final class MiniHdfsExtension implements BeforeAllCallback, AfterAllCallback {
  private MiniHdfs hdfs;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    hdfs = MiniHdfs.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** The running cluster. */
  public MiniHdfs hdfs() {
    return hdfs;
  }
}
