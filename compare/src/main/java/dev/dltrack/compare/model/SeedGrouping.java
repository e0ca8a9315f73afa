package dev.dltrack.compare.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Puts runs that differ only by their seed into {@link SeedGroup}s. */
final class SeedGrouping {
  /** The hyperparameter that tells the replicates of one configuration apart. */
  static final String SEED = "seed";

  private SeedGrouping() {}

  /** What makes runs one group: their hparams but the seed, or without hparams a group name. */
  private record Key(Map<String, Object> hparams, String fallback) {}

  /**
   * The groups of {@code runs}, best first by the primary (first) metric's mean; groups without a
   * value of it come last, ties in name order. {@code differing} names the hyperparameters that
   * differ between runs, for naming groups.
   */
  static List<SeedGroup> of(
      List<RunSummary> runs, List<MetricSpec> metrics, Set<String> differing) {
    Map<Key, List<RunSummary>> byKey = new LinkedHashMap<>();
    for (RunSummary r : runs) {
      byKey.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
    }
    Map<String, Long> sessionGroupUses =
        byKey.values().stream()
            .map(SeedGrouping::sessionGroup)
            .filter(g -> !g.isEmpty())
            .collect(Collectors.groupingBy(g -> g, Collectors.counting()));
    List<SeedGroup> groups = new ArrayList<>();
    for (List<RunSummary> members : byKey.values()) {
      String sessionGroup = sessionGroup(members);
      // a session group name shared by several configurations would not tell them apart
      String name =
          sessionGroupUses.getOrDefault(sessionGroup, 0L) == 1
              ? sessionGroup
              : describe(members.get(0), differing);
      groups.add(group(name, members, metrics));
    }
    Goal goal = metrics.get(0).goal();
    Comparator<SeedGroup> byPrimary =
        Comparator.comparing(
            (SeedGroup g) -> g.statistics(0).mean(),
            (a, b) -> {
              // NaN (no value, or a diverged seed) sorts after every number, in both goals
              if (Double.isNaN(a) || Double.isNaN(b)) {
                return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
              }
              return goal == Goal.MAX ? Double.compare(b, a) : Double.compare(a, b);
            });
    groups.sort(byPrimary.thenComparing(SeedGroup::name));
    return groups;
  }

  private static Key key(RunSummary r) {
    if (!r.hparams().isEmpty()) {
      Map<String, Object> withoutSeed = new TreeMap<>(r.hparams());
      withoutSeed.remove(SEED);
      return new Key(withoutSeed, "");
    }
    return new Key(Map.of(), r.group().isEmpty() ? "run " + r.name() : "group " + r.group());
  }

  private static SeedGroup group(String name, List<RunSummary> members, List<MetricSpec> metrics) {
    List<Replicate> replicates = new ArrayList<>();
    for (RunSummary r : members) {
      List<OptionalDouble> finals = new ArrayList<>();
      for (int m = 0; m < metrics.size(); m++) {
        finals.add(r.metric(m).finalValue());
      }
      Optional<String> seed = Optional.ofNullable(r.hparams().get(SEED)).map(HParamValues::format);
      replicates.add(new Replicate(r.name(), seed, finals));
    }
    List<SampleStatistics> statistics = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      int m = i;
      double[] finals =
          replicates.stream()
              .flatMap(r -> r.finalValue(m).stream().boxed())
              .mapToDouble(Double::doubleValue)
              .toArray();
      statistics.add(SampleStatistics.of(finals));
    }
    return new SeedGroup(name, replicates, statistics);
  }

  /** The session group name every member shares; empty if they do not share one. */
  private static String sessionGroup(List<RunSummary> members) {
    String first = members.get(0).group();
    return members.stream().allMatch(r -> r.group().equals(first)) ? first : "";
  }

  /** The differing hparams but the seed ({@code scheme=he-normal}), else the first run's name. */
  private static String describe(RunSummary first, Set<String> differing) {
    String described =
        first.hparams().entrySet().stream()
            .filter(e -> differing.contains(e.getKey()) && !e.getKey().equals(SEED))
            .map(e -> e.getKey() + "=" + HParamValues.format(e.getValue()))
            .collect(Collectors.joining(", "));
    return described.isEmpty() ? first.name() : described;
  }
}
