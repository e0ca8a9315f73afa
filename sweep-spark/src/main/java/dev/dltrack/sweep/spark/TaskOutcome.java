package dev.dltrack.sweep.spark;

import dev.dltrack.trainer.study.RunResult;
import java.io.Serializable;

/**
 * What a task sends back: the run's result and, when the log root is not shared, its finished
 * directory ({@code files} is null otherwise, or when nothing was logged).
 */
record TaskOutcome(RunResult result, RunFiles files) implements Serializable {}
