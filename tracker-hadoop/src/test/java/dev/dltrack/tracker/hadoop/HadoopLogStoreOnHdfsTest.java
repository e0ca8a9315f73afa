package dev.dltrack.tracker.hadoop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the store does on HDFS beyond the contract: seen from a second client, as HDFS treats it.
 */
class HadoopLogStoreOnHdfsTest {
  @RegisterExtension static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
  private URI root;
  private HadoopLogStore store;
  private FileSystem otherClient;

  @BeforeEach
  void open() throws IOException {
    root = HDFS.hdfs().freshDirectory();
    store = new HadoopLogStore(root, HDFS.hdfs().conf());
    store.check();
    otherClient = HDFS.hdfs().newFileSystem();
  }

  @AfterEach
  void close() throws IOException {
    store.close();
    otherClient.close();
  }

  private Path path(String key) {
    return new Path(root.toString() + "/" + key);
  }

  @Test
  void appendedBytesAreVisibleToAnotherClientBeforeTheWriterCloses() throws IOException {
    store.append("run/events", "first ".getBytes(UTF_8), 0, 6);
    store.append("run/events", "second".getBytes(UTF_8), 0, 6);

    try (FSDataInputStream in = otherClient.open(path("run/events"))) {
      assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("first second");
    }
    // the NameNode knows the length too (hsync with UPDATE_LENGTH), so a listing by anyone
    // tells how much was uploaded
    assertThat(otherClient.getFileStatus(path("run/events")).getLen()).isEqualTo(12);
  }

  @Test
  void aFileAppendedToCanBeReplacedAndAppendedToAgain() throws IOException {
    store.append("f", "abc".getBytes(UTF_8), 0, 3);
    store.put("f", "xy".getBytes(UTF_8), 0, 2);
    store.append("f", "z".getBytes(UTF_8), 0, 1);
    assertThat(new String(store.read("f"), UTF_8)).isEqualTo("xyz");
    store.delete(List.of("f"));
    store.append("f", "new".getBytes(UTF_8), 0, 3);
    assertThat(new String(store.read("f"), UTF_8)).isEqualTo("new");
  }

  @Test
  void listAndStatAgreeOnTheVersion() throws IOException {
    store.put("a/b", new byte[] {1, 2}, 0, 2);
    StoredObject listed = store.list("a/").get(0);
    assertThat(store.stat("a/b")).contains(listed);
  }

  @Test
  void theStoresOwnFilesAreNotListed() throws IOException {
    store.put("run/x", new byte[] {1}, 0, 1);
    otherClient.create(path("run/.x.tmp-0b6f6a4e-8d2b-4a43-9f0f-0f3c9e6c1a11")).close();
    otherClient.create(path("run/.x.dltrack-replacing")).close();
    otherClient.create(path("run/.hidden-but-mine")).close();
    assertThat(store.list("").stream().map(StoredObject::key))
        .containsExactly("run/.hidden-but-mine", "run/x");
  }

  @Test
  void aStaleReplaceLockIsBroken() throws IOException {
    assertThat(store.createIfAbsent("lease", "a".getBytes(UTF_8))).isTrue();
    StoredObject a = store.stat("lease").orElseThrow();
    Path lock = path(".lease.dltrack-replacing");
    otherClient.create(lock).close(); // left by a process that died holding it
    long longAgo = System.currentTimeMillis() - ReplaceLock.STALE_AFTER.toMillis() - 1_000;
    otherClient.setTimes(lock, longAgo, -1);

    assertThat(store.replaceIf(a, "b".getBytes(UTF_8))).isPresent();
    assertThat(otherClient.exists(lock)).isFalse();
  }

  @Test
  void checkCreatesAMissingRoot() throws IOException {
    URI deeper = URI.create(root + "/not/yet/there");
    try (HadoopLogStore s = new HadoopLogStore(deeper, HDFS.hdfs().conf())) {
      s.check();
    }
    assertThat(otherClient.getFileStatus(path("not/yet/there")).isDirectory()).isTrue();
    assertThat(otherClient.listStatus(path("not/yet/there"))).isEmpty(); // the probe is gone
  }

  @Test
  void checkNamesTheUriWhenPermissionIsDenied() throws Exception {
    otherClient.mkdirs(path("locked"), new FsPermission((short) 0755));
    URI lockedRoot = URI.create(root + "/locked/logs");
    UserGroupInformation someoneElse =
        UserGroupInformation.createUserForTesting("someone-else", new String[] {"nogroup"});
    HadoopLogStore asSomeoneElse =
        someoneElse.doAs(
            (PrivilegedExceptionAction<HadoopLogStore>)
                () -> new HadoopLogStore(lockedRoot, HDFS.hdfs().conf()));
    try (asSomeoneElse) {
      assertThatThrownBy(asSomeoneElse::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(lockedRoot.toString())
          .hasMessageContaining("permission denied for user someone-else");
    }
  }

  @Test
  void checkSaysWhenTheNameNodeIsInSafeMode() throws IOException {
    DistributedFileSystem dfs = (DistributedFileSystem) otherClient;
    dfs.setSafeMode(SafeModeAction.ENTER);
    try {
      assertThatThrownBy(store::check)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(root.toString())
          .hasMessageContaining("safe mode");
    } finally {
      dfs.setSafeMode(SafeModeAction.LEAVE);
    }
  }
}
