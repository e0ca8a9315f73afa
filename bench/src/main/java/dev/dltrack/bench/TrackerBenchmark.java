package dev.dltrack.bench;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The tracker's own costs, in one run: scalars per second end to end (from the first call to the
 * return of close(), so every byte is on disk), the caller-side cost of one scalar call (median and
 * p99), the cost of a histogram of 10^4..10^7 floats, the bytes each scalar event takes, and the
 * costs of the media kinds: a 64-tile 28x28 grid image, an embedding of 1,000 x 128 with sprites,
 * PR curves of 10 classes x 10,000 predictions, each caller-side and end to end. Each figure is the
 * median of several repetitions after a warm-up, with min..max. {@code --media} runs only the media
 * part.
 */
public final class TrackerBenchmark {
  private static final int REPS = 5;

  private TrackerBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--media")) {
      try (Scratch scratch = Scratch.create("dltrack-bench")) {
        media(scratch.path());
      }
      return;
    }
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
      media(root);
    }
  }

  private static final int MEDIA_REPS = 9;

  /**
   * The media kinds, with both default formats. Caller-side: the time on the logging thread, from
   * the user's arrays to the return of the call (the grid is made from 64 weight vectors; PNG
   * encoding, by default on the writers' threads, is timed on its own too, as the caller would pay
   * it if it were encoded there). End to end: from opening a run to the return of close()
   * (everything on disk) with one such record logged, minus the same for an empty run.
   */
  static void media(Path root) throws IOException {
    SplittableRandom random = new SplittableRandom(2);
    System.out.println();
    float[][] units = new float[64][784];
    for (float[] u : units) {
      for (int i = 0; i < u.length; i++) {
        u[i] = (float) (random.nextGaussian() * 0.05);
      }
    }
    float[][] vectors = new float[1000][128];
    for (float[] v : vectors) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian();
      }
    }
    List<String> labels = new ArrayList<>();
    List<ImageData> sprites = new ArrayList<>();
    for (int i = 0; i < vectors.length; i++) {
      labels.add("class " + i % 10);
      byte[] px = new byte[28 * 28];
      for (int j = 0; j < px.length; j++) {
        px[j] = (byte) random.nextInt(256);
      }
      sprites.add(ImageData.ofBytes(28, 28, 1, px));
    }
    int[] classes = new int[10_000];
    float[][] probs = new float[10_000][10];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = random.nextInt(10);
      float sum = 0;
      for (int c = 0; c < 10; c++) {
        probs[i][c] = (float) Math.exp((c == classes[i] ? 2 : 0) + random.nextGaussian());
        sum += probs[i][c];
      }
      for (int c = 0; c < 10; c++) {
        probs[i][c] = Math.min(1f, probs[i][c] / sum);
      }
    }
    List<String> classNames = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      classNames.add("c" + c);
    }

    double[] empty = new double[MEDIA_REPS];
    for (int r = -2; r < MEDIA_REPS; r++) {
      long t0 = System.nanoTime();
      try (Run run = Run.builder("empty-" + r).logRoot(root).open()) {
        run.scalar("x", 0, 0);
      }
      if (r >= 0) {
        empty[r] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Stats emptyRun = Stats.of(empty);
    System.out.printf(
        Locale.ROOT,
        "an empty run, open to close (subtracted below): %s%n",
        emptyRun.format("ms", 1));

    double[] png = new double[MEDIA_REPS];
    double[] gridCaller = new double[MEDIA_REPS];
    double[] gridE2e = new double[MEDIA_REPS];
    double[] embCaller = new double[MEDIA_REPS];
    double[] embE2e = new double[MEDIA_REPS];
    double[] prCaller = new double[MEDIA_REPS];
    double[] prE2e = new double[MEDIA_REPS];
    long pngBytes = 0;
    for (int r = -2; r < MEDIA_REPS; r++) {
      // the grid: 64 weight vectors to one image, logged
      long t0 = System.nanoTime();
      Run run = Run.builder("grid-" + r).logRoot(root).open();
      long t1 = System.nanoTime();
      ImageData grid =
          ImageData.grid(ImageData.tiles(units, 28, 28, PixelRange.symmetric(0.25)), 8);
      run.image("layer0/W", 0, grid);
      long t2 = System.nanoTime();
      run.close();
      long t3 = System.nanoTime();
      ImageData fresh =
          ImageData.grid(ImageData.tiles(units, 28, 28, PixelRange.symmetric(0.25)), 8);
      long t4 = System.nanoTime();
      pngBytes = fresh.png().length;
      long t5 = System.nanoTime();

      // the embedding: 1,000 x 128 with labels and 28x28 sprites
      long e0 = System.nanoTime();
      Run erun = Run.builder("emb-" + r).logRoot(root).open();
      long e1 = System.nanoTime();
      erun.embedding(
          "penultimate", 0, Embedding.of(vectors).withLabels(labels).withSprites(sprites));
      long e2 = System.nanoTime();
      erun.close();
      long e3 = System.nanoTime();

      // PR curves: 10 classes x 10,000 predictions
      long p0 = System.nanoTime();
      Run prun = Run.builder("pr-" + r).logRoot(root).open();
      long p1 = System.nanoTime();
      prun.prCurves("test/pr", 0, classes, probs, classNames);
      long p2 = System.nanoTime();
      prun.close();
      long p3 = System.nanoTime();
      if (r >= 0) {
        gridCaller[r] = (t2 - t1) / 1e6;
        gridE2e[r] = (t3 - t0) / 1e6 - emptyRun.median();
        png[r] = (t5 - t4) / 1e6;
        embCaller[r] = (e2 - e1) / 1e6;
        embE2e[r] = (e3 - e0) / 1e6 - emptyRun.median();
        prCaller[r] = (p2 - p1) / 1e6;
        prE2e[r] = (p3 - p0) / 1e6 - emptyRun.median();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "grid image of 64 28x28 tiles (242x242 grey), caller-side (tiles, grid, image()): %s%n",
        Stats.of(gridCaller).format("ms", 1));
    System.out.printf(
        Locale.ROOT,
        "  PNG encoding of it, on its own (%,d bytes): %s%n",
        pngBytes,
        Stats.of(png).format("ms", 1));
    System.out.printf(
        Locale.ROOT, "  end to end, both formats: %s%n", Stats.of(gridE2e).format("ms", 1));
    System.out.printf(
        Locale.ROOT,
        "embedding of 1,000 x 128 with labels and 28x28 sprites, caller-side: %s%n",
        Stats.of(embCaller).format("ms", 1));
    System.out.printf(
        Locale.ROOT, "  end to end, both formats: %s%n", Stats.of(embE2e).format("ms", 1));
    System.out.printf(
        Locale.ROOT,
        "PR curves of 10 classes x 10,000 predictions (127 thresholds), caller-side: %s%n",
        Stats.of(prCaller).format("µs", 1000));
    System.out.printf(
        Locale.ROOT, "  end to end, both formats: %s%n", Stats.of(prE2e).format("ms", 1));
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
