package dev.dltrack.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LogStore} must do, run against a real store by each store module's test: a
 * subclass opens a store on a fresh, empty root in {@link #openStore()}.
 */
public abstract class LogStoreContract {
  protected LogStore store;

  /** A store whose root is fresh and empty, on a real server. */
  protected abstract LogStore openStore() throws IOException;

  @BeforeEach
  void open() throws IOException {
    store = openStore();
    store.check();
  }

  @AfterEach
  void closeStore() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void putThenReadGivesTheBytesBack() throws IOException {
    byte[] bytes = random(3 * 1024 * 1024 + 17, 1);
    store.put("run/a/b.bin", bytes, 5, bytes.length - 10);
    byte[] back = store.read("run/a/b.bin");
    assertArrayEquals(Arrays.copyOfRange(bytes, 5, bytes.length - 5), back);
    try (InputStream in = store.open("run/a/b.bin", 1000)) {
      assertArrayEquals(Arrays.copyOfRange(bytes, 1005, bytes.length - 5), in.readAllBytes());
    }
  }

  @Test
  void putReplacesAndChangesTheVersion() throws IOException {
    store.put("k", "one".getBytes(UTF_8), 0, 3);
    StoredObject first = store.stat("k").orElseThrow();
    store.put("k", "three".getBytes(UTF_8), 0, 5);
    StoredObject second = store.stat("k").orElseThrow();
    assertEquals("three", new String(store.read("k"), UTF_8));
    assertEquals(5, second.size());
    assertFalse(first.version().equals(second.version()), "the version changes with the object");
  }

  @Test
  void listIsSortedRecursiveAndByPrefix() throws IOException {
    for (String k : List.of("r2/x", "r1/b/c", "r1/a", "r10/z", "top")) {
      store.put(k, k.getBytes(UTF_8), 0, k.length());
    }
    assertEquals(
        List.of("r1/a", "r1/b/c", "r10/z", "r2/x", "top"),
        store.list("").stream().map(StoredObject::key).toList());
    assertEquals(
        List.of("r1/a", "r1/b/c"), store.list("r1/").stream().map(StoredObject::key).toList());
    assertEquals(6, store.list("r1/b/").get(0).size());
    assertEquals(List.of(), store.list("nothing/"));
  }

  @Test
  void aMissingObjectIsEmptyOrNoSuchFile() throws IOException {
    assertEquals(Optional.empty(), store.stat("missing"));
    assertThrows(NoSuchFileException.class, () -> store.open("missing", 0).close());
    store.delete(List.of("missing")); // skipped
  }

  @Test
  void deleteRemovesTheObjects() throws IOException {
    store.put("d/1", new byte[] {1}, 0, 1);
    store.put("d/2", new byte[] {2}, 0, 1);
    store.put("e", new byte[] {3}, 0, 1);
    store.delete(List.of("d/1", "d/2"));
    assertEquals(List.of("e"), store.list("").stream().map(StoredObject::key).toList());
  }

  @Test
  void appendIsVisibleAtOnceWhereSupported() throws IOException {
    if (!store.canAppend()) {
      assertThrows(UnsupportedOperationException.class, () -> store.append("a", new byte[1], 0, 1));
      return;
    }
    store.append("log/a", "hello ".getBytes(UTF_8), 0, 6);
    assertEquals("hello ", new String(store.read("log/a"), UTF_8));
    store.append("log/a", "world".getBytes(UTF_8), 0, 5);
    assertEquals("hello world", new String(store.read("log/a"), UTF_8));
    assertEquals(11, store.stat("log/a").orElseThrow().size());
  }

  @Test
  void createIfAbsentLetsExactlyOneOfManyWin() throws Exception {
    int threads = 8;
    for (int trial = 0; trial < 10; trial++) {
      String key = ".dltrack/run-" + trial + ".lock";
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          byte[] content = ("holder " + i).getBytes(UTF_8);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.createIfAbsent(key, content);
                  }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
          won += f.get() ? 1 : 0;
        }
        assertEquals(1, won, "trial " + trial + ": exactly one creator wins");
        assertTrue(new String(store.read(key), UTF_8).startsWith("holder "));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void replaceIfSucceedsOnlyAtTheExpectedVersion() throws IOException {
    assertTrue(store.createIfAbsent("lock", "a".getBytes(UTF_8)));
    StoredObject a = store.stat("lock").orElseThrow();
    StoredObject b = store.replaceIf(a, "b".getBytes(UTF_8)).orElseThrow();
    assertEquals("b", new String(store.read("lock"), UTF_8));
    assertEquals(Optional.empty(), store.replaceIf(a, "c".getBytes(UTF_8)), "a stale version");
    assertEquals("b", new String(store.read("lock"), UTF_8));
    assertTrue(store.replaceIf(b, "d".getBytes(UTF_8)).isPresent());
    store.delete(List.of("lock"));
    assertEquals(Optional.empty(), store.replaceIf(b, "e".getBytes(UTF_8)), "a deleted object");
  }

  @Test
  void replaceIfLetsExactlyOneOfManyWin() throws Exception {
    int threads = 6;
    for (int trial = 0; trial < 10; trial++) {
      String key = "lease-" + trial;
      assertTrue(store.createIfAbsent(key, "start".getBytes(UTF_8)));
      StoredObject start = store.stat(key).orElseThrow();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          byte[] content = ("taker " + i).getBytes(UTF_8);
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return store.replaceIf(start, content).isPresent();
                  }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
          won += f.get() ? 1 : 0;
        }
        assertEquals(1, won, "trial " + trial + ": exactly one replacer wins");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
