package dev.dltrack.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders benchmark parts as Markdown: first every ratio against its target and every check (the
 * headline), then each part's figures by section, with the machine and settings they came from.
 */
final class Markdown {
  private Markdown() {}

  static String render(List<Part> parts) {
    StringBuilder md = new StringBuilder();
    md.append("### Ratios and targets\n\n");
    md.append("| ratio | median | min .. max | target | met |\n|---|--:|--:|--:|---|\n");
    for (Part p : parts) {
      for (Ratio r : p.ratios()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |%n",
                r.section() + ": " + r.what(),
                Numbers.format(r.value().median()),
                spread(r.value()),
                r.target() == null ? "" : r.target(),
                r.met() == null ? "" : verdict(r.met())));
      }
    }
    md.append("\n### Checks\n\n| check | result | detail |\n|---|---|---|\n");
    for (Part p : parts) {
      for (Check c : p.checks()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s |%n",
                c.section() + ": " + c.what(),
                verdict(c.passed()),
                c.detail()));
      }
    }
    for (Part p : parts) {
      part(md, p);
    }
    return md.toString();
  }

  private static void part(StringBuilder md, Part p) {
    Environment e = p.environment();
    md.append("\n### ").append(p.title()).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Started %s on %s (%d CPUs), %s, %s, OMP_NUM_THREADS=%s, load average at start %s.%n%n",
            e.started(),
            e.cpu(),
            e.cpus(),
            e.os(),
            e.java(),
            e.ompNumThreads(),
            e.loadAverage()));
    for (String note : p.notes()) {
      md.append("- ").append(note).append('\n');
    }
    Map<String, List<Row>> bySection = new LinkedHashMap<>();
    for (Row r : p.rows()) {
      bySection.computeIfAbsent(r.section(), s -> new ArrayList<>()).add(r);
    }
    bySection.forEach(
        (section, rows) -> {
          md.append("\n| ")
              .append(section)
              .append(" | metric | median | min .. max |\n|---|---|--:|--:|\n");
          for (Row r : rows) {
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s |%n",
                    r.subject(),
                    r.metric(),
                    value(r.value().median(), r.unit()),
                    spread(r.value())));
          }
        });
  }

  static String value(double x, String unit) {
    return Numbers.format(x) + (unit.isEmpty() ? "" : " " + unit);
  }

  static String spread(Stats s) {
    return Numbers.format(s.min()) + " .. " + Numbers.format(s.max());
  }

  static String verdict(boolean yes) {
    return yes ? "yes" : "**no**";
  }
}
