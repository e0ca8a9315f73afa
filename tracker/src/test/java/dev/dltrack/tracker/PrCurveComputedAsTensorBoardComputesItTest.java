package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.testsupport.Require;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our PR curve counts are numpy's, computed by the same formula as TensorBoard's {@code
 * pr_curve.summary.pb} and tensorboardX's {@code compute_curve} (float32 predictions, buckets by
 * {@code floor(p * (n - 1))}, reverse cumulative sums), run by the Python that runs TensorBoard.
 */
class PrCurveComputedAsTensorBoardComputesItTest {
  @TempDir Path dir;

  private static final String NUMPY =
      String.join(
          "\n",
          "import sys, numpy as np",
          "d = np.loadtxt(sys.argv[1], dtype=np.float64, ndmin=2)",
          "labels = d[:, 0].astype(bool); predictions = d[:, 1].astype(np.float32)",
          "n = int(sys.argv[2])",
          "bucket_indices = np.int32(np.floor(predictions * (n - 1)))",
          "float_labels = labels.astype(float)",
          "tp_b, _ = np.histogram(bucket_indices, bins=n, range=(0, n - 1), weights=float_labels)",
          "fp_b, _ = np.histogram(bucket_indices, bins=n, range=(0, n - 1), weights=1.0 - float_labels)",
          "tp = np.cumsum(tp_b[::-1])[::-1]; fp = np.cumsum(fp_b[::-1])[::-1]",
          "tn = fp[0] - fp; fn = tp[0] - tp",
          "precision = tp / np.maximum(1e-7, tp + fp); recall = tp / np.maximum(1e-7, tp + fn)",
          "for row in (tp, fp, tn, fn, precision, recall):",
          "    print(' '.join(repr(float(v)) for v in row))",
          "");

  @Test
  void countsPrecisionAndRecallEqualNumpys() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Require.that(
        Files.isExecutable(python) && numpy(python),
        "python3 with numpy (Debian python3-numpy; TensorBoard's setup installs it)");
    SplittableRandom r = new SplittableRandom(11);
    int n = 5000;
    boolean[] labels = new boolean[n];
    float[] probs = new float[n];
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(4) == 0;
      // include the edges and values that sit exactly on bucket boundaries
      probs[i] =
          i % 97 == 0 ? (i % 2 == 0 ? 0f : 1f) : i % 89 == 0 ? 63f / 126 : (float) r.nextDouble();
      data.append(labels[i] ? 1 : 0)
          .append(' ')
          .append(String.format(Locale.ROOT, "%.9g", probs[i]))
          .append('\n');
    }
    Path in = dir.resolve("in.txt");
    Files.writeString(in, data);
    Path script = dir.resolve("pr.py");
    Files.writeString(script, NUMPY);
    for (int thresholds : new int[] {127, 201, 2}) {
      Process p =
          new ProcessBuilder(
                  python.toString(), script.toString(), in.toString(), Integer.toString(thresholds))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(err).isZero();
      String[] rows = out.trim().split("\n");
      PrCurve ours = PrCurve.of(labels, probs, thresholds);
      double[][] mine = {
        ours.truePositives(),
        ours.falsePositives(),
        ours.trueNegatives(),
        ours.falseNegatives(),
        ours.precision(),
        ours.recall()
      };
      for (int row = 0; row < 6; row++) {
        String[] cells = rows[row].trim().split(" ");
        assertThat(cells).hasSize(thresholds);
        for (int i = 0; i < thresholds; i++) {
          assertThat(mine[row][i])
              .as("row %s, threshold %s of %s", row, i, thresholds)
              .isEqualTo(Double.parseDouble(cells[i]));
        }
      }
    }
  }

  private static boolean numpy(Path python) {
    try {
      Process p = new ProcessBuilder(python.toString(), "-c", "import numpy").start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
