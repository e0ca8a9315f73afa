package dev.dltrack.tracker.s3;

import dev.dltrack.testsupport.LogStoreContract;
import dev.dltrack.tracker.storage.LogStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract, run against a real S3 server (s3proxy), each test in a fresh prefix. */
class S3LogStoreContractTest extends LogStoreContract {
  private static final String BUCKET = "contract";
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static S3Server server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3Server.start();
    server.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected LogStore openStore() {
    return server.open("s3://" + BUCKET + "/root-" + ROOTS.incrementAndGet() + "/logs");
  }
}
