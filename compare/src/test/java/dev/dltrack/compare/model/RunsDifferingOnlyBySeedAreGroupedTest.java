package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.read.LogRoot;
import dev.dltrack.tracker.read.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs whose hparams are equal but for the seed form one group, named by their session group;
 * groups are ranked by the primary metric's mean, and the best group is compared with each other
 * group by the difference of their means, in plain words.
 */
class RunsDifferingOnlyBySeedAreGroupedTest {
  @TempDir Path root;

  private void run(String scheme, int seed, double finalAccuracy, String group) throws Exception {
    Run.Builder b =
        Run.builder(scheme + "-s" + seed)
            .logRoot(root)
            .formats("tensorboard")
            .config(Map.of("scheme", scheme, "seed", seed, "lr", 1e-3));
    if (group != null) {
      b.group(group);
    }
    try (Run run = b.open()) {
      run.scalar("val/accuracy", 390, finalAccuracy / 2);
      run.scalar("val/accuracy", 780, finalAccuracy);
    }
  }

  private List<RunLog> runs() throws Exception {
    return LogRoot.read(root).runs();
  }

  @Test
  void groupsHoldTheSeedsOfOneConfigurationWithTheirStatistics() throws Exception {
    run("he-normal", 1, 0.80, "he-normal");
    run("he-normal", 2, 0.82, "he-normal");
    run("he-normal", 3, 0.84, "he-normal");
    run("zeros", 1, 0.10, "zeros");
    run("zeros", 2, 0.11, "zeros");

    Comparison c = Comparison.of(runs(), List.of(MetricSpec.of("val/accuracy")));

    assertThat(c.differingHParams()).containsExactly("scheme", "seed");
    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("he-normal", "zeros");
    SeedGroup he = c.groups().get(0);
    assertThat(he.runs()).containsExactly("he-normal-s1", "he-normal-s2", "he-normal-s3");
    SampleStatistics s = he.statistics(0);
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).isCloseTo(0.82, within(1e-6));
    assertThat(s.standardDeviation()).isCloseTo(0.02, within(1e-6));
    assertThat(s.ci95().orElseThrow().halfWidth()).isCloseTo(0.0496827, within(1e-5));
    assertThat(c.hasReplicates()).isTrue();
  }

  @Test
  void theBestGroupIsTestedAgainstEachOtherByTheDifferenceNotByOverlap() throws Exception {
    for (int seed = 1; seed <= 3; seed++) {
      run("normal-rule", seed, 0.80 + 0.02 * seed, "normal-rule");
      run("uniform-rule", seed, 0.81 + 0.02 * seed, "uniform-rule");
      run("zeros", seed, 0.10 + 0.01 * seed, "zeros");
    }

    Comparison c = Comparison.of(runs(), List.of(MetricSpec.of("val/accuracy")));

    assertThat(c.groups())
        .extracting(SeedGroup::name)
        .containsExactly("uniform-rule", "normal-rule", "zeros");
    assertThat(c.differences()).extracting(GroupDifference::group).containsExactly("normal-rule", "zeros");
    // the two groups' 95% intervals overlap widely, but every seed of uniform-rule is 0.01 ahead
    // of the same seed of normal-rule: the paired difference is significant
    MetricDifference rules = c.differences().get(0).metric(0);
    assertThat(c.differences().get(0).design()).isEqualTo(DifferenceTest.Design.PAIRED);
    assertThat(rules.test().orElseThrow().difference()).isCloseTo(-0.01, within(1e-6));
    assertThat(rules.significant()).isTrue();
    assertThat(c.differences().get(1).metric(0).significant()).isTrue();
    assertThat(c.statements())
        .first()
        .asString()
        .startsWith("Best val/accuracy: uniform-rule (mean 0.850 over 3 seeds). It is better than"
            + " normal-rule and zeros");
    assertThat(String.join(" ", c.statements())).doesNotContain("overlap");
    assertThat(c.notes()).isEmpty();
  }

  @Test
  void aLossIsRankedLowestFirst() throws Exception {
    for (int seed = 1; seed <= 2; seed++) {
      run("a", seed, 0.9 + 0.01 * seed, "a");
      run("b", seed, 0.2 + 0.01 * seed, "b");
    }

    Comparison c = Comparison.of(runs(), List.of(new MetricSpec("val/accuracy", Goal.MIN)));

    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("b", "a");
    MetricDifference d = c.differences().get(0).metric(0);
    assertThat(c.differences().get(0).group()).isEqualTo("a");
    assertThat(d.test().orElseThrow().difference()).isCloseTo(0.7, within(1e-6));
    assertThat(d.significant()).isTrue();
  }

  @Test
  void aGroupWithOneSeedHasNoIntervalToCompare() throws Exception {
    run("he-normal", 1, 0.80, "he-normal");
    run("he-normal", 2, 0.82, "he-normal");
    run("lsuv", 1, 0.85, "lsuv");

    Comparison c = Comparison.of(runs(), List.of(MetricSpec.of("val/accuracy")));

    // lsuv's single seed ranks first, but the comparison starts from the best group with an interval
    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("lsuv", "he-normal");
    assertThat(c.differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.group()).isEqualTo("lsuv");
              assertThat(d.metric(0).test()).isEmpty();
              assertThat(d.metric(0).reason()).isEqualTo("lsuv has 1 seed");
            });
    assertThat(c.bestVersusRest())
        .contains(
            "Best val/accuracy: he-normal (mean 0.810 over 2 seeds). It cannot be tested against"
                + " lsuv (lsuv has 1 seed): run 2 or more seeds of each.");
  }

  @Test
  void oneSeedPerGroupSaysNoIntervalCanBeComputed() throws Exception {
    run("he-normal", 1, 0.80, "he-normal");
    run("zeros", 1, 0.10, "zeros");

    Comparison c = Comparison.of(runs(), List.of(MetricSpec.of("val/accuracy")));

    assertThat(c.hasReplicates()).isFalse();
    assertThat(c.differences()).isEmpty();
    assertThat(c.notes())
        .containsExactly(
            "one seed per group: no 95% confidence interval of val/accuracy can be computed — run"
                + " each configuration with 2 or more seeds to tell whether their differences are"
                + " significant");
  }

  @Test
  void withoutACommonSessionGroupAGroupIsNamedByItsHParams() throws Exception {
    // no group set: each run's session group is its own name
    run("he-normal", 1, 0.80, null);
    run("he-normal", 2, 0.82, null);
    run("zeros", 1, 0.10, null);

    Comparison c = Comparison.of(runs(), List.of(MetricSpec.of("val/accuracy")));

    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("scheme=he-normal", "zeros-s1");
  }

  @Test
  void aSessionGroupNameSharedByTwoConfigurationsIsNotUsed() throws Exception {
    try (Run run =
        Run.builder("a").logRoot(root).formats("tensorboard")
            .config(Map.of("scheme", "he-normal", "lr", 0.1)).group("he-normal").open()) {
      run.scalar("val/accuracy", 1, 0.5);
    }
    try (Run run =
        Run.builder("b").logRoot(root).formats("tensorboard")
            .config(Map.of("scheme", "he-normal", "lr", 0.01)).group("he-normal").open()) {
      run.scalar("val/accuracy", 1, 0.6);
    }

    Comparison c = Comparison.of(runs(), List.of(MetricSpec.of("val/accuracy")));

    assertThat(c.groups()).extracting(SeedGroup::name).containsExactly("lr=0.01", "lr=0.1");
  }
}
