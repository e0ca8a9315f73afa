package dev.dltrack.tracker.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dev.dltrack.tracker.Run;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener only reads: the same seeded training with and without it (everything on, ratios
 * every 4 batches, so that it reads parameters and gradients often) ends with the same parameters,
 * bit for bit.
 */
class TrackingDoesNotChangeTrainingTest {
  @TempDir Path root;

  private Map<String, float[]> train(boolean tracked) throws Exception {
    DefaultTrainingConfig config = Mlp.config(1e-2f);
    Map<String, float[]> params = new LinkedHashMap<>();
    try (Run run = Run.builder("t" + tracked).logRoot(root).open();
        Model model = Mlp.model();
        NDManager m = NDManager.newBaseManager()) {
      if (tracked) {
        config.addTrainingListeners(DjlTrainingTest.everything(run).build());
      }
      try (Trainer trainer = model.newTrainer(config)) {
        Mlp.initialize(trainer, DjlTrainingTest.BATCH);
        EasyTrain.fit(
            trainer,
            3,
            Mlp.dataset(m, DjlTrainingTest.N, DjlTrainingTest.BATCH, 1),
            Mlp.dataset(m, 48, DjlTrainingTest.BATCH, 2));
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
          params.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
      }
    }
    return params;
  }

  @Test
  void theSameSeededTrainingEndsWithTheSameParametersWithAndWithoutTheListener() throws Exception {
    Map<String, float[]> plain = train(false);
    Map<String, float[]> tracked = train(true);
    assertThat(tracked.keySet()).containsExactlyElementsOf(plain.keySet());
    plain.forEach((name, values) -> assertThat(tracked.get(name)).as(name).containsExactly(values));
    // and the run is not the same as an untrained model's: training happened
    assertThat(plain.values().iterator().next()).isNotEmpty();
  }
}
