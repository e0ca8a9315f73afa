package dev.dltrack.trainer.study;

import dev.dltrack.tracker.RunStatus;
import java.io.Serializable;
import java.time.Duration;

/**
 * How one run of the study went: its best validation accuracy (and the epoch it came at), the final
 * validation and test accuracy, how long it took, and whether it failed (with the reason).
 * Accuracies are NaN when the run never got that far. Serializable, so that a run trained elsewhere
 * (a Spark executor) can report it.
 */
public record RunResult(
    String run,
    String scheme,
    long seed,
    double bestValAccuracy,
    int bestEpoch,
    double finalValAccuracy,
    double testAccuracy,
    double testLoss,
    Duration time,
    RunStatus status,
    String failure)
    implements Serializable {}
