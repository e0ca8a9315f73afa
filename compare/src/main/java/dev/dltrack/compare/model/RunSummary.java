package dev.dltrack.compare.model;

import static java.util.Objects.requireNonNull;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HistogramPoint;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.read.Session;
import dev.dltrack.tracker.read.TextPoint;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * One run as the comparison table shows it.
 *
 * @param hparams the run's hyperparameters (strings, booleans and numbers as doubles); empty
 *     without an hparams session
 * @param group the session's group name; empty without a session
 * @param status how the run ended; empty without an hparams session
 * @param wallTime seconds from the session's start (or the first record) to its end (or the last
 *     record); empty for a run without any record
 * @param metrics one per metric compared, in the comparison's order
 */
public record RunSummary(
    String name,
    Map<String, Object> hparams,
    String group,
    Optional<RunStatus> status,
    OptionalDouble wallTime,
    List<MetricSummary> metrics) {
  public RunSummary {
    requireNonNull(name, "name");
    hparams = Collections.unmodifiableMap(new LinkedHashMap<>(hparams));
    requireNonNull(group, "group");
    requireNonNull(status, "status");
    requireNonNull(wallTime, "wallTime");
    metrics = List.copyOf(metrics);
  }

  /** {@code run} summarized for {@code metrics}. */
  public static RunSummary of(RunLog run, List<MetricSpec> metrics) {
    Optional<Session> session = run.session();
    return new RunSummary(
        run.name(),
        session.map(Session::hparams).orElse(Map.of()),
        session.map(Session::group).orElse(""),
        session.map(Session::status),
        wallTime(run),
        metrics.stream().map(m -> MetricSummary.of(run, m)).toList());
  }

  /** The summary of the {@code i}-th metric compared. */
  public MetricSummary metric(int i) {
    return metrics.get(i);
  }

  private static OptionalDouble wallTime(RunLog run) {
    Optional<Session> s = run.session();
    double start = s.map(Session::startTime).orElse(0.0);
    double end = s.map(Session::endTime).orElse(0.0);
    // a session records start and end exactly; records bound a run that was never closed
    if (start <= 0 || end <= 0) {
      DoubleSummaryStatistics records = recordTimes(run).summaryStatistics();
      if (records.getCount() == 0) {
        return OptionalDouble.empty();
      }
      start = start > 0 ? start : records.getMin();
      end = end > 0 ? end : records.getMax();
    }
    return OptionalDouble.of(Math.max(0, end - start));
  }

  private static DoubleStream recordTimes(RunLog run) {
    return Stream.of(
            run.scalars().values().stream()
                .flatMap(List::stream)
                .mapToDouble(ScalarPoint::wallTime),
            run.histograms().values().stream()
                .flatMap(List::stream)
                .mapToDouble(HistogramPoint::wallTime),
            run.texts().values().stream().flatMap(List::stream).mapToDouble(TextPoint::wallTime))
        .flatMapToDouble(d -> d);
  }
}
