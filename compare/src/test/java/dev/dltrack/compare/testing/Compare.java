package dev.dltrack.compare.testing;

import dev.dltrack.compare.ComparisonRequest;
import dev.dltrack.compare.table.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Compares runs as {@code dltrack compare} and {@code report} do, through the library's request. */
public final class Compare {
  private Compare() {}

  /** What comparing as {@code request} asks writes in {@code format}. */
  public static String print(ComparisonRequest.Builder request, OutputFormat format) throws IOException {
    StringWriter out = new StringWriter();
    request.build().select().write(format, new PrintWriter(out, true));
    return out.toString();
  }

  /** {@link #print(ComparisonRequest.Builder, OutputFormat)} as text. */
  public static String print(ComparisonRequest.Builder request) throws IOException {
    return print(request, OutputFormat.TEXT);
  }

  /** The text comparison of every run in {@code logRoot}. */
  public static String print(Path logRoot) throws IOException {
    return print(ComparisonRequest.builder(logRoot));
  }

  /** Writes the HTML report of {@code request} to {@code file}, titled as the command titles it. */
  public static void report(ComparisonRequest.Builder request, Path file) throws IOException {
    ComparisonRequest r = request.build();
    r.select().writeReport(file, "Runs in " + r.logRoot());
  }

  /** The HTML report of every run in {@code logRoot}, to {@code file}. */
  public static void report(Path logRoot, Path file) throws IOException {
    report(ComparisonRequest.builder(logRoot), file);
  }
}
