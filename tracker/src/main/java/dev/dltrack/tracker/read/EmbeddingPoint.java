package dev.dltrack.tracker.read;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.Embedding;

/**
 * An embedding at a step. (TensorBoard's projector files record no wall time, so neither does
 * this.)
 */
public record EmbeddingPoint(long step, Embedding embedding) {
  /**
   * Refuses a null embedding.
   *
   * @param step the step
   * @param embedding the embedding
   */
  public EmbeddingPoint {
    requireNonNull(embedding, "embedding");
  }
}
