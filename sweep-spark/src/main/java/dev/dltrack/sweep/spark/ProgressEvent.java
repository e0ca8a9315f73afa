package dev.dltrack.sweep.spark;

import dev.dltrack.trainer.study.RunResult;
import java.io.Serializable;

/** What a task reports to the driver's progress besides iterations, in the order it happened. */
sealed interface ProgressEvent extends Serializable {
  /** The run started training; it will take {@code iterations} iterations. */
  record Started(String run, long iterations) implements ProgressEvent {}

  /** An epoch ended with this validation accuracy and loss. */
  record Epoch(String run, int epoch, int epochs, double valAccuracy, double valLoss)
      implements ProgressEvent {}

  /** The run ended, on the executor (the driver may still have its files to write). */
  record Finished(RunResult result) implements ProgressEvent {}
}
