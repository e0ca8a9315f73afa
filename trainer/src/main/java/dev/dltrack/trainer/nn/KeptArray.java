package dev.dltrack.trainer.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array a layer computed in its forward pass and keeps for its backward pass, with the input it
 * was computed from.
 *
 * <p>During {@code fit}, DL4J keeps a layer's forward arrays in a workspace that stays open until
 * the backward pass is done; outside that path (an external-errors backprop after a detached
 * forward pass, say) the workspace may have been closed or reused since. The array is therefore
 * used only while its workspace is still in the same cycle as when it was kept, and only for the
 * very input it was computed from; otherwise the layer computes it again, as DL4J does.
 */
final class KeptArray {
  private final INDArray array;
  private final INDArray input;
  private final MemoryWorkspace workspace; // null: the array lives outside any workspace
  private final long generation;

  private KeptArray(INDArray array, INDArray input) {
    this.array = array;
    this.input = input;
    this.workspace = array.isAttached() ? array.data().getParentWorkspace() : null;
    this.generation = workspace == null ? 0 : workspace.getGenerationId();
  }

  /** Keeps {@code array}, computed from {@code input} (compared by identity later). */
  static KeptArray of(INDArray array, INDArray input) {
    return new KeptArray(array, input);
  }

  /** The array if it was computed from {@code currentInput} and its memory is still its own. */
  INDArray validFor(INDArray currentInput) {
    if (currentInput != input) {
      return null;
    }
    if (workspace != null
        && !(workspace.isScopeActive() && workspace.getGenerationId() == generation)) {
      return null;
    }
    return array;
  }
}
