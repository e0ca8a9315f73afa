package dev.dltrack.bench;

import dev.dltrack.tracker.s3.S3LogStoreProvider;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStoreProvider;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The S3 store under the scheme {@code s3counted://}, counting the bytes and objects handed to it
 * (what a run uploads, without HTTP's own bytes), for {@link StoreThroughput}'s "bytes uploaded
 * against bytes logged".
 */
public final class CountingLogStoreProvider implements LogStoreProvider {
  /** Bytes put or appended through every store of this scheme. */
  static final AtomicLong BYTES = new AtomicLong();

  /** Objects put (or appends made). */
  static final AtomicLong WRITES = new AtomicLong();

  private final S3LogStoreProvider s3 = new S3LogStoreProvider();

  @Override
  public Set<String> schemes() {
    return Set.of("s3counted");
  }

  @Override
  public Set<String> options() {
    return s3.options();
  }

  @Override
  public LogStore open(URI uri, Map<String, String> options) throws IOException {
    URI real = URI.create("s3" + uri.toString().substring("s3counted".length()));
    return new Counting(s3.open(real, options), uri);
  }

  /** Passes every call on, counting writes. */
  private static final class Counting implements LogStore {
    private final LogStore store;
    private final URI uri;

    Counting(LogStore store, URI uri) {
      this.store = store;
      this.uri = uri;
    }

    @Override
    public URI uri() {
      return uri;
    }

    @Override
    public void check() throws IOException {
      store.check();
    }

    @Override
    public boolean canAppend() {
      return store.canAppend();
    }

    @Override
    public void put(String key, byte[] bytes, int offset, int length) throws IOException {
      store.put(key, bytes, offset, length);
      BYTES.addAndGet(length);
      WRITES.incrementAndGet();
    }

    @Override
    public void append(String key, byte[] bytes, int offset, int length) throws IOException {
      store.append(key, bytes, offset, length);
      BYTES.addAndGet(length);
      WRITES.incrementAndGet();
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
      return store.list(prefix);
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
      return store.stat(key);
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
      return store.open(key, offset);
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
      store.delete(keys);
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) throws IOException {
      return store.createIfAbsent(key, content);
    }

    @Override
    public Optional<StoredObject> replaceIf(StoredObject expected, byte[] content)
        throws IOException {
      return store.replaceIf(expected, content);
    }

    @Override
    public void close() throws IOException {
      store.close();
    }
  }
}
