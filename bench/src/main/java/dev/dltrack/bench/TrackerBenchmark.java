package dev.dltrack.bench;

import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The tracker's own costs, in one run: scalars per second end to end (from the first call to the
 * return of close(), so every byte is on disk), the caller-side cost of one scalar call (median
 * and p99), the cost of a histogram of 10^4..10^7 floats, and the bytes each scalar event takes.
 * Each figure is the median of several repetitions after a warm-up, with min..max.
 */
public final class TrackerBenchmark {
  private static final int REPS = 5;

  private TrackerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int scalars = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    try (Scratch scratch = Scratch.create("dltrack-bench")) {
      Path root = scratch.path();
      System.out.printf(
          Locale.ROOT,
          "tracker benchmark: %,d scalars per repetition, %d repetitions, %d CPUs, Java %s%n%n",
          scalars,
          REPS,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      endToEnd(scalars, "tensorboard+wandb", new String[] {"tensorboard", "wandb"});
      endToEnd(scalars, "tensorboard only", new String[] {"tensorboard"});
      callerLatency(root, 1_000_000);
      histograms(root);
    }
  }

  /** Logs {@code n} scalars at increasing steps, then closes; returns seconds. */
  private static double logScalars(Path root, String name, int n, String[] formats)
      throws IOException {
    long t0 = System.nanoTime();
    try (Run run = Run.builder(name).logRoot(root).formats(formats).open()) {
      for (int i = 0; i < n; i++) {
        run.scalar("train/loss", i, 1.0 / (i + 1));
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void endToEnd(int n, String label, String[] formats) throws IOException {
    // each run deleted once measured: hundreds of MB each, which would otherwise pile up in the
    // page cache while the next ones are timed
    try (Scratch warmup = Scratch.create("dltrack-bench-e2e")) {
      logScalars(warmup.path(), "warmup", n / 2, formats);
    }
    double[] rate = new double[REPS];
    long eventBytes = 0;
    for (int r = 0; r < REPS; r++) {
      try (Scratch scratch = Scratch.create("dltrack-bench-e2e")) {
        rate[r] = n / logScalars(scratch.path(), "e2e", n, formats);
        eventBytes = eventFileBytes(scratch.resolve("e2e"));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "scalars end to end, %-18s %s%n",
        label + ":",
        Stats.of(rate).format("scalars/s", 1));
    if (Arrays.asList(formats).contains("tensorboard")) {
      System.out.printf(
          Locale.ROOT,
          "  bytes per scalar event (TensorBoard, tag 'train/loss'): %.1f%n",
          (double) eventBytes / n);
    }
  }

  private static void callerLatency(Path root, int n) throws IOException {
    long[] samples = new long[n];
    try (Run run = Run.builder("latency").logRoot(root).open()) {
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        run.scalar("train/loss", i, 1.0 / (i + 1));
        samples[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(samples);
    System.out.printf(
        Locale.ROOT,
        "caller-side cost of scalar(): median %d ns, p99 %d ns, p99.9 %d ns (each call timed, %,d"
            + " calls, queue full at times)%n",
        samples[n / 2],
        samples[(int) (n * 0.99)],
        samples[(int) (n * 0.999)],
        n);
  }

  private static void histograms(Path root) throws IOException {
    SplittableRandom random = new SplittableRandom(1);
    System.out.println();
    for (int size = 10_000; size <= 10_000_000; size *= 10) {
      float[] values = new float[size];
      for (int i = 0; i < size; i++) {
        values[i] = (float) random.nextGaussian();
      }
      int reps = size >= 10_000_000 ? 5 : 21;
      for (int w = 0; w < 3; w++) {
        Histogram.of(values);
      }
      double[] compute = new double[reps];
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        Histogram.of(values);
        compute[r] = (System.nanoTime() - t0) / 1e6;
      }
      double[] logged = new double[reps];
      try (Run run = Run.builder("hist-" + size).logRoot(root).open()) {
        for (int r = 0; r < reps; r++) {
          long t0 = System.nanoTime();
          run.histogram("w", r, values);
          logged[r] = (System.nanoTime() - t0) / 1e6;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "histogram of %,11d floats: compute %s, caller-side histogram() %s%n",
          size,
          Stats.of(compute).format("ms", 1),
          Stats.of(logged).format("ms", 1));
    }
  }

  private static long eventFileBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().contains("tfevents"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }
}
