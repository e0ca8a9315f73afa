package dev.dltrack.tracker.hadoop;

import dev.dltrack.testsupport.LogStoreContract;
import dev.dltrack.tracker.storage.LogStore;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real, in-process HDFS: a fresh directory for each test. */
class HadoopLogStoreContractTest extends LogStoreContract {
  private static MiniHdfs hdfs;

  @BeforeAll
  static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start();
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Override
  protected LogStore openStore() throws IOException {
    return new HadoopLogStore(hdfs.freshDirectory(), hdfs.conf());
  }
}
