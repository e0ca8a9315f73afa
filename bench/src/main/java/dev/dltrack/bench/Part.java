package dev.dltrack.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one benchmark JVM measured: its settings ({@code notes}), figures, ratios and checks. Each
 * JVM writes one as JSON; {@link Benchmarks} merges them.
 */
public record Part(
    String title,
    Environment environment,
    List<String> notes,
    List<Row> rows,
    List<Ratio> ratios,
    List<Check> checks) {
  public Part {
    requireNonNull(title, "title");
    requireNonNull(environment, "environment");
    notes = List.copyOf(notes);
    rows = List.copyOf(rows);
    ratios = List.copyOf(ratios);
    checks = List.copyOf(checks);
  }
}
