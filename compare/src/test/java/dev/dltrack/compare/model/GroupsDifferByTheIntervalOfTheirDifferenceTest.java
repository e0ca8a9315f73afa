package dev.dltrack.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import dev.dltrack.compare.model.DifferenceTest.Design;
import dev.dltrack.compare.testing.RunLogs;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.read.RunLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each seed group is compared with the best one, and the two groups of a pair given with each other
 * (here uniform-rule and normal-rule, the pair the study's article asks about), by the interval and
 * p-value of the difference: paired by seed when both groups ran the same seeds, Welch's otherwise,
 * with Holm's correction over each metric's comparisons. Expected values are SciPy 1.17's ({@code
 * ttest_rel}, {@code ttest_ind(equal_var=False)}, {@code confidence_interval()}) on the same
 * numbers; Holm's adjustment of them is worked out in the test.
 */
class GroupsDifferByTheIntervalOfTheirDifferenceTest {
  private static final double[] HE_NORMAL = {0.881, 0.884, 0.879, 0.886, 0.882};
  private static final double[] NORMAL_RULE = {0.878, 0.883, 0.875, 0.884, 0.880};
  private static final double[] UNIFORM_RULE = {0.877, 0.882, 0.876, 0.880, 0.879};

  private static void seeds(List<RunLog> runs, String scheme, int firstSeed, double... accuracy) {
    for (int i = 0; i < accuracy.length; i++) {
      int seed = firstSeed + i;
      runs.add(RunLogs.seed(scheme, seed, 0.5, accuracy[i]));
    }
  }

  private static final ComparedPair PAIR =
      new ComparedPair("uniform-rule", "normal-rule", "the article could not tell them apart");

  private static Comparison compare(List<RunLog> runs) {
    return Comparison.of(runs, List.of(MetricSpec.of("val/accuracy")), Optional.of(PAIR));
  }

  private static GroupDifference difference(Comparison c, String group) {
    return c.differences().stream().filter(d -> d.group().equals(group)).findFirst().orElseThrow();
  }

