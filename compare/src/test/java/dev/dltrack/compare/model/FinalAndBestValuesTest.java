package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's row holds each metric's last logged value, its best finite value by the metric's goal
 * (the earliest step on a tie), the train/validation gap, the status and the wall time, read back
 * from files the tracker wrote.
 */
class FinalAndBestValuesTest {
  @TempDir Path root;

  private static final List<MetricSpec> METRICS =
      List.of(MetricSpec.of("val/accuracy"), MetricSpec.of("val/loss"), MetricSpec.of("test/accuracy"));

  private RunLog read(String name) throws Exception {
    return LogRoot.read(root).run(name).orElseThrow();
  }

  @Test
  void bestIsTheMaximumOfAccuraciesAndTheMinimumOfLosses() throws Exception {
    try (Run run = Run.builder("he-normal").logRoot(root).formats("tensorboard").open()) {
      double[] acc = {0.5, 0.8, 0.7, 0.8, Double.NaN};
      double[] loss = {1.0, 0.4, 0.3, 0.6, 0.5};
      for (int i = 0; i < acc.length; i++) {
        run.scalar("val/accuracy", 390L * (i + 1), acc[i]);
        run.scalar("val/loss", 390L * (i + 1), loss[i]);
        run.scalar("train/accuracy", 390L * (i + 1), 0.9);
        run.scalar("train/loss", 390L * (i + 1), 0.25);
      }
    }

    RunSummary row = RunSummary.of(read("he-normal"), METRICS);

    MetricSummary acc = row.metric(0);
    assertThat(acc.last().map(ScalarPoint::step)).contains(1950L);
    assertThat(acc.finalValue().getAsDouble()).isNaN();
    // NaN is what a diverging run logs, never its best; of the two 0.8s the first counts
    assertThat(acc.best().map(ScalarPoint::step)).contains(780L);
    assertThat(acc.bestValue().getAsDouble()).isCloseTo(0.8, within(1e-7));
    assertThat(acc.gap().getAsDouble()).isNaN();

    MetricSummary loss = row.metric(1);
    assertThat(loss.finalValue().getAsDouble()).isCloseTo(0.5, within(1e-7));
    assertThat(loss.best().map(ScalarPoint::step)).contains(1170L);
    assertThat(loss.bestValue().getAsDouble()).isCloseTo(0.3, within(1e-7));
    // gap = final train/loss - final val/loss
    assertThat(loss.gap().getAsDouble()).isCloseTo(0.25 - 0.5, within(1e-7));
  }

  @Test
  void aMetricTheRunNeverLoggedIsEmpty() throws Exception {
    try (Run run = Run.builder("short").logRoot(root).formats("tensorboard").open()) {
      run.scalar("val/accuracy", 390, 0.6);
    }

    MetricSummary test = RunSummary.of(read("short"), METRICS).metric(2);

    assertThat(test.last()).isEmpty();
    assertThat(test.best()).isEmpty();
    assertThat(test.gap()).isEmpty();
  }

  @Test
  void aValidationTagWithoutItsTrainingCounterpartHasNoGap() throws Exception {
    try (Run run = Run.builder("val-only").logRoot(root).formats("tensorboard").open()) {
      run.scalar("val/accuracy", 390, 0.6);
    }

    assertThat(RunSummary.of(read("val-only"), METRICS).metric(0).gap()).isEmpty();
  }

  @Test
  void statusHParamsGroupAndWallTimeComeFromTheSession() throws Exception {
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    Run run =
        Run.builder("zeros-s2")
            .logRoot(root)
            .formats("tensorboard")
            .clock(clock)
            .config(Map.of("scheme", "zeros", "seed", 2))
            .group("zeros")
            .open();
    run.scalar("val/accuracy", 390, 0.1);
    clock.advanceMillis(125_500);
    run.fail("loss became NaN");

    RunSummary row = RunSummary.of(read("zeros-s2"), METRICS);

    assertThat(row.status()).contains(RunStatus.FAILURE);
    assertThat(row.group()).isEqualTo("zeros");
    assertThat(row.hparams()).containsEntry("scheme", "zeros").containsEntry("seed", 2.0);
    assertThat(row.wallTime().getAsDouble()).isCloseTo(125.5, within(1e-6));
  }

  @Test
  void aRunWithoutSessionHasNoStatusAndTimesFromItsRecords() throws Exception {
    RunLog log =
        RunLog.builder("bare", root)
            .scalar("val/accuracy", new ScalarPoint(0, 100.0, 0.1))
            .scalar("val/accuracy", new ScalarPoint(1, 160.0, 0.2))
            .build();

    RunSummary row = RunSummary.of(log, METRICS);

    assertThat(row.status()).isEmpty();
    assertThat(row.hparams()).isEmpty();
    assertThat(row.wallTime().getAsDouble()).isEqualTo(60.0);
  }
}
