package dev.dltrack.tracker.testing;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dltrack.testsupport.Require;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the workplace's independent event-file checker ({@code ../shared/tools/tfevents-check})
 * over a directory and reports what it found.
 */
public final class TfeventsCheck {
  private TfeventsCheck() {}

  /** What the checker said: its problems, warnings and per-run tag summary. */
  public record Result(JsonNode json, String output) {
    public int problems() {
      return json.get("problems").size();
    }

    public int warnings() {
      return json.get("warnings").size();
    }
  }

  /**
   * The workplace's checker, {@code ../shared/tools/tfevents-check}; a test that needs it is
   * skipped where it is absent, and fails under {@code CI=true}.
   */
  public static Path script() {
    return Require.shared("tools/tfevents-check");
  }

  public static Result run(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("python3", script().toString(), dir.toString(), "--json")
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tfevents-check finished").isTrue();
    assertThat(out).as("tfevents-check output (stderr: %s)", err).startsWith("{");
    // the checker prints NaN and Infinity as Python does
    ObjectMapper json =
        new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    return new Result(json.readTree(out), out);
  }

  /** As {@link #assertSound}, for a directory that may hold no event file at all. */
  public static void assertSoundIfAny(Path dir) throws IOException, InterruptedException {
    try (var files = Files.walk(dir)) {
      if (files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents"))) {
        assertSound(dir);
      }
    }
  }

  /** Asserts that every event file under {@code dir} passes the checker with no problem. */
  public static Result assertSound(Path dir) throws IOException, InterruptedException {
    Result r = run(dir);
    assertThat(r.json().get("files").asInt()).as("event files checked in %s", dir).isPositive();
    assertThat(r.problems()).as("tfevents-check problems: %s", r.output()).isZero();
    return r;
  }
}
