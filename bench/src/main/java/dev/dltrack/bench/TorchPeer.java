package dev.dltrack.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The study in PyTorch ({@code bench/torch/study_peer.py}), run through its launcher {@code
 * bench/torch/peer} as a child process, one command at a time; its JSON lines are its results. The
 * child's standard error goes to this process's, so its failures show.
 */
final class TorchPeer {
  /** System property naming the launcher; {@code bench/trainer} sets it. */
  static final String PROPERTY = "dltrack.bench.torchPeer";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path launcher;
  private final List<String> limit;

  private TorchPeer(Path launcher, List<String> limit) {
    this.launcher = launcher;
    this.limit = limit;
  }

  /**
   * The peer named by {@value #PROPERTY}, or null if the property is not set; on {@code trainSize}
   * training, {@code validationSize} and {@code testSize} images when {@code limited}, as the
   * trainer's data.
   */
  static TorchPeer fromSystemProperty(
      boolean limited, int trainSize, int validationSize, int testSize) {
    String launcher = System.getProperty(PROPERTY);
    if (launcher == null || launcher.isBlank()) {
      return null;
    }
    return at(Path.of(launcher), limited, trainSize, validationSize, testSize);
  }

  /** The peer started by {@code launcher}; {@code limited} as {@link #fromSystemProperty}. */
  static TorchPeer at(
      Path launcher, boolean limited, int trainSize, int validationSize, int testSize) {
    if (!Files.isExecutable(requireNonNull(launcher, "launcher"))) {
      throw new IllegalArgumentException(
          "the PyTorch peer's launcher is no executable file: " + launcher);
    }
    List<String> limit =
        limited
            ? List.of(
                "--limit",
                Integer.toString(trainSize),
                Integer.toString(validationSize),
                Integer.toString(testSize))
            : List.of();
    return new TorchPeer(launcher, limit);
  }

  /** One epoch of a run, as the peer timed it (seconds). */
  record Epoch(
      int epoch,
      double train,
      double trainCpu,
      double validation,
      double logging,
      double total,
      double valAccuracy) {}

  /** A run's epochs and its result line. */
  record RunTimes(List<Epoch> epochs, JsonNode result) {
    /** The median of epochs 2..n of {@code field}: the first pays for warm-up. */
    Stats stats(ToDoubleFunction<Epoch> field) {
      return Stats.of(epochs.stream().skip(1).mapToDouble(field).toArray());
    }
  }

  /**
   * One run of {@code scheme}, {@code epochs} epochs, logging into {@code logdir} or not at all.
   */
  RunTimes run(String scheme, int epochs, Path logdir, boolean logging) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--scheme",
                scheme,
                "--epochs",
                Integer.toString(epochs),
                "--logdir",
                logdir.toString()));
    if (!logging) {
      args.add("--no-log");
    }
    List<Epoch> epochList = new ArrayList<>();
    JsonNode result = null;
    for (JsonNode line : call(args)) {
      switch (line.path("event").asText()) {
        case "epoch" ->
            epochList.add(
                new Epoch(
                    line.get("epoch").asInt(),
                    line.get("train_s").asDouble(),
                    line.get("train_cpu_s").asDouble(),
                    line.get("val_s").asDouble(),
                    line.get("log_s").asDouble(),
                    line.get("epoch_s").asDouble(),
                    line.get("val_accuracy").asDouble()));
        case "run" -> result = line;
        default -> {}
      }
    }
    if (result == null || epochList.size() != epochs) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "the PyTorch peer's run reported %d of %d epochs and %s result",
              epochList.size(),
              epochs,
              result == null ? "no" : "a"));
    }
    return new RunTimes(List.copyOf(epochList), result);
  }

  /** The default sweep (every scheme), {@code parallel} runs at a time: its "sweep" line. */
  JsonNode sweep(int epochs, int parallel, Path logdir) throws IOException {
    List<JsonNode> lines =
        call(
            List.of(
                "sweep",
                "--epochs",
                Integer.toString(epochs),
                "--parallel",
                Integer.toString(parallel),
                "--logdir",
                logdir.toString()));
    return lines.stream()
        .filter(l -> l.path("event").asText().equals("sweep"))
        .findFirst()
        .orElseThrow(() -> new IOException("the PyTorch peer's sweep printed no \"sweep\" line"));
  }

  private List<JsonNode> call(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.add(args.get(0));
    command.addAll(limit);
    command.addAll(args.subList(1, args.size()));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<JsonNode> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("{")) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    try {
      int status = process.waitFor();
      if (status != 0) {
        throw new IOException(
            "the PyTorch peer failed, exit status " + status + ": " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException(
          "interrupted while the PyTorch peer ran: " + String.join(" ", command), e);
    }
    return lines;
  }

  @Override
  public String toString() {
    return launcher + (limit.isEmpty() ? "" : " " + String.join(" ", limit));
  }
}
