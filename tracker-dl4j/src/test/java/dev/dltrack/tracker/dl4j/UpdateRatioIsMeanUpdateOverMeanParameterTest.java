package dev.dltrack.tracker.dl4j;

import static dev.dltrack.tracker.dl4j.Fixtures.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code <layer>/update_ratio/<param>} is mean |update| / mean |parameter| of that variable, as
 * ND4J computes the two means from the update DL4J applied (read by a second listener at the same
 * callback), for every variable of a network whose weights are large enough to span many of the
 * listener's reading chunks.
 */
class UpdateRatioIsMeanUpdateOverMeanParameterTest {
  @TempDir Path root;

  @Test
  void everyLoggedRatioMatchesNd4jsMeans() throws Exception {
    MultiLayerNetwork net = Fixtures.reluSoftmax(2, 100, 300, 3, 1e-2);
    Map<String, Double> expected = new HashMap<>();
    BaseTrainingListener oracle =
        new BaseTrainingListener() {
          @Override
          public void iterationDone(Model model, int iteration, int epoch) {
            Map<String, INDArray> updates = net.gradient().gradientForVariable();
            for (int layer = 0; layer < 2; layer++) {
              for (String p : List.of("W", "b")) {
                double u = updates.get(layer + "_" + p).ameanNumber().doubleValue();
                double w = net.getLayer(layer).getParam(p).ameanNumber().doubleValue();
                expected.put("layer" + layer + "/update_ratio/" + p + "@" + iteration, u / w);
              }
            }
          }
        };
    INDArray[] xy = classes(96, 100, 3, 4);
    try (Run run = Run.builder("ratios").logRoot(root).open()) {
      net.setListeners(TrackingListener.builder(run).updateRatioEvery(2).build(), oracle);
      net.fit(new ListDataSetIterator<>(new DataSet(xy[0], xy[1]).asList(), 16), 1);
    }
    RunLog log = Fixtures.read(root, "ratios");
    int checked = 0;
    for (int layer = 0; layer < 2; layer++) {
      for (String p : List.of("W", "b")) {
        String tag = "layer" + layer + "/update_ratio/" + p;
        List<ScalarPoint> points = log.scalars(tag);
        assertThat(points).extracting(ScalarPoint::step).containsExactly(0L, 2L, 4L);
        for (ScalarPoint point : points) {
          double want = expected.get(tag + "@" + point.step());
          assertThat(point.value())
              .as("%s at %s", tag, point.step())
              .isCloseTo(want, within(1e-4 * want)); // ND4J sums in float
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(12);
    assertThat(net.getLayer(0).getParam("W").length()).isGreaterThan(3 * 4096); // several chunks
  }
}
