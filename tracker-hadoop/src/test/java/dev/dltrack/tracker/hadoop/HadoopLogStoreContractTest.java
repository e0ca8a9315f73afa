package dev.dltrack.tracker.hadoop;

import dev.dltrack.testsupport.LogStoreContract;
import dev.dltrack.tracker.storage.LogStore;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real, in-process HDFS: a fresh directory for each test. */
class HadoopLogStoreContractTest extends LogStoreContract {
  @RegisterExtension static final MiniHdfsExtension HDFS = new MiniHdfsExtension();

  @Override
  protected LogStore openStore() throws IOException {
    return new HadoopLogStore(HDFS.hdfs().freshDirectory(), HDFS.hdfs().conf());
  }
}
