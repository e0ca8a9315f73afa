package dev.dltrack.tracker.instrument;

import dev.dltrack.tracker.Embedding;
import dev.dltrack.tracker.ImageData;
import dev.dltrack.tracker.Run;
import java.util.List;

/**
 * The penultimate layer's activations for fixed inputs as an embedding for TensorBoard's projector
 * ({@code <layer>/activations}), with a label (and optionally a sprite) per input: before training
 * and after every {@code every}-th epoch.
 */
public final class Embeddings {
  private final Run run;
  private final List<String> labels;
  private final List<ImageData> sprites;
  private final int every;

  Embeddings(Run run, List<String> labels, List<ImageData> sprites, int every) {
    this.run = run;
    this.labels = labels;
    this.sprites = sprites;
    this.every = every;
  }

  boolean dueAtEpoch(int epochNumber) {
    return epochNumber % every == 0;
  }

  void log(long step, ModelView model) {
    ModelView.LayerRows a = model.penultimateActivations();
    if (a == null) {
      return;
    }
    for (float[] row : a.rows()) {
      for (float v : row) {
        if (!Float.isFinite(v)) {
          return; // diverged: the loss says so
        }
      }
    }
    Embedding e = Embedding.of(a.rows()).withLabels(labels);
    if (!sprites.isEmpty()) {
      e = e.withSprites(sprites);
    }
    run.embedding(Tags.embedding(a.layer()), step, e);
  }
}
