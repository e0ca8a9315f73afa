package dev.dltrack.tracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.Histogram;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.PixelRange;
import dev.dltrack.tracker.PrCurve;
import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.EmbeddingPoint;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.ImagePoint;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.PrCurvePoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every output format keeps, proven by writing through {@link Run} with only that
 * format and reading the files back with the format's own reader. A format's test extends this
 * class and says how to read a run back.
 */
public abstract class SinkCompatibilityKit {
  @TempDir protected Path root;

  /** The format's name, as {@code Run.Builder.formats} takes it. */
  protected abstract String format();

  /** Reads the run in {@code runDir} back through the format's reader. */
  protected abstract RunLog readBack(Path runDir, String name) throws IOException;

  /** The run's summary value of {@code key}, as the format records summaries. */
  protected abstract double summaryValue(Path runDir, String key) throws IOException;

  /** Extra checks of everything the format wrote (an independent checker, say). */
  protected void checkFiles(Path runDir) throws Exception {}

  protected Run.Builder run(String name) {
    return Run.builder(name).logRoot(root).formats(format());
  }

  /**
   * Closes the run, checks its files, and reads it back through the format-neutral {@link
   * LogRoot#read}, which must pick this format's reader and agree with it.
   */
  protected RunLog closeAndRead(Run run) throws Exception {
    run.close();
    checkFiles(run.directory());
    RunLog own = readBack(run.directory(), run.name());
    RunLog neutral = LogRoot.read(root).run(run.name()).orElseThrow();
    assertThat(neutral.scalars()).isEqualTo(own.scalars());
    assertThat(neutral.histograms()).isEqualTo(own.histograms());
    assertThat(neutral.texts()).isEqualTo(own.texts());
    assertThat(neutral.session()).isEqualTo(own.session());
    return neutral;
  }

  private static float f(double v) {
    return (float) v;
  }

  @Nested
  class Scalars {
    @Test
    void roundTripInStepOrderAtFloat32Precision() throws Exception {
      Run run = run("scalars").open();
      for (int s = 0; s < 500; s++) {
        run.scalar("train/loss", s, 1.0 / (s + 1));
      }
      RunLog log = closeAndRead(run);
      List<ScalarPoint> points = log.scalars("train/loss");
      assertThat(points).hasSize(500);
      for (int s = 0; s < 500; s++) {
        assertThat(points.get(s).step()).isEqualTo(s);
        assertThat(f(points.get(s).value())).isEqualTo(f(1.0 / (s + 1)));
      }
    }

    @Test
    void nanAndInfinitiesAreKept() throws Exception {
      Run run = run("nan").open();
      run.scalar("x", 0, Double.NaN);
      run.scalar("x", 1, Double.POSITIVE_INFINITY);
      run.scalar("x", 2, Double.NEGATIVE_INFINITY);
      run.scalar("x", 3, -0.0);
      RunLog log = closeAndRead(run);
      assertThat(log.scalars("x"))
          .extracting(ScalarPoint::value)
          .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0);
    }

    @Test
    void tagsWithCharactersTensorBoardRefusesAreCleaned() throws Exception {
      Run run = run("odd-tags").open();
      run.scalar("loss (val) %", 0, 1);
      run.scalar("ünï/cødé", 0, 2);
      RunLog log = closeAndRead(run);
      assertThat(log.scalars()).containsOnlyKeys("loss__val___", "ünï/cødé");
    }

    @Test
    void manyTagsAtOneStepAllArrive() throws Exception {
      Run run = run("wide").open();
      for (int t = 0; t < 100; t++) {
        run.scalar("m" + t, 7, t);
      }
      RunLog log = closeAndRead(run);
      assertThat(log.scalars()).hasSize(100);
      assertThat(log.lastScalar("m42")).map(ScalarPoint::value).contains(42.0);
    }

