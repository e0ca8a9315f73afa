package dev.dltrack.compare.model;

import dev.dltrack.compare.model.DifferenceTest.Design;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Compares seed groups with each other ({@link GroupDifference}): paired by seed when two groups
 * ran the same seeds, Welch's test otherwise, and Holm's correction over each metric's tests.
 */
final class GroupDifferences {
  private GroupDifferences() {}

  /**
   * Each of {@code groups} (best first) against the best one with an interval of the primary
   * metric, then the two groups of {@code asked} against each other when both exist and neither
   * is the best; per metric Holm-corrected over that metric's tests. Empty without such a best
   * group or with fewer than two groups.
   */
  static List<GroupDifference> of(
      List<SeedGroup> groups, List<MetricSpec> metrics, Optional<ComparedPair> asked) {
    Optional<SeedGroup> leader = Comparison.leader(groups);
    if (leader.isEmpty() || groups.size() < 2) {
      return List.of();
    }
    List<SeedGroup[]> pairs = new ArrayList<>();
    for (SeedGroup g : groups) {
      if (!g.equals(leader.get())) {
        pairs.add(new SeedGroup[] {g, leader.get()});
      }
    }
    List<SeedGroup> pair =
        asked.isEmpty()
            ? List.of()
            : groups.stream()
                .filter(g -> ComparedPair.names(g, asked.get().first()) || ComparedPair.names(g, asked.get().second()))
                .toList();
    if (pair.size() == 2 && !pair.contains(leader.get())) {
      // groups are sorted best first: the second is compared against the first
      pairs.add(new SeedGroup[] {pair.get(1), pair.get(0)});
    }
    List<Design> designs = pairs.stream().map(p -> design(p[0], p[1])).toList();
    List<List<MetricDifference>> byPair = new ArrayList<>();
    pairs.forEach(p -> byPair.add(new ArrayList<>()));
    for (int m = 0; m < metrics.size(); m++) {
      List<Optional<DifferenceTest>> tests = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        tests.add(test(pairs.get(i)[0], pairs.get(i)[1], designs.get(i), m));
      }
      double[] adjusted =
          HolmCorrection.adjust(tests.stream().flatMap(Optional::stream).mapToDouble(DifferenceTest::p).toArray());
      int k = 0;
      for (int i = 0; i < pairs.size(); i++) {
        Optional<DifferenceTest> t = tests.get(i);
        OptionalDouble adjustedP = t.isPresent() ? OptionalDouble.of(adjusted[k++]) : OptionalDouble.empty();
        String reason = t.isPresent() ? "" : untestedReason(pairs.get(i)[0], pairs.get(i)[1], m);
        byPair.get(i).add(new MetricDifference(metrics.get(m).tag(), t, adjustedP, reason));
      }
    }
    List<GroupDifference> result = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      result.add(
          new GroupDifference(pairs.get(i)[0].name(), pairs.get(i)[1].name(), designs.get(i), byPair.get(i)));
    }
    return List.copyOf(result);
  }

  /** Paired when both groups ran the same seeds, once each: seed s gave both the same data order. */
  private static Design design(SeedGroup a, SeedGroup b) {
    Optional<List<String>> sa = a.distinctSeeds();
    Optional<List<String>> sb = b.distinctSeeds();
    return sa.isPresent() && sb.isPresent() && Set.copyOf(sa.get()).equals(Set.copyOf(sb.get()))
        ? Design.PAIRED
        : Design.WELCH;
  }

  /** The test of metric {@code m}, group {@code a} minus {@code b}; paired on the seeds both logged. */
  private static Optional<DifferenceTest> test(SeedGroup a, SeedGroup b, Design design, int m) {
    if (design == Design.PAIRED) {
      Map<String, Double> second = new HashMap<>();
      b.replicates().forEach(r -> r.finalValue(m).ifPresent(v -> second.put(r.seed().orElseThrow(), v)));
      List<double[]> pairs = new ArrayList<>();
      for (Replicate r : a.replicates()) {
        Double other = second.get(r.seed().orElseThrow());
        if (r.finalValue(m).isPresent() && other != null) {
          pairs.add(new double[] {r.finalValue(m).getAsDouble(), other});
        }
      }
      return DifferenceTest.paired(
          pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
    }
    return DifferenceTest.welch(finals(a, m), finals(b, m));
  }

  private static double[] finals(SeedGroup g, int m) {
    return g.replicates().stream().flatMap(r -> r.finalValue(m).stream().boxed()).mapToDouble(d -> d).toArray();
  }

  /** Why groups {@code a} and {@code b} have no test of metric {@code m}. */
  private static String untestedReason(SeedGroup a, SeedGroup b, int m) {
    for (SeedGroup g : List.of(a, b)) {
      SampleStatistics s = g.statistics(m);
      if (s.n() < 2) {
        return g.name() + (s.n() == 0 ? " has no value" : " has 1 seed");
      }
      if (s.ci95().isEmpty()) {
        return g.name() + " has a value that is not finite";
      }
    }
    return "fewer than 2 seeds with a value in both";
  }
}
