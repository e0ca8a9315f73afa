package dev.dltrack.compare.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a report page holds: its chart data and its inline scripts. */
public final class ReportPages {
  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

  private ReportPages() {}

  /** The chart data the page's script draws. */
  public static JsonNode chartData(String html) throws IOException {
    Matcher m = DATA.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no chart data in the page");
    }
    return new ObjectMapper().readTree(m.group(1));
  }

  /** The card of the chart titled {@code tag}, as a script expression for the browser. */
  public static String card(String tag) {
    return "Array.from(document.querySelectorAll('.card')).find(c => c.querySelector('h4').textContent === '"
        + tag
        + "')";
  }

  /** The text of every inline script that runs. */
  public static List<String> scripts(String html) {
    List<String> scripts = new ArrayList<>();
    Matcher m = SCRIPT.matcher(html);
    while (m.find()) {
      scripts.add(m.group(1));
    }
    return scripts;
  }
}
