package dev.dltrack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects what one benchmark JVM measures, printing each result as it comes (a long run shows its
 * progress), and writes it all as a JSON {@link Part}. Not thread-safe: benchmarks report from
 * their main thread.
 */
public final class Report {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String title;
  private final Environment environment = Environment.current();
  private final List<String> notes = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<Ratio> ratios = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();

  public Report(String title) {
    this.title = title;
    System.out.printf(
        Locale.ROOT,
        "%s%n  %s, %d CPUs, %s, OMP_NUM_THREADS=%s, load average %s%n",
        title,
        environment.cpu(),
        environment.cpus(),
        environment.java(),
        environment.ompNumThreads(),
        environment.loadAverage());
  }

  /** A setting the figures depend on (repetitions, sizes, ...), for the reader of the table. */
  public void note(String note) {
    notes.add(note);
    System.out.println("  " + note);
  }

  public void row(Row row) {
    rows.add(row);
    System.out.printf(
        Locale.ROOT,
        "%s | %s | %s: %s (%s)%n",
        row.section(),
        row.subject(),
        row.metric(),
        Markdown.value(row.value().median(), row.unit()),
        Markdown.spread(row.value()));
  }

  public void ratio(Ratio ratio) {
    ratios.add(ratio);
    System.out.printf(
        Locale.ROOT,
        "%s | %s: %s (%s)%s%n",
        ratio.section(),
        ratio.what(),
        Numbers.format(ratio.value().median()),
        Markdown.spread(ratio.value()),
        ratio.target() == null
            ? ""
            : "; target " + ratio.target() + ": " + Markdown.verdict(ratio.met()));
  }

  public void check(Check check) {
    checks.add(check);
    System.out.printf(
        Locale.ROOT,
        "%s | check: %s: %s (%s)%n",
        check.section(),
        check.what(),
        Markdown.verdict(check.passed()),
        check.detail());
  }

  public Part part() {
    return new Part(title, environment, notes, rows, ratios, checks);
  }

  /** Writes everything reported so far to {@code json}. */
  public void write(Path json) throws IOException {
    Path parent = json.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    JSON.writeValue(json.toFile(), part());
  }

  static Part read(Path json) throws IOException {
    return JSON.readValue(json.toFile(), Part.class);
  }
}
