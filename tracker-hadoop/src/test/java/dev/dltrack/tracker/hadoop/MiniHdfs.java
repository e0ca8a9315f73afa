package dev.dltrack.tracker.hadoop;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-process HDFS for tests: one NameNode and one DataNode on free ports, storing under a
 * directory of {@code target/}. Starting one takes a few seconds, so a test class starts one (in
 * {@code @BeforeAll}) and gives each test a fresh directory of it ({@link #freshDirectory()}).
 */
public final class MiniHdfs implements Closeable {
  private final MiniDFSCluster cluster;
  private final AtomicInteger directories = new AtomicInteger();

  private MiniHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a cluster storing under {@code target/minihdfs/<random>} of the working directory. */
  public static MiniHdfs start() throws IOException {
    return start(Path.of("target", "minihdfs", UUID.randomUUID().toString()));
  }

  /** Starts a cluster storing under {@code baseDir}, which it creates. */
  public static MiniHdfs start(Path baseDir) throws IOException {
    requireNonNull(baseDir, "baseDir");
    Configuration conf = new Configuration();
    // one DataNode holds every block: without this, each block would wait for two more replicas
    conf.setInt("dfs.replication", 1);
    // the DataNode reports every second, not every three: the cluster is ready sooner
    conf.setLong("dfs.heartbeat.interval", 1);
    // closing a written file waits until the DataNode has reported the block, polling from 400 ms
    // on: the DataNode here reports within milliseconds, so poll sooner (client side, for tests
    // that write many small files)
    conf.setLong("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
    MiniDFSCluster cluster =
        new MiniDFSCluster.Builder(conf, baseDir.toAbsolutePath().toFile()).numDataNodes(1).build();
    cluster.waitActive();
    return new MiniHdfs(cluster);
  }

  /** The file system's URI, {@code hdfs://localhost:<port>}. */
  public URI uri() {
    return cluster.getURI();
  }

  /** A directory not used before, not created: {@code hdfs://localhost:<port>/test-<n>}. */
  public URI freshDirectory() {
    return uri().resolve("/test-" + directories.incrementAndGet());
  }

  /** A copy of the cluster's client configuration (its {@code fs.defaultFS} included). */
  public Configuration conf() {
    return new Configuration(cluster.getConfiguration(0));
  }

  /** A new client of the cluster, not shared with any other: the caller closes it. */
  public FileSystem newFileSystem() throws IOException {
    return FileSystem.newInstance(uri(), conf());
  }

  /**
   * Writes the cluster's client configuration to {@code file}, for stores opened by URI (option
   * {@code hdfs.conf}): above all its one replica per block, without which a client asks for three
   * and an append fails to find DataNodes for its pipeline.
   */
  public Path writeClientConfiguration(Path file) throws IOException {
    Configuration conf = conf();
    conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
    try (OutputStream out = Files.newOutputStream(file)) {
      conf.writeXml(out);
    }
    return file;
  }

  /** Stops the cluster and deletes its data. */
  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