  @Test
  void groupsThatRanTheSameSeedsArePairedSeedBySeed() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 1, NORMAL_RULE);
    seeds(runs, "uniform-rule", 1, UNIFORM_RULE);

    Comparison c = compare(runs);

    // the best against each other group, then the pair, the better one as reference
    assertThat(c.differences())
        .extracting(GroupDifference::group, GroupDifference::reference, GroupDifference::design)
        .containsExactly(
            tuple("normal-rule", "he-normal", Design.PAIRED),
            tuple("uniform-rule", "he-normal", Design.PAIRED),
            tuple("uniform-rule", "normal-rule", Design.PAIRED));
    DifferenceTest nr = difference(c, "normal-rule").metric(0).test().orElseThrow();
    assertThat(nr.n1()).isEqualTo(5);
    assertThat(nr.difference()).isCloseTo(-0.0024, within(1e-12));
    assertThat(nr.p()).isCloseTo(0.009261696759514423, within(1e-10));
    assertThat(nr.ci95().low()).isCloseTo(-0.0038157147769822754, within(1e-11));
    assertThat(nr.ci95().high()).isCloseTo(-0.0009842852230177285, within(1e-11));
    DifferenceTest ur = c.differences().get(1).metric(0).test().orElseThrow();
    assertThat(ur.p()).isCloseTo(0.006054734461189969, within(1e-10));
    DifferenceTest pair = c.differences().get(2).metric(0).test().orElseThrow();
    assertThat(pair.difference()).isCloseTo(-0.0012, within(1e-12));
    assertThat(pair.p()).isCloseTo(0.208, within(1e-10));
    assertThat(pair.ci95().low()).isCloseTo(-0.0034211560841582375, within(1e-11));
  }

  @Test
  void holmAdjustsOverTheComparisonsOfTheMetric() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 1, NORMAL_RULE);
    seeds(runs, "uniform-rule", 1, UNIFORM_RULE);

    Comparison c = compare(runs);

    // p: normal-rule 0.0092617, uniform-rule 0.0060547, the pair 0.208. Sorted: 0.0060547 x 3 =
    // 0.0181642, 0.0092617 x 2 = 0.0185234, 0.208 x 1 = 0.208; already increasing.
    assertThat(c.testsOf(0)).isEqualTo(3);
    assertThat(c.differences().get(0).metric(0).adjustedP().getAsDouble())
        .isCloseTo(2 * 0.009261696759514423, within(1e-10));
    assertThat(c.differences().get(1).metric(0).adjustedP().getAsDouble())
        .isCloseTo(3 * 0.006054734461189969, within(1e-10));
    assertThat(c.differences().get(2).metric(0).adjustedP().getAsDouble())
        .isCloseTo(0.208, within(1e-10));
    assertThat(c.differences())
        .extracting(d -> d.metric(0).significant())
        .containsExactly(true, true, false);
  }

  @Test
  void theSentencesAnswerBestVersusRestAndThePairsQuestion() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 1, NORMAL_RULE);
    seeds(runs, "uniform-rule", 1, UNIFORM_RULE);

    Comparison c = compare(runs);

    assertThat(c.bestVersusRest())
        .contains(
            "Best val/accuracy: he-normal (mean 0.882 over 5 seeds). It is better than normal-rule"
                + " and uniform-rule (Holm-adjusted p < 0.05 over 3 comparisons).");
    assertThat(c.pairStatement())
        .contains(
            "uniform-rule against normal-rule (the article could not tell them apart): over 5 seeds"
                + " paired by seed, normal-rule's val/accuracy is higher by 0.00120 (95% CI of the"
                + " difference -0.00102 to 0.00342; p = 0.21, Holm-adjusted 0.21); these seeds cannot"
                + " tell them apart (not significant at the 5% level).");
    assertThat(c.statements()).containsExactly(c.bestVersusRest().get(), c.pairStatement().get());
    assertThat(String.join(" ", c.statements())).doesNotContain("overlap");
  }

  @Test
  void groupsThatRanDifferentSeedsAreComparedByWelchsTest() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 6, NORMAL_RULE);

    Comparison c = compare(runs);

    GroupDifference d = c.differences().get(0);
    assertThat(d.design()).isEqualTo(Design.WELCH);
    DifferenceTest t = d.metric(0).test().orElseThrow();
    assertThat(t.degreesOfFreedom()).isCloseTo(7.347202173728455, within(1e-9));
    assertThat(t.p()).isCloseTo(0.2760283415599954, within(1e-10));
    assertThat(t.ci95().low()).isCloseTo(-0.007177086336419645, within(1e-11));
    assertThat(t.ci95().high()).isCloseTo(0.0023770863364199514, within(1e-11));
    // one comparison: Holm leaves p as it is
    assertThat(d.metric(0).adjustedP().getAsDouble()).isEqualTo(t.p());
    assertThat(c.bestVersusRest())
        .contains(
            "Best val/accuracy: he-normal (mean 0.882 over 5 seeds). These seeds cannot tell it from"
                + " normal-rule (adjusted p = 0.28).");
  }

  @Test
  void seedsSharedOnlyInPartOrRunTwiceAreNotPaired() {
    List<RunLog> partly = new ArrayList<>();
    seeds(partly, "he-normal", 1, HE_NORMAL);
    seeds(partly, "normal-rule", 2, NORMAL_RULE);
    List<RunLog> twice = new ArrayList<>();
    seeds(twice, "he-normal", 1, 0.881, 0.884);
    twice.add(
        RunLogs.series(
                RunLogs.run(
                    "he-normal-again",
                    Map.of("scheme", "he-normal", "seed", 1.0),
                    "he-normal",
                    RunStatus.SUCCESS),
                "val/accuracy",
                0.879)
            .build());
    seeds(twice, "normal-rule", 1, 0.878, 0.883);

    assertThat(compare(partly).differences().get(0).design()).isEqualTo(Design.WELCH);
    assertThat(compare(twice).differences().get(0).design()).isEqualTo(Design.WELCH);
  }

  @Test
  void aGroupWithOneSeedIsNotTestedAndTheSentenceSaysWhy() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 1, NORMAL_RULE);
    seeds(runs, "uniform-rule", 1, 0.9);

    Comparison c = compare(runs);

    // uniform-rule's one seed ranks first, but the best with an interval is the reference
    MetricDifference ur = difference(c, "uniform-rule").metric(0);
    assertThat(ur.test()).isEmpty();
    assertThat(ur.adjustedP()).isEmpty();
    assertThat(ur.reason()).isEqualTo("uniform-rule has 1 seed");
    // the untested comparison does not count for Holm
    assertThat(c.testsOf(0)).isEqualTo(1);
    assertThat(c.bestVersusRest().orElseThrow())
        .endsWith(
            "It cannot be tested against uniform-rule (uniform-rule has 1 seed): run 2 or more seeds of each.");
    assertThat(c.pairStatement())
        .contains(
            "uniform-rule against normal-rule (the article could not tell them apart): these runs"
                + " cannot tell them apart by val/accuracy: uniform-rule has 1 seed — run 2 or more"
                + " seeds of each.");
  }

  @Test
  void withoutAPairOnlyTheBestIsComparedWithTheOthers() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 1, NORMAL_RULE);
    seeds(runs, "uniform-rule", 1, UNIFORM_RULE);

    Comparison c = Comparison.of(runs, List.of(MetricSpec.of("val/accuracy")));

    assertThat(c.pair()).isEmpty();
    assertThat(c.differences()).extracting(GroupDifference::reference).containsOnly("he-normal");
    assertThat(c.pairStatement()).isEmpty();
    assertThat(c.statements()).containsExactly(c.bestVersusRest().get());
  }

  @Test
  void aPairNamesGroupsByTheirNameOrTheValueOfTheHParamThatTellsThemApart() {
    List<RunLog> runs = new ArrayList<>();
    for (String scheme : List.of("he-normal", "normal-rule", "uniform-rule")) {
      double[] values =
          scheme.equals("he-normal")
              ? HE_NORMAL
              : scheme.equals("normal-rule") ? NORMAL_RULE : UNIFORM_RULE;
      for (int i = 0; i < values.length; i++) {
        // no session group: groups are named by the differing hparam, scheme=<scheme>
        runs.add(
            RunLogs.series(
                    RunLogs.run(
                        scheme + "-s" + (i + 1),
                        Map.of("scheme", scheme, "seed", (double) (i + 1)),
                        "",
                        RunStatus.SUCCESS),
                    "val/accuracy",
                    values[i])
                .build());
      }
    }
    List<MetricSpec> metric = List.of(MetricSpec.of("val/accuracy"));

    Comparison byValue =
        Comparison.of(runs, metric, Optional.of(ComparedPair.parse("uniform-rule,normal-rule")));
    Comparison byName =
        Comparison.of(
            runs,
            metric,
            Optional.of(ComparedPair.parse("scheme=uniform-rule,scheme=normal-rule")));
    Comparison unknown =
        Comparison.of(runs, metric, Optional.of(ComparedPair.parse("uniform-rule,lsuv")));

    assertThat(byValue.groups()).extracting(SeedGroup::name).contains("scheme=uniform-rule");
    assertThat(byValue.differences()).hasSize(3);
    assertThat(byValue.differences().get(2).group()).isEqualTo("scheme=uniform-rule");
    assertThat(byValue.pairStatement().orElseThrow())
        .startsWith("uniform-rule against normal-rule: over 5 seeds");
    assertThat(byName.differences()).hasSize(3);
    assertThat(byName.pairStatement().orElseThrow())
        .startsWith("scheme=uniform-rule against scheme=normal-rule: over 5 seeds");
    assertThat(unknown.differences()).hasSize(2);
    assertThat(unknown.pairStatement()).isEmpty();
  }

  @Test
  void aPairIsTwoDifferentNames() {
    assertThat(ComparedPair.parse(" a , b ")).isEqualTo(new ComparedPair("a", "b", ""));
    for (String bad : List.of("a", "a,", ",b", "a,b,c", "a,a")) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ComparedPair.parse(bad))
          .withMessageContaining(bad);
    }
  }

  @Test
  void aDivergedSeedLeavesItsGroupUntested() {
    List<RunLog> runs = new ArrayList<>();
    seeds(runs, "he-normal", 1, HE_NORMAL);
    seeds(runs, "normal-rule", 1, 0.878, Double.NaN, 0.875, 0.884, 0.880);

    MetricDifference d = compare(runs).differences().get(0).metric(0);

    assertThat(d.test()).isEmpty();
    assertThat(d.reason()).isEqualTo("normal-rule has a value that is not finite");
  }
}
