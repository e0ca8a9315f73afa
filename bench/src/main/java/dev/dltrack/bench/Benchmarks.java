package dev.dltrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the JSON parts the benchmark JVMs wrote into one JSON file and one Markdown table, and
 * prints the table. {@code bench/run} calls it last:
 *
 * <pre>Benchmarks OUT.md OUT.json PART.json...</pre>
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: Benchmarks OUT.md OUT.json PART.json...; got " + List.of(args));
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      parts.add(Report.read(Path.of(args[i])));
    }
    String md = Markdown.render(parts);
    Files.writeString(Path.of(args[0]), md);
    Report.JSON.writeValue(Path.of(args[1]).toFile(), parts);
    System.out.println();
    System.out.print(md);
  }
}
