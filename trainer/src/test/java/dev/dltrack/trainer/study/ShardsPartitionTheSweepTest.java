package dev.dltrack.trainer.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.HParamsView;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.testing.TfeventsCheck;
import dev.dltrack.trainer.data.IdxFixtures;
import dev.dltrack.trainer.init.InitScheme;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard i/n}: n disjoint parts that together are the sweep, each run exactly once. */
class ShardsPartitionTheSweepTest {
  @TempDir Path logs;
  @TempDir Path data;

  private Sweep study(int seeds) {
    return Sweep.of(InitScheme.all(), seeds, 10, 128, 1e-3, logs, 2);
  }

  @Test
  void everyShardCountSplitsTheRunsIntoDisjointPartsWhoseUnionIsTheSweep() {
    Sweep whole = study(3);
    List<String> all = whole.runs().stream().map(RunSpec::runName).toList();
    assertThat(all).hasSize(36).doesNotHaveDuplicates();
    for (int n = 1; n <= 40; n++) {
      List<String> union = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<String> part = whole.shard(new Shard(i, n)).runs().stream().map(RunSpec::runName).toList();
        // balanced: no part has more than one run more than another
        assertThat(part.size()).as("part %d/%d", i, n).isBetween(36 / n, (36 + n - 1) / n);
        union.addAll(part);
      }
      assertThat(union).as("n = %d", n).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }
  }

  @Test
  void theSameOptionsGiveTheSamePartsAndEveryPartDeclaresTheWholeStudy() {
    for (int i = 0; i < 5; i++) {
      Shard shard = new Shard(i, 5);
      assertThat(study(3).shard(shard).runs()).isEqualTo(study(3).shard(shard).runs());
      assertThat(study(3).shard(shard).experiment()).isEqualTo(study(3).experiment());
    }
    // round-robin: each scheme's seeds go to different parts
    Set<String> first = new HashSet<>(study(3).shard(new Shard(0, 3)).runs().stream()
        .map(r -> r.scheme().name()).toList());
    assertThat(first).hasSize(12);
  }

  @Test
  void badShardsAreRefusedSayingWhatIsExpected() {
    assertThat(Shard.parse("0/4")).isEqualTo(new Shard(0, 4));
    assertThat(Shard.parse(" 3 / 4 ")).isEqualTo(new Shard(3, 4));
    assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("'4/4'").hasMessageContaining("0-based")
        .hasMessageContaining("0 to 3");
    assertThatThrownBy(() -> Shard.parse("-1/4")).hasMessageContaining("0 to 3");
    assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("n must be at least 1");
    assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("expected i/n");
    assertThatThrownBy(() -> Shard.parse("1/2/3")).hasMessageContaining("expected i/n");
  }

  @Test
  void twoShardsRunIntoOneLogRootMakeTheWholeStudy() throws Exception {
    IdxFixtures.writeDataset(data, 300, 60);
    for (String shard : List.of("1/2", "0/2")) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      SweepRequest request = SweepRequest.builder()
          .schemes(List.of("zeros", "he-normal")).seeds(2).epochs(1).batch(50).parallel(2)
          .dataDir(data).logRoot(logs).shard(Shard.parse(shard))
          .build();
      List<RunResult> results =
          new SweepRunner(new PrintStream(bytes, true, StandardCharsets.UTF_8), SweepRunner.Progress.LINES).run(request);
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertThat(results).as(text).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCESS));
      assertThat(text).contains("shard " + shard);
    }
    TfeventsCheck.assertSound(logs);
    LogRoot root = LogRoot.read(logs);
    assertThat(root.runs()).extracting(RunLog::name)
        .containsExactlyInAnyOrder("zeros-s1", "zeros-s2", "he-normal-s1", "he-normal-s2");
    for (RunLog run : root.runs()) {
      assertThat(run.session().orElseThrow().status()).as(run.name()).isEqualTo(RunStatus.SUCCESS);
      assertThat(run.scalars("test/accuracy")).as(run.name()).hasSize(1);
    }
    HParamsView view = HParamsView.of(root.runs()).orElseThrow();
    assertThat(view.groups()).extracting(HParamsView.SessionGroup::name).containsExactlyInAnyOrder("zeros", "he-normal");
  }
}