    @Test
    void summaryValuesAreRecorded() throws Exception {
      Run run = run("summary").open();
      run.scalar("val/accuracy", 9, 0.8);
      run.summary("test/accuracy", 0.875);
      run.close();
      assertThat(summaryValue(run.directory(), "test/accuracy")).isEqualTo(0.875);
    }
  }

  @Nested
  class Histograms {
    @Test
    void bucketsOfDoubleDataRoundTrip() throws Exception {
      double[] values = new SplittableRandom(1).doubles(10_000, -1, 1).toArray();
      Histogram expected = Histogram.of(values);
      Run run = run("hist").open();
      run.histogram("w", 3, values);
      RunLog log = closeAndRead(run);
      HistogramPoint p = log.histograms("w").get(0);
      assertThat(p.step()).isEqualTo(3);
      assertSameBuckets(p.histogram(), expected);
    }

    @Test
    void floatDataAndPrecomputedHistogramsRoundTrip() throws Exception {
      float[] values = new float[4096];
      SplittableRandom r = new SplittableRandom(2);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) r.nextGaussian();
      }
      Histogram given = Histogram.ofBuckets(new double[] {0, 1, 2, 4}, new double[] {1, 0, 3});
      Run run = run("hist-float").open();
      run.histogram("g", 0, values);
      run.histogram("given", 0, given);
      RunLog log = closeAndRead(run);
      assertSameBuckets(log.histograms("g").get(0).histogram(), Histogram.of(values));
      Histogram back = log.histograms("given").get(0).histogram();
      assertThat(back.count()).isEqualTo(4);
      assertThat(back.edge(0)).isEqualTo(0);
      assertThat(back.edge(back.bucketCount())).isEqualTo(4);
    }

    @Test
    void constantDataStillHasABucketHoldingEveryValue() throws Exception {
      Run run = run("const").open();
      run.histogram("zeros", 0, new float[256]);
      RunLog log = closeAndRead(run);
      Histogram h = log.histograms("zeros").get(0).histogram();
      assertThat(h.count()).isEqualTo(256);
      assertThat(h.edge(0)).isLessThanOrEqualTo(0);
      assertThat(h.edge(h.bucketCount())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void nonFiniteValuesAreLeftOutAndCountedAlongside() throws Exception {
      Run run = run("nonfinite").open();
      run.histogram("w", 5, new double[] {1, 2, Double.NaN, Double.POSITIVE_INFINITY, 3});
      RunLog log = closeAndRead(run);
      assertThat(log.histograms("w").get(0).histogram().count()).isEqualTo(3);
      assertThat(log.scalars("w/nonfinite"))
          .containsExactly(new ScalarPoint(5, log.scalars("w/nonfinite").get(0).wallTime(), 2));
    }

    @Test
    void emptyInputLogsNothing() throws Exception {
      Run run = run("empty").open();
      run.histogram("w", 0, new double[0]);
      run.scalar("x", 0, 1);
      RunLog log = closeAndRead(run);
      assertThat(log.histograms()).isEmpty();
    }

    private void assertSameBuckets(Histogram actual, Histogram expected) {
      assertThat(actual.count()).isEqualTo(expected.count());
      assertThat(actual.bucketCount()).isEqualTo(expected.bucketCount());
      for (int i = 0; i < expected.bucketCount(); i++) {
        assertThat(actual.bucketCount(i))
            .as("count of bucket %s", i)
            .isEqualTo(expected.bucketCount(i));
        assertThat(actual.edge(i + 1)).isCloseTo(expected.edge(i + 1), within(1e-12));
      }
      assertThat(actual.edge(0)).isCloseTo(expected.edge(0), within(1e-12));
    }
  }

  @Nested
  class TextAndHParams {
    @Test
    void markdownRoundTrips() throws Exception {
      String md = "# Config\n\n| key | value |\n|---|---|\n| lr | 0.001 |\n\nünïcødé ✓";
      Run run = run("text").open();
      run.text("config", 0, md);
      RunLog log = closeAndRead(run);
      assertThat(log.texts("config"))
          .singleElement()
          .satisfies(t -> assertThat(t.markdown()).isEqualTo(md));
    }

    @Test
    void configIsTheSessionsHParams() throws Exception {
      Run run =
          run("hp")
              .config(Map.of("scheme", "he-normal", "lr", 0.001, "seed", 7, "dropout", true))
              .group("he-normal")
              .open();
      RunLog log = closeAndRead(run);
      assertThat(log.session()).isPresent();
      assertThat(log.session().get().hparams())
          .containsEntry("scheme", "he-normal")
          .containsEntry("lr", 0.001)
          .containsEntry("seed", 7.0)
          .containsEntry("dropout", true);
      assertThat(log.session().get().group()).isEqualTo("he-normal");
    }
  }

  @Nested
  class Images {
    @Test
    void greyColourAndByteImagesRoundTripPixelForPixel() throws Exception {
      float[][] grey = new float[5][7];
      float[][][] rgb = new float[4][3][3];
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 7; x++) {
          grey[y][x] = -1 + 2f * (y * 7 + x) / 34;
        }
      }
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 3; x++) {
          rgb[y][x] = new float[] {y / 3f, x / 2f, 0.5f};
        }
      }
      BufferedImage argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
      argb.setRGB(1, 1, 0x80ff0010);
      byte[][] bytes = {{0, 1, (byte) 255}, {(byte) 128, 64, 32}};
      Run run = run("images").open();
      run.image("grey", 0, grey, PixelRange.of(-1, 1));
      run.image("rgb", 0, rgb, PixelRange.UNIT);
      run.image("argb", 0, argb);
      run.image("bytes", 0, bytes);
      RunLog log = closeAndRead(run);
      assertThat(log.images()).containsOnlyKeys("grey", "rgb", "argb", "bytes");
      ImageData g = log.images("grey").get(0).image();
      assertThat(g.describe()).isEqualTo("5x7 grey");
      assertThat(g.level(0, 0, 0)).isZero();
      assertThat(g.level(4, 6, 0)).isEqualTo(255);
      assertThat(g).isEqualTo(ImageData.grey(grey, PixelRange.of(-1, 1)));
      ImageData c = log.images("rgb").get(0).image();
      assertThat(c.describe()).isEqualTo("4x3 RGB");
      assertThat(c.level(3, 1, 0)).isEqualTo(255);
      assertThat(c.level(3, 1, 1)).isEqualTo(128);
      ImageData a = log.images("argb").get(0).image();
      assertThat(a.channels()).isEqualTo(4);
      assertThat(new int[] {a.level(1, 1, 0), a.level(1, 1, 1), a.level(1, 1, 2), a.level(1, 1, 3)})
          .containsExactly(255, 0, 16, 128);
      assertThat(log.images("bytes").get(0).image()).isEqualTo(ImageData.grey(bytes));
    }

    @Test
    void aBatchKeepsItsImagesInOrderAndStepsStayApart() throws Exception {
      List<ImageData> batch = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        batch.add(ImageData.ofBytes(2, 2, 1, new byte[] {(byte) k, 0, 0, (byte) (10 * k)}));
      }
      Run run = run("batch").open();
      run.images("samples", 0, batch);
      run.image("samples", 1, batch.get(3));
      RunLog log = closeAndRead(run);
      List<ImagePoint> points = log.images("samples");
      assertThat(points).extracting(ImagePoint::step).containsExactly(0L, 1L);
      assertThat(points.get(0).images()).isEqualTo(batch);
      assertThat(points.get(1).images()).containsExactly(batch.get(3));
    }

    @Test
    void theCallerMayReuseItsArrayAtOnce() throws Exception {
      float[][] px = {{0, 1}, {1, 0}};
      Run run = run("reuse").open();
      run.image("x", 0, px, PixelRange.UNIT);
      px[0][0] = 1;
      run.image("x", 1, px, PixelRange.UNIT);
      RunLog log = closeAndRead(run);
      assertThat(log.images("x").get(0).image().level(0, 0, 0)).isZero();
      assertThat(log.images("x").get(1).image().level(0, 0, 0)).isEqualTo(255);
    }

    @Test
    void aGridOfWeightTilesRoundTrips() throws Exception {
      float[][] units = new float[64][784];
      SplittableRandom r = new SplittableRandom(3);
      for (float[] u : units) {
        for (int i = 0; i < u.length; i++) {
          u[i] = (float) (r.nextGaussian() * 0.1);
        }
      }
      PixelRange range = PixelRange.symmetric(1);
      ImageData grid = ImageData.grid(ImageData.tiles(units, 28, 28, range), 8);
      Run run = run("grid").open();
      run.image("layer0/W", 0, grid);
      RunLog log = closeAndRead(run);
      assertThat(log.images("layer0/W").get(0).image()).isEqualTo(grid);
    }
  }

  @Nested
  class PrCurves {
    @Test
    void aBinaryCurveRoundTripsAtFloat32() throws Exception {
      SplittableRandom r = new SplittableRandom(4);
      boolean[] labels = new boolean[2000];
      float[] probs = new float[2000];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = r.nextInt(3) == 0;
        probs[i] = (float) r.nextDouble();
      }
      PrCurve expected = PrCurve.of(labels, probs);
      Run run = run("pr").open();
      run.prCurve("pr/binary", 5, labels, probs);
      RunLog log = closeAndRead(run);
      PrCurvePoint p = log.prCurves("pr/binary").get(0);
      assertThat(p.step()).isEqualTo(5);
      assertSameCurve(p.curve(), expected);
      assertThat(p.curve().thresholds()).isEqualTo(PrCurve.DEFAULT_THRESHOLDS);
    }

    @Test
    void aMultiClassPredictionGivesOneCurvePerClass() throws Exception {
      int[] labels = {0, 1, 2, 2, 1, 0};
      float[][] probs = {
        {0.8f, 0.1f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.1f, 0.8f},
        {0.3f, 0.3f, 0.4f}, {0.5f, 0.4f, 0.1f}, {0.6f, 0.2f, 0.2f}
      };
      Run run = run("per-class").open();
      run.prCurves("test/pr", 9, labels, probs, List.of("shirt", "bag", "boot"), 11);
      RunLog log = closeAndRead(run);
      assertThat(log.prCurves()).containsOnlyKeys("test/pr/shirt", "test/pr/bag", "test/pr/boot");
      List<PrCurve> expected = PrCurve.perClass(labels, probs, 11);
      assertSameCurve(log.prCurves("test/pr/bag").get(0).curve(), expected.get(1));
      assertThat(log.prCurves("test/pr/boot").get(0).curve().truePositives()[0]).isEqualTo(2);
    }

    @Test
    void precomputedCountsRoundTrip() throws Exception {
      PrCurve c =
          PrCurve.ofCounts(
              new double[] {10, 6, 0},
              new double[] {10, 2, 0},
              new double[] {0, 8, 10},
              new double[] {0, 4, 10});
      Run run = run("counts").open();
      run.prCurve("raw", 0, c);
      RunLog log = closeAndRead(run);
      assertSameCurve(log.prCurves("raw").get(0).curve(), c);
      assertThat(log.prCurves("raw").get(0).curve().precision()[1]).isEqualTo(0.75);
    }

    private void assertSameCurve(PrCurve actual, PrCurve expected) {
      assertThat(actual.thresholds()).isEqualTo(expected.thresholds());
      assertThat(actual.truePositives()).isEqualTo(expected.truePositives());
      assertThat(actual.falsePositives()).isEqualTo(expected.falsePositives());
      assertThat(actual.trueNegatives()).isEqualTo(expected.trueNegatives());
      assertThat(actual.falseNegatives()).isEqualTo(expected.falseNegatives());
      for (int i = 0; i < expected.thresholds(); i++) {
        assertThat(f(actual.precision()[i]))
            .as("precision %s", i)
            .isEqualTo(f(expected.precision()[i]));
        assertThat(f(actual.recall()[i])).as("recall %s", i).isEqualTo(f(expected.recall()[i]));
      }
    }
  }

  @Nested
  class Embeddings {
    private float[][] vectors(int n, int d, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      float[][] v = new float[n][d];
      for (float[] row : v) {
        for (int j = 0; j < d; j++) {
          row[j] = (float) r.nextGaussian();
        }
      }
      return v;
    }

    @Test
    void vectorsLabelsAndSpritesRoundTrip() throws Exception {
      float[][] v = vectors(30, 8, 5);
      List<String> labels = new ArrayList<>();
      List<ImageData> sprites = new ArrayList<>();
      for (int i = 0; i < v.length; i++) {
        labels.add("class " + (i % 3));
        sprites.add(
            ImageData.ofBytes(3, 2, 1, new byte[] {(byte) i, 1, 2, 3, 4, (byte) (200 - i)}));
      }
      Embedding e = Embedding.of(v).withLabels(labels).withSprites(sprites);
      Run run = run("emb").open();
      run.embedding("penultimate", 10, e);
      v[0][0] = 99; // the caller reuses its array
      RunLog log = closeAndRead(run);
      EmbeddingPoint p = log.embeddings("penultimate").get(0);
      assertThat(p.step()).isEqualTo(10);
      assertThat(p.embedding()).isEqualTo(e);
      assertThat(p.embedding().vector(0)[0]).isNotEqualTo(99);
      assertThat(p.embedding().metadata().get(4)).containsExactly("class 1");
      assertThat(p.embedding().sprites().get(29).level(2, 1, 0)).isEqualTo(171);
    }

    @Test
    void aMetadataTableWithAHeaderRoundTrips() throws Exception {
      float[][] v = vectors(4, 3, 6);
      List<List<String>> rows =
          List.of(
              List.of("shirt", "0", "ok"),
              List.of("bag", "1", ""),
              List.of("boot", "2", "ünï"),
              List.of("bag", "3", "x y"));
      Embedding e = Embedding.of(v).withMetadata(List.of("class", "index", "note"), rows);
      Run run = run("table").open();
      run.embedding("e", 0, e);
      RunLog log = closeAndRead(run);
      assertThat(log.embeddings("e").get(0).embedding()).isEqualTo(e);
    }

    /**
     * The sinks write labels and sprites logged again unchanged only once: each step still reads
     * back whole.
     */
    @Test
    void labelsAndSpritesLoggedAgainReadBackAtEveryStep() throws Exception {
      List<String> labels = List.of("a", "b", "c", "a");
      List<String> relabelled = List.of("d", "b", "c", "a");
      List<ImageData> sprites = new ArrayList<>();
      List<ImageData> others = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sprites.add(ImageData.ofBytes(2, 2, 1, new byte[] {(byte) i, 1, 2, 3}));
        others.add(ImageData.ofBytes(2, 2, 1, new byte[] {(byte) (9 - i), 1, 2, 3}));
      }
      List<Embedding> logged =
          List.of(
              Embedding.of(vectors(4, 3, 1)).withLabels(labels).withSprites(sprites),
              Embedding.of(vectors(4, 3, 2)).withLabels(labels).withSprites(sprites),
              Embedding.of(vectors(4, 3, 3)).withLabels(relabelled).withSprites(sprites),
              Embedding.of(vectors(4, 3, 4)).withLabels(relabelled).withSprites(others),
              Embedding.of(vectors(4, 3, 5)).withLabels(labels).withSprites(sprites));
      Run run = run("again").open();
      for (int i = 0; i < logged.size(); i++) {
        run.embedding("penultimate", i, logged.get(i));
      }
      run.embedding("other", 0, logged.get(0)); // another tag, the same labels and sprites
      RunLog log = closeAndRead(run);
      assertThat(log.embeddings("penultimate"))
          .extracting(EmbeddingPoint::embedding)
          .containsExactlyElementsOf(logged);
      assertThat(log.embeddings("other"))
          .extracting(EmbeddingPoint::embedding)
          .containsExactly(logged.get(0));
    }

    @Test
    void severalEmbeddingsPerRunAreKeptByTagAndStep() throws Exception {
      Run run = run("several").open();
      Embedding a0 = Embedding.of(vectors(5, 2, 1));
      Embedding a9 = Embedding.of(vectors(5, 2, 2));
      Embedding b0 =
          Embedding.of(vectors(7, 3, 3)).withLabels(List.of("a", "b", "c", "d", "e", "f", "g"));
      run.embedding("before", 0, a0);
      run.embedding("before", 9, a9);
      run.embedding("other/layer", 0, b0);
      RunLog log = closeAndRead(run);
      assertThat(log.embeddings()).containsOnlyKeys("before", "other/layer");
      assertThat(log.embeddings("before")).extracting(EmbeddingPoint::step).containsExactly(0L, 9L);
      assertThat(log.embeddings("before"))
          .extracting(EmbeddingPoint::embedding)
          .containsExactly(a0, a9);
      assertThat(log.embeddings("other/layer").get(0).embedding()).isEqualTo(b0);
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void closeEndsTheRunAsSuccessAndIsIdempotent() throws Exception {
      Run run = run("ok").open();
      run.scalar("x", 0, 1);
      run.close();
      run.close();
      checkFiles(run.directory());
      assertThat(readBack(run.directory(), "ok").session().get().status())
          .isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void failEndsTheRunAsFailure() throws Exception {
      Run run = run("bad").open();
      run.scalar("x", 0, 1);
      run.fail(new IllegalStateException("loss is NaN"));
      run.close();
      assertThat(readBack(run.directory(), "bad").session().get().status())
          .isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void trackEndsAsFailureWhenTheBodyThrowsAndRethrows() throws Exception {
      assertThatThrownBy(
              () ->
                  run("thrown")
                      .track(
                          r -> {
                            r.scalar("x", 0, 1);
                            throw new ArithmeticException("diverged");
                          }))
          .isInstanceOf(ArithmeticException.class);
      assertThat(readBack(root.resolve("thrown"), "thrown").session().get().status())
          .isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void flushMakesEverythingLoggedBeforeVisible() throws Exception {
      Run run = run("flush").flushInterval(java.time.Duration.ofHours(1)).open();
      for (int s = 0; s < 1000; s++) {
        run.scalar("x", s, s);
      }
      run.flush();
      checkFiles(run.directory());
      assertThat(readBack(run.directory(), "flush").scalars("x")).hasSize(1000);
      run.close();
    }

    @Test
    void loggingAfterCloseIsAnError() throws Exception {
      Run run = run("closed").open();
      run.close();
      assertThatThrownBy(() -> run.scalar("x", 0, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }

    @Test
    void resumingARunAppendsAndKeepsWhatWasThere() throws Exception {
      Run first = run("again").open();
      first.scalar("x", 0, 1);
      first.close();
      Run second = run("again").resume().open();
      second.scalar("x", 1, 2);
      RunLog log = closeAndRead(second);
      assertThat(log.scalars("x")).extracting(ScalarPoint::value).containsExactly(1.0, 2.0);
    }

    @Test
    void overwritingARunStartsItAfresh() throws Exception {
      Run first = run("anew").open();
      first.scalar("x", 0, 1);
      first.close();
      Run second = run("anew").overwrite().open();
      second.scalar("y", 0, 2);
      RunLog log = closeAndRead(second);
      assertThat(log.scalars()).containsOnlyKeys("y");
    }

    @Test
    void openingAnEndedRunAgainIsRefusedAndLeavesItAsItWas() throws Exception {
      Run first = run("done").open();
      first.scalar("x", 0, 1);
      RunLog before = closeAndRead(first);
      assertThatThrownBy(() -> run("done").open())
          .isInstanceOf(dev.dltrack.tracker.RunExistsException.class)
          .hasMessageContaining("run 'done' already exists")
          .hasMessageContaining("resume()");
      RunLog after = LogRoot.read(first.directory().getParent()).run("done").orElseThrow();
      assertThat(after.scalars()).isEqualTo(before.scalars());
      assertThat(after.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void aSecondWriterOfAnOpenRunFailsNamingTheHolderAndChangesNothing() throws Exception {
      Run first = run("busy").open();
      first.scalar("x", 0, 1);
      first.flush();
      assertThatThrownBy(() -> run("busy").resume().open())
          .isInstanceOf(dev.dltrack.tracker.RunLockedException.class)
          .hasMessageContaining("already open in this process")
          .hasMessageContaining("pid=" + ProcessHandle.current().pid());
      first.scalar("x", 1, 2);
      RunLog log = closeAndRead(first);
      assertThat(log.scalars("x")).extracting(ScalarPoint::value).containsExactly(1.0, 2.0);
      assertThat(log.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    }
  }
}
