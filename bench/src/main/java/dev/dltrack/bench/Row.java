package dev.dltrack.bench;

import static java.util.Objects.requireNonNull;

/**
 * One measured figure of a benchmark: what was measured ({@code subject}, e.g. a writer or a
 * listener), which figure ({@code metric}, e.g. "throughput"), its unit, and its median and spread
 * over repetitions.
 */
public record Row(String section, String subject, String metric, String unit, Stats value) {
  public Row {
    requireNonNull(section, "section");
    requireNonNull(subject, "subject");
    requireNonNull(metric, "metric");
    requireNonNull(unit, "unit");
    requireNonNull(value, "value");
  }
}
