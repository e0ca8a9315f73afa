package dev.dltrack.bench.tf;

import dev.dltrack.bench.Report;
import dev.dltrack.bench.Row;
import dev.dltrack.bench.Stats;
import java.util.Collection;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link ScalarCallBenchmark} under JMH (one forked JVM per writer) and reports, per writer,
 * the median and the 99th percentile of the sampled call times: each the median, min and max over
 * JMH's measured iterations.
 */
final class ScalarLatency {
  static final String SECTION = "scalars, caller-side time per call (JMH)";

  private final Report report;
  private final Settings settings;

  ScalarLatency(Report report, Settings settings) {
    this.report = report;
    this.settings = settings;
  }

  void run() throws RunnerException {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(ScalarCallBenchmark.class.getName())
                    .forks(1)
                    .warmupIterations(settings.jmhIterations())
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(settings.jmhIterations())
                    .measurementTime(TimeValue.seconds(1))
                    .verbosity(VerboseMode.SILENT)
                    .build())
            .run();
    for (RunResult r : results) {
      ScalarSubject subject = ScalarSubject.valueOf(r.getParams().getParam("subject"));
      String who = subject.label();
      report.row(new Row(SECTION, who, "median", "ns per call", percentile(r, 50)));
      report.row(new Row(SECTION, who, "99th percentile", "ns per call", percentile(r, 99)));
    }
  }

  /** The {@code p}th percentile of each measured iteration's samples: median, min, max. */
  private static Stats percentile(RunResult r, double p) {
    return Stats.of(
        r.getBenchmarkResults().stream()
            .flatMap(b -> b.getIterationResults().stream())
            .map(IterationResult::getPrimaryResult)
            .mapToDouble(x -> x.getStatistics().getPercentile(p))
            .toArray());
  }
}
