package dev.dltrack.trainer.init;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a scheme may draw on besides the network: the seed of all its randomness and, for
 * data-dependent schemes such as {@code lsuv}, a batch of training inputs.
 */
public final class InitContext {
  private final long seed;
  private final INDArray batch; // null: no data; a private copy otherwise

  private InitContext(long seed, INDArray batch) {
    this.seed = seed;
    this.batch = batch;
  }

  /** A context without data: enough for every scheme but {@code lsuv}. */
  public static InitContext of(long seed) {
    return new InitContext(seed, null);
  }

  /**
   * A context with a batch of inputs {@code [examples, features]}, e.g. a few hundred training
   * images. The batch is copied, so later changes to {@code batch} do not affect this context.
   */
  public static InitContext withBatch(long seed, INDArray batch) {
    requireNonNull(batch, "batch");
    if (batch.rank() != 2 || batch.rows() < 2) {
      throw new IllegalArgumentException(
          "batch must be a matrix [examples, features] with at"
              + " least 2 examples, got shape "
              + Arrays.toString(batch.shape()));
    }
    return new InitContext(seed, batch.dup());
  }

  /** The seed: the same seed gives bit-identical weights. */
  public long seed() {
    return seed;
  }

  /** A copy of the data batch, if this context has one. */
  public Optional<INDArray> batch() {
    return Optional.ofNullable(batch).map(INDArray::dup);
  }

  @Override
  public String toString() {
    return "InitContext[seed="
        + seed
        + (batch == null ? "" : ", batch=" + Arrays.toString(batch.shape()))
        + "]";
  }
}
