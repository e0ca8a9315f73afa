package dev.dltrack.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.testing.OpenRaceChild;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several writers open the same run at the same moment, from a barrier (threads) or at one instant
 * of the wall clock (processes): in every trial exactly one wins, every other is refused with
 * {@link RunLockedException}, the winner's data is complete, and the log root holds nothing but the
 * run and the lock files. For a new run, for {@code resume()} and for {@code overwrite()} of a
 * finished one.
 */
class OpeningARunIsAtomicTest {
  private static final int TRIALS = 50;

  /** The value and steps a finished run holds before a resume or overwrite race. */
  private static final int BEFORE = -1;

  @TempDir Path root;

  /** What one racer did: the run it won, or the exception it was refused with. */
  private record Attempt(Run won, Exception refused) {}

  @ParameterizedTest(name = "{0} threads, {1}")
  @CsvSource({"2, FAIL", "8, FAIL", "2, RESUME", "8, RESUME", "2, OVERWRITE", "8, OVERWRITE"})
  void threadsRacingToOpenOneRunLeaveExactlyOneWriter(int writers, IfExists policy)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int trial = 0; trial < TRIALS; trial++) {
        Path logs = trialRoot(trial, policy);
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<Attempt>> futures = new ArrayList<>();
        for (int id = 0; id < writers; id++) {
          int writer = id;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      return new Attempt(
                          OpenRaceChild.open(logs, "r", policy, writer, firstStep(policy)), null);
                    } catch (Exception e) {
                      return new Attempt(null, e);
                    }
                  }));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Future<Attempt> f : futures) {
          attempts.add(f.get(60, TimeUnit.SECONDS));
        }
        // every racer has tried while the winner held the run; only now does it close
        List<Integer> winners = new ArrayList<>();
        for (int id = 0; id < writers; id++) {
          Attempt a = attempts.get(id);
          if (a.won() != null) {
            winners.add(id);
            a.won().close();
          } else {
            assertThat(a.refused())
                .as("trial %s, writer %s", trial, id)
                .isInstanceOf(RunLockedException.class)
                .hasMessageContaining("already open in this process");
          }
        }
        assertThat(winners).as("trial %s: the writers that won", trial).hasSize(1);
        checkRun(logs, policy, winners.get(0), trial);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0} processes, {1}")
  @CsvSource({"2, FAIL", "4, FAIL", "2, RESUME", "4, RESUME", "2, OVERWRITE", "4, OVERWRITE"})
  void processesRacingToOpenOneRunLeaveExactlyOneWriter(int writers, IfExists policy)
      throws Exception {
    List<Child> children = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        children.add(Child.start());
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        Path logs = trialRoot(trial, policy);
        long at = System.currentTimeMillis() + 40;
        for (int id = 0; id < writers; id++) {
          children
              .get(id)
              .send(
                  String.join(
                      " ",
                      "OPEN",
                      logs.toString(),
                      "r",
                      policy.name(),
                      Integer.toString(id),
                      Long.toString(firstStep(policy)),
                      Long.toString(at)));
        }
        List<Integer> winners = new ArrayList<>();
        for (int id = 0; id < writers; id++) {
          String answer = children.get(id).answer();
          if (answer.equals("WON")) {
            winners.add(id);
          } else {
            assertThat(answer)
                .as("trial %s, process %s", trial, id)
                .startsWith("LOCKED")
                .contains("is being written by another process")
                .contains("pid=");
          }
        }
        assertThat(winners).as("trial %s: the processes that won", trial).hasSize(1);
        Child winner = children.get(winners.get(0));
        winner.send("CLOSE");
        assertThat(winner.answer()).isEqualTo("CLOSED");
        checkRun(logs, policy, winners.get(0), trial);
      }
    } finally {
      for (Child c : children) {
        c.stop();
      }
    }
  }

  /** A log root of its own for each trial; for resume and overwrite, holding a finished run. */
  private Path trialRoot(int trial, IfExists policy) throws Exception {
    Path logs = root.resolve(policy + "-" + trial);
    if (policy != IfExists.FAIL) {
      try (Run before = Run.builder("r").logRoot(logs).open()) {
        for (int s = 0; s < OpenRaceChild.STEPS; s++) {
          before.scalar("x", s, BEFORE);
        }
      }
    }
    return logs;
  }

  /** Where the racers log: after the finished run's steps when resuming it. */
  private static long firstStep(IfExists policy) {
    return policy == IfExists.RESUME ? OpenRaceChild.STEPS : 0;
  }

  /** The run holds the winner's values (after the earlier ones, when resumed), nothing else. */
  private static void checkRun(Path logs, IfExists policy, int winner, int trial)
      throws IOException {
    try (Stream<Path> entries = Files.list(logs)) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted())
          .as("trial %s: what the log root holds", trial)
          .containsExactly(".dltrack", "r");
    }
    try (Stream<Path> locks = Files.list(logs.resolve(".dltrack"))) {
      assertThat(locks.map(p -> p.getFileName().toString())).containsExactly("r.lock");
    }
    LogRoot read = LogRoot.read(logs);
    assertThat(read.warnings()).as("trial %s", trial).isEmpty();
    RunLog run = read.run("r").orElseThrow();
    List<Double> expected = new ArrayList<>();
    if (policy == IfExists.RESUME) {
      for (int s = 0; s < OpenRaceChild.STEPS; s++) {
        expected.add((double) BEFORE);
      }
    }
    for (int s = 0; s < OpenRaceChild.STEPS; s++) {
      expected.add((double) winner);
    }
    assertThat(run.scalars("x").stream().map(ScalarPoint::value).toList())
        .as("trial %s: the run's values", trial)
        .isEqualTo(expected);
    assertThat(run.session().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
    long historyRows = Files.readAllLines(logs.resolve("r/wandb/wandb-history.jsonl")).size();
    assertThat(historyRows).as("trial %s: W&B history rows", trial).isEqualTo(expected.size());
  }

  /** A racing process. */
  private record Child(Process process, PrintStream in, BufferedReader out) {
    static Child start() throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process p =
          new ProcessBuilder(
                  java, "-cp", System.getProperty("java.class.path"), OpenRaceChild.class.getName())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new Child(
          p,
          new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8),
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }

    void send(String line) {
      in.println(line);
    }

    String answer() throws IOException {
      String line = out.readLine();
      assertThat(line).as("the child's answer (it ended)").isNotNull();
      return line;
    }

    void stop() throws InterruptedException {
      in.println("EXIT");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
