package dev.dltrack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ratios of issue 22, this project's time over the PyTorch peer's for the same work, collected
 * as {@link TrainerBenchmark} measures them and printed at the end as one Markdown table with the
 * machine, the date and the command.
 */
final class PeerComparison {
  /** One compared figure: times in seconds, the ratio of paired (or best) measurements. */
  private record Line(String what, String pytorch, String project, Stats ratio, String goal) {}

  private final List<Line> lines = new ArrayList<>();

  /** Adds a line; {@code ratio} is this project's time / PyTorch's. */
  void add(String what, String pytorch, String project, Stats ratio, String goal) {
    lines.add(new Line(what, pytorch, project, ratio, goal));
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The table, under a heading that says where, when and how it was measured. */
  String markdown(Environment env, String command, String loadAverageAtEnd) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "## The study against its PyTorch peer (issue 22)%n%n"
            + "%s on %s (%d CPUs, %s, %s); load average %s at the start, %s at the end. Command: `%s`."
            + " Ratios are this project's time / PyTorch's (below 1: this project is faster), median"
            + " (min .. max) over paired repetitions; for the sweep, each side's best parallelism.%n%n",
        env.started(), env.cpu(), env.cpus(), env.os(), env.java(), env.loadAverage(), loadAverageAtEnd, command));
    md.append("| | PyTorch 1.13 (bench/torch/study_peer.py) | this project | ratio | goal |\n");
    md.append("|---|---|---|---|---|\n");
    for (Line l : lines) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f (%.2f .. %.2f) | %s |%n",
          l.what(), l.pytorch(), l.project(), l.ratio().median(), l.ratio().min(), l.ratio().max(), l.goal()));
    }
    return md.toString();
  }
}
