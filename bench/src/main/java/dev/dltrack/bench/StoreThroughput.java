package dev.dltrack.bench;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.s3.S3Server;
import dev.dltrack.tracker.storage.LogStore;
import dev.dltrack.tracker.storage.LogStores;
import dev.dltrack.tracker.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Scalars logged to an S3 server on loopback (s3proxy, in this JVM) against a local disk, default
 * formats and default flush intervals (60 s on a store, 5 s on a disk): the end-to-end rate (first
 * call to the return of close(), everything stored), the caller's cost per {@code scalar()} call,
 * and for a run of a given length logging as a training loop does, the bytes uploaded against the
 * bytes the run's files hold. Usage: {@code StoreThroughput N REPS [RUN_SECONDS]}; {@code
 * RUN_SECONDS} 0 skips the timed run.
 */
public final class StoreThroughput {
  private static final String BUCKET = "bench";

  /** A burst of scalars the run's queue (16,384 records) holds: the caller never waits. */
  private static final int BURST = 12_000;

  private static final int BURST_RUNS = 21;

  private StoreThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int reps = Integer.parseInt(args[1]);
    int runSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 600;
    try (S3Server server = S3Server.start()) {
      server.createBucket(BUCKET);
      System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
      System.setProperty("aws.region", "us-east-1");
      server.options().forEach((k, v) -> System.setProperty("dltrack.s3." + k, v));
      server.options().forEach((k, v) -> System.setProperty("dltrack.s3counted." + k, v));

      Path disk = Files.createTempDirectory("dltrack-store-bench");
      try {
        rate("disk", n / 2, disk.toString()); // warm-up
        rate("s3", n / 2, "s3://" + BUCKET + "/warm");
        double[][] local = new double[2][reps];
        double[][] s3 = new double[2][reps];
        for (int r = 0; r < reps; r++) {
          double[] d = rate("disk", n, disk.toString());
          double[] s = rate("s3", n, "s3://" + BUCKET + "/r" + r);
          local[0][r] = d[0];
          local[1][r] = d[1];
          s3[0][r] = s[0];
          s3[1][r] = s[1];
          System.out.printf(
              Locale.ROOT,
              "rep %d: disk %.2f M/s (%.0f ns per call), s3 %.2f M/s (%.0f ns per call)%n",
              r,
              d[0] / 1e6,
              d[1],
              s[0] / 1e6,
              s[1]);
        }
        System.out.printf(
            Locale.ROOT,
            "end to end, median of %d x %,d scalars: disk %.2f M scalars/s, s3 %.2f M scalars/s:"
                + " s3 at %.0f%% of disk%n",
            reps,
            n,
            median(local[0]) / 1e6,
            median(s3[0]) / 1e6,
            100 * median(s3[0]) / median(local[0]));
        System.out.printf(
            Locale.ROOT,
            "caller's cost per scalar() call over those runs (waiting for the writer when the"
                + " queue is full included), median: disk %.0f ns, s3 %.0f ns%n",
            median(local[1]),
            median(s3[1]));
        double[] diskBursts = new double[BURST_RUNS];
        double[] s3Bursts = new double[BURST_RUNS];
        for (int r = 0; r < BURST_RUNS; r++) {
          diskBursts[r] = rate("disk", BURST, disk.toString())[1];
          s3Bursts[r] = rate("s3", BURST, "s3://" + BUCKET + "/b" + r)[1];
        }
        System.out.printf(
            Locale.ROOT,
            "caller's own cost per scalar() call, in bursts of %,d the queue holds, median of %d"
                + " runs: disk %.0f ns, s3 %.0f ns%n",
            BURST,
            BURST_RUNS,
            median(diskBursts),
            median(s3Bursts));
      } finally {
        MoreFiles.deleteRecursively(disk, RecursiveDeleteOption.ALLOW_INSECURE);
      }
      if (runSeconds > 0) {
        timedRun(runSeconds);
      }
    }
  }

  /** Logs {@code n} scalars into a new run at {@code root}: {scalars/s end to end, ns per call}. */
  private static double[] rate(String label, int n, String root) throws IOException {
    String name = label + "-" + System.nanoTime();
    long t0 = System.nanoTime();
    long loop;
    try (Run run = Run.builder(name).logRoot(root).open()) {
      long l0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        run.scalar("train/loss", i, 1.0 / (i + 1));
      }
      loop = System.nanoTime() - l0;
    }
    long total = System.nanoTime() - t0;
    if (LogStores.isStore(root)) {
      // the in-process server keeps objects in this JVM's heap: emptied after each run, so that
      // the next one does not pay for the server's garbage
      try (LogStore store = LogStores.open(root, Map.of())) {
        store.delete(store.list("").stream().map(StoredObject::key).toList());
      }
    }
    return new double[] {n / (total / 1e9), (double) loop / n};
  }

  /**
   * A run of {@code seconds} logging as the study's training loop does (the loss and accuracy of
   * every step, 200 steps a second; every 30 s an epoch's validation metrics and 6 histograms), at
   * the store's default flush interval: bytes uploaded against the bytes of the run's files.
   */
  private static void timedRun(int seconds) throws IOException, InterruptedException {
    String root = "s3counted://" + BUCKET + "/timed";
    long bytes0 = CountingLogStoreProvider.BYTES.get();
    long writes0 = CountingLogStoreProvider.WRITES.get();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long step = 0;
    long nextEpoch = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    float[] weights = new float[100_000];
    Random random = new Random(1);
    try (Run run = Run.builder("timed").logRoot(root).open()) {
      while (System.nanoTime() < end) {
        run.scalar("train/loss", step, 2.0 / (1 + step * 1e-3));
        run.scalar("train/accuracy", step, 1 - 1.0 / (1 + step * 1e-3));
        step++;
        if (System.nanoTime() > nextEpoch) {
          nextEpoch += Duration.ofSeconds(30).toNanos();
          run.scalar("val/loss", step, 0.5);
          run.scalar("val/accuracy", step, 0.9);
          for (int layer = 0; layer < 6; layer++) {
            for (int i = 0; i < weights.length; i++) {
              weights[i] = (float) random.nextGaussian();
            }
            run.histogram("layer" + layer + "/W", step, weights);
          }
        }
        Thread.sleep(5);
      }
    }
    long uploaded = CountingLogStoreProvider.BYTES.get() - bytes0;
    long writes = CountingLogStoreProvider.WRITES.get() - writes0;
    Path copy = LogRoot.read(root).root().resolve("timed");
    long logged;
    long files;
    try (Stream<Path> walk = Files.walk(copy)) {
      long[] sizes = walk.filter(Files::isRegularFile).mapToLong(StoreThroughput::size).toArray();
      logged = Arrays.stream(sizes).sum();
      files = sizes.length;
    }
    System.out.printf(
        Locale.ROOT,
        "a %d s run (%,d steps, 2 scalars a step, an epoch every 30 s) at the default flush"
            + " interval: %,d bytes in %d files, %,d bytes uploaded in %d writes: %.3fx%n",
        seconds,
        step,
        logged,
        files,
        uploaded,
        writes,
        (double) uploaded / logged);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
