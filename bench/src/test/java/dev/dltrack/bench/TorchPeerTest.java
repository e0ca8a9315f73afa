package dev.dltrack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TorchPeer against a stand-in launcher (a shell script): no Python, no PyTorch. */
class TorchPeerTest {
  @TempDir Path dir;

  private TorchPeer peerPrinting(String body) throws IOException {
    Path launcher = dir.resolve("peer");
    Files.writeString(launcher, "#!/bin/sh\necho \"$@\" > '" + dir.resolve("args") + "'\n" + body + "\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    return TorchPeer.at(launcher, true, 1000, 200, 200);
  }

  private static String epoch(int epoch, double total) {
    return String.format(java.util.Locale.ROOT,
        "echo '{\"event\": \"epoch\", \"epoch\": %d, \"train_s\": %s, \"train_cpu_s\": 0.5, \"val_s\": 0.1,"
            + " \"log_s\": 0.05, \"epoch_s\": %s, \"val_accuracy\": 0.8}'", epoch, total - 0.15, total);
  }

  @Test
  void aRunIsItsEpochLinesAndItsResultLineWithTheLimitPassedAfterTheCommand() throws IOException {
    TorchPeer peer = peerPrinting(String.join("\n", "echo 'some other output'", epoch(1, 9.0), epoch(2, 1.0),
        epoch(3, 3.0), "echo '{\"event\": \"run\", \"status\": \"SUCCESS\"}'"));

    TorchPeer.RunTimes run = peer.run("he-normal", 3, dir.resolve("logs"), false);

    assertThat(run.epochs()).extracting(TorchPeer.Epoch::epoch).containsExactly(1, 2, 3);
    assertThat(run.stats(TorchPeer.Epoch::total).median()).as("epochs 2..n only").isEqualTo(2.0);
    assertThat(run.result().get("status").asText()).isEqualTo("SUCCESS");
    assertThat(Files.readString(dir.resolve("args")).trim()).isEqualTo(
        "run --limit 1000 200 200 --scheme he-normal --epochs 3 --logdir " + dir.resolve("logs") + " --no-log");
  }

  @Test
  void aRunThatReportsFewerEpochsThanAskedFails() throws IOException {
    TorchPeer peer = peerPrinting(epoch(1, 1.0) + "\necho '{\"event\": \"run\"}'");

    assertThatThrownBy(() -> peer.run("zeros", 2, dir, true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("1 of 2 epochs");
  }

  @Test
  void aPeerThatExitsWithAnErrorFailsWithItsStatusAndCommand() throws IOException {
    TorchPeer peer = peerPrinting("exit 3");

    assertThatThrownBy(() -> peer.sweep(1, 2, dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exit status 3")
        .hasMessageContaining("sweep --limit 1000 200 200 --epochs 1 --parallel 2");
  }

  @Test
  void aSweepIsItsSweepLine() throws IOException {
    TorchPeer peer = peerPrinting(epoch(1, 1.0) + "\necho '{\"event\": \"sweep\", \"wall_s\": 101.5, \"runs\": 12}'");

    assertThat(peer.sweep(10, 2, dir).get("wall_s").asDouble()).isEqualTo(101.5);
  }

  @Test
  void aLauncherThatIsNotExecutableIsRefusedAtOnce() {
    assertThatThrownBy(() -> TorchPeer.at(dir.resolve("missing"), false, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
  }
}
