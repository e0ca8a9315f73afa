package dev.dltrack.tracker.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core on a model of plain arrays, as an adapter drives it. */
class InstrumentationTest {
  @TempDir Path root;

  /** One dense layer of 4 weights, a ReLU probe statistic, a 2x2 input tile per unit. */
  static final class FakeModel implements ModelView {
    float[] w = {1, -2, 3, -4};
    float[] grad = {0.1f, 0.2f, 0.3f, 0.4f};
    double ratio = 1e-3;

    @Override
    public List<ParameterView> parameters() {
      return List.of(
          new ParameterView() {
            @Override
            public String layer() {
              return "layer0";
            }

            @Override
            public String name() {
              return "W";
            }

            @Override
            public boolean trained() {
              return true;
            }

            @Override
            public float[] values() {
              return w.clone();
            }

            @Override
            public float[] gradient() {
              return grad.clone();
            }

            @Override
            public double updateRatio() {
              return ratio;
            }
          });
    }

    @Override
    public Map<String, ActivationStats> probeActivations() {
      Map<String, ActivationStats> m = new LinkedHashMap<>();
      m.put("layer0", ActivationStats.ofRows(new float[] {0, 1, 0, 3}, 2, true));
      return m;
    }

    @Override
    public UnitWeights inputWeights(int units) {
      return new UnitWeights("layer0", "W", new float[][] {w.clone()});
    }

    @Override
    public LayerRows penultimateActivations() {
      return new LayerRows("layer0", new float[][] {{1, 2}, {3, 4}});
    }
  }

  private static List<Long> steps(RunLog log, String tag) {
    return log.scalars(tag).stream().map(ScalarPoint::step).toList();
  }

  /** Two epochs of three iterations, driven as the adapters drive it. */
  private RunLog train(Function<Run, Instrumentation.Builder> configured) throws Exception {
    FakeModel model = new FakeModel();
    try (Run run = Run.builder("core").logRoot(root).open()) {
      Instrumentation in = configured.apply(run).build();
      in.beforeTraining(model);
      long step = 0;
      for (int epoch = 0; epoch < 2; epoch++) {
        in.epochStarts(step);
        for (int i = 0; i < 3; i++, step++) {
          in.iteration(step, 1.0 + step, 10);
          if (step == 0) {
            in.gradients(0, model);
          }
          if (in.updateRatiosDue(step)) {
            in.updateRatios(step, model);
          }
        }
        assertThat(in.epochEnds(step, epoch + 1, model, Map.of("train/accuracy", 0.5), true))
            .isTrue();
        assertThat(in.epochEnds(step, epoch + 1, model, Map.of(), true))
            .as("ended twice")
            .isFalse();
      }
    }
    return LogRoot.read(root).run("core").orElseThrow();
  }

  @Test
  void everyCollectorLogsAtTheDl4jListenersSteps() throws Exception {
    RunLog log =
        train(
            run ->
                Instrumentation.builder(run)
                    .updateRatioEvery(2)
                    .activations(true)
                    .weightImages(2, 2, 1)
                    .embedding(List.of("a", "b"), List.of()));
    assertThat(steps(log, Tags.BATCH_LOSS)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(steps(log, Tags.TRAIN_LOSS)).containsExactly(3L, 6L);
    assertThat(log.scalars(Tags.TRAIN_LOSS).get(1).value())
        .isCloseTo((4 + 5 + 6) / 3.0, within(1e-12));
    assertThat(log.scalars("train/accuracy")).hasSize(2);
    assertThat(log.scalars(Tags.EPOCH)).extracting(ScalarPoint::value).containsExactly(1.0, 2.0);
    assertThat(log.histograms("layer0/W")).hasSize(3);
    assertThat(log.histograms("layer0/grad/W")).hasSize(3);
    // the first iteration of each epoch, and every 2
    assertThat(steps(log, "layer0/update_ratio/W")).containsExactly(0L, 2L, 3L, 4L);
    assertThat(steps(log, "layer0/activation/mean")).containsExactly(0L, 3L, 6L);
    assertThat(log.scalars("layer0/dead_relu_fraction").get(0).value()).isEqualTo(0.5);
    assertThat(log.images("layer0/W/tiles")).hasSize(3);
    assertThat(log.embeddings("layer0/activations")).hasSize(3);
  }

  @Test
  void onlyTheCollectorsTurnedOnLog() throws Exception {
    RunLog log = train(run -> Instrumentation.builder(run).histograms(false).updateRatioEvery(0));
    assertThat(log.histograms()).isEmpty();
    assertThat(log.images()).isEmpty();
    assertThat(log.embeddings()).isEmpty();
    assertThat(log.scalars().keySet()).noneMatch(t -> t.contains("activation"));
    assertThat(steps(log, "layer0/update_ratio/W")).containsExactly(0L, 3L);
  }

  @Test
  void aNonFiniteLossIsLoggedThenStopsTraining() throws Exception {
    try (Run run = Run.builder("nan").logRoot(root).open()) {
      Instrumentation in = Instrumentation.builder(run).build();
      in.epochStarts(0);
      in.iteration(0, 2.0, 4);
      in.checkLoss(0, 2.0, 0);
      in.iteration(1, Double.NaN, 4);
      assertThatThrownBy(() -> in.checkLoss(1, Double.NaN, 0))
          .isInstanceOf(NonFiniteLossException.class)
          .hasMessageContaining("NaN at iteration 1 (epoch 1)");
      assertThat(in.clock().isOpen()).isFalse();
    }
    assertThat(LogRoot.read(root).run("nan").orElseThrow().scalars(Tags.BATCH_LOSS).get(1).value())
        .isNaN();
  }

  @Test
  void activationStatsAreMeanSampleStdAndUnitsThatNeverFire() {
    ActivationStats s = ActivationStats.ofRows(new float[] {0, 2, 0, 4, 0, 6}, 2, true);
    assertThat(s.mean()).isEqualTo(2.0);
    assertThat(s.std()).isCloseTo(Math.sqrt((4 + 0 + 4 + 4 + 4 + 16) / 5.0), within(1e-12));
    assertThat(s.deadFraction()).isEqualTo(0.5);
    assertThat(ActivationStats.ofRows(new float[] {1, 2}, 2, false).relu()).isFalse();
  }

  @Test
  void tagsOfAParameterOfNoLayerDropTheLayersPart() {
    assertThat(Tags.parameter("layer0", "W")).isEqualTo("layer0/W");
    assertThat(Tags.updateRatio("layer0", "W")).isEqualTo("layer0/update_ratio/W");
    assertThat(Tags.gradient("01Linear", "weight")).isEqualTo("01Linear/grad/weight");
    assertThat(Tags.parameter("", "w0")).isEqualTo("w0");
    assertThat(Tags.updateRatio("", "w0")).isEqualTo("update_ratio/w0");
    assertThat(Tags.gradient("", "w0")).isEqualTo("grad/w0");
  }
}
