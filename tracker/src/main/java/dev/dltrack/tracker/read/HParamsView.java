package dev.dltrack.tracker.read;

import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.Experiment.HParamType;
import dev.dltrack.tracker.RunStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The HParams dashboard's table, computed from runs the way TensorBoard computes it: the
 * experiment is the first one a run declares, or else inferred from the runs' sessions
 * (hyperparameters from their values, every scalar tag as a metric); each session's metric values
 * are the last values of the metric tags in its run; sessions sharing a group name form a group.
 */
public final class HParamsView {
  private final Experiment experiment;
  private final boolean inferred;
  private final Set<String> differing;
  private final List<SessionGroup> groups;

  private HParamsView(
      Experiment experiment, boolean inferred, Set<String> differing, List<SessionGroup> groups) {
    this.experiment = experiment;
    this.inferred = inferred;
    this.differing = differing;
    this.groups = groups;
  }

  /** A metric's value in a session (or averaged over a group's sessions). */
  public record MetricValue(String tag, double value, long trainingStep, double wallTime) {}

  /** One run's session and its metric values. */
  public record SessionRow(
      String name,
      double startTime,
      double endTime,
      RunStatus status,
      List<MetricValue> metricValues) {
    /**
     * Copies the metric values.
     *
     * @param name the run's name
     * @param startTime when it started, in seconds since the epoch
     * @param endTime when it ended, in seconds since the epoch (0 while the log does not say)
     * @param status how the run ended ({@code UNKNOWN} while the log does not say)
     * @param metricValues its metric values
     */
    public SessionRow {
      metricValues = List.copyOf(metricValues);
    }
  }

  /**
   * Sessions sharing a group name: the first session's hparams, metric values averaged over the
   * sessions that have them.
   */
  public record SessionGroup(
      String name,
      Map<String, Object> hparams,
      List<MetricValue> metricValues,
      List<SessionRow> sessions) {
    /**
     * Copies the metric values and the sessions.
     *
     * @param name the group's name
     * @param hparams the hparams, in the order logged
     * @param metricValues its metric values
     * @param sessions its sessions
     */
    public SessionGroup {
      metricValues = List.copyOf(metricValues);
      sessions = List.copyOf(sessions);
    }
  }

  /**
   * The HParams view of {@code runs}; empty when no run has a session.
   *
   * @param runs the runs of a log root
   * @return the view, or empty
   */
  public static Optional<HParamsView> of(List<RunLog> runs) {
    List<RunLog> withSession = runs.stream().filter(r -> r.session().isPresent()).toList();
    Optional<Experiment> declared =
        runs.stream().flatMap(r -> r.experiment().stream()).findFirst();
    if (withSession.isEmpty() && declared.isEmpty()) {
      return Optional.empty();
    }
    Experiment experiment = declared.orElseGet(() -> infer(withSession));
    Set<String> differing = new TreeSet<>();
    for (Experiment.HParam h : experiment.hparams()) {
      Set<Object> values = new LinkedHashSet<>();
      for (RunLog r : withSession) {
        values.add(r.session().get().hparams().get(h.name()));
      }
      if (values.size() > 1) {
        differing.add(h.name());
      }
    }
    Map<String, List<RunLog>> byGroup = new TreeMap<>();
    for (RunLog r : withSession) {
      String g = r.session().get().group();
      byGroup.computeIfAbsent(g.isEmpty() ? r.name() : g, k -> new ArrayList<>()).add(r);
    }
    List<SessionGroup> groups = new ArrayList<>();
    byGroup.forEach((name, members) -> groups.add(group(name, members, experiment)));
    return Optional.of(new HParamsView(experiment, declared.isEmpty(), differing, groups));
  }

  private static SessionGroup group(String name, List<RunLog> members, Experiment experiment) {
    List<SessionRow> sessions = new ArrayList<>();
    for (RunLog r : members) {
      Session s = r.session().get();
      List<MetricValue> values = new ArrayList<>();
      for (Experiment.Metric m : experiment.metrics()) {
        r.lastScalar(m.tag())
            .ifPresent(p -> values.add(new MetricValue(m.tag(), p.value(), p.step(), p.wallTime())));
      }
      sessions.add(new SessionRow(r.name(), s.startTime(), s.endTime(), s.status(), values));
    }
    List<MetricValue> averaged = new ArrayList<>();
    for (Experiment.Metric m : experiment.metrics()) {
      List<MetricValue> vs =
          sessions.stream()
              .flatMap(s -> s.metricValues().stream())
              .filter(v -> v.tag().equals(m.tag()))
              .toList();
      if (!vs.isEmpty()) {
        double mean = vs.stream().mapToDouble(MetricValue::value).average().orElseThrow();
        MetricValue last = vs.stream().max(Comparator.comparingLong(MetricValue::trainingStep)).get();
        averaged.add(new MetricValue(m.tag(), mean, last.trainingStep(), last.wallTime()));
      }
    }
    return new SessionGroup(
        name, members.get(0).session().get().hparams(), averaged, sessions);
  }

  private static Experiment infer(List<RunLog> runs) {
    Map<String, List<Object>> values = new TreeMap<>();
    for (RunLog r : runs) {
      r.session().get().hparams().forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Experiment.Builder b = Experiment.builder();
    values.forEach((name, vs) -> b.hparam(inferHParam(name, vs)));
    Set<String> tags = new TreeSet<>();
    runs.forEach(r -> tags.addAll(r.scalars().keySet()));
    tags.forEach(t -> b.metric(t, "", Experiment.Dataset.UNKNOWN));
    return b.build();
  }

  private static Experiment.HParam inferHParam(String name, List<Object> vs) {
    HParamType type = HParamType.UNSET;
    for (Object v : vs) {
      HParamType t =
          v instanceof String
              ? HParamType.STRING
              : v instanceof Boolean ? HParamType.BOOL : HParamType.FLOAT64;
      type = type == HParamType.UNSET || type == t ? t : HParamType.STRING;
    }
    Optional<Experiment.Domain> domain;
    switch (type) {
      case STRING -> {
        List<Object> distinct = new ArrayList<>(new TreeSet<>(vs.stream().map(String::valueOf).toList()));
        domain = Optional.of(new Experiment.Discrete(distinct));
      }
      case BOOL -> domain = Optional.of(new Experiment.Discrete(new ArrayList<>(new TreeSet<>(vs))));
      default -> {
        double min = vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
        double max = vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
        domain = Optional.of(new Experiment.Interval(min, max));
      }
    }
    return new Experiment.HParam(name, type, domain, "", "");
  }

  /**
   * The experiment: declared by a run, or inferred.
   *
   * @return the experiment
   */
  public Experiment experiment() {
    return experiment;
  }

  /**
   * Whether the experiment was inferred because no run declares one.
   *
   * @return whether it was inferred
   */
  public boolean inferred() {
    return inferred;
  }

  /**
   * Whether the sessions hold more than one value of {@code hparam}.
   *
   * @param hparam the hparam's name
   * @return whether its value differs between sessions
   */
  public boolean differs(String hparam) {
    return differing.contains(hparam);
  }

  /**
   * Session groups, sorted by name.
   *
   * @return the groups
   */
  public List<SessionGroup> groups() {
    return groups;
  }

  /**
   * Metric value of one group, by tag.
   *
   * @param values a group's metric values
   * @return the same values by tag, in their order
   */
  public static Map<String, MetricValue> byTag(List<MetricValue> values) {
    Map<String, MetricValue> m = new LinkedHashMap<>();
    values.forEach(v -> m.put(v.tag(), v));
    return m;
  }
}
