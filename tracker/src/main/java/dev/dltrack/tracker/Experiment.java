package dev.dltrack.tracker;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The declaration of an experiment that several runs belong to: which hyperparameters vary, over
 * which domain, and which scalar tags are the metrics to compare runs by. TensorBoard's HParams
 * dashboard builds its table from it.
 *
 * <p>Declaring an experiment is optional: without one, TensorBoard infers the hyperparameters from
 * the runs' configs and treats every scalar tag as a metric. Every run of a sweep should declare
 * the same experiment, since TensorBoard uses the first declaration it finds.
 */
public final class Experiment {
  private final String description;
  private final ImmutableList<HParam> hparams;
  private final ImmutableList<Metric> metrics;

  private Experiment(String description, List<HParam> hparams, List<Metric> metrics) {
    this.description = description;
    this.hparams = ImmutableList.copyOf(hparams);
    this.metrics = ImmutableList.copyOf(metrics);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String description() {
    return description;
  }

  public List<HParam> hparams() {
    return hparams;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  public Optional<HParam> hparam(String name) {
    return hparams.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Experiment e
        && description.equals(e.description)
        && hparams.equals(e.hparams)
        && metrics.equals(e.metrics);
  }

  @Override
  public int hashCode() {
    return hparams.hashCode() * 31 + metrics.hashCode();
  }

  @Override
  public String toString() {
    return "Experiment{hparams=" + hparams + ", metrics=" + metrics + "}";
  }

  /** The type of a hyperparameter's values. */
  public enum HParamType {
    UNSET,
    STRING,
    BOOL,
    FLOAT64
  }

  /** Which data a metric is computed on. */
  public enum Dataset {
    UNKNOWN,
    TRAINING,
    VALIDATION
  }

  /** The set of values a hyperparameter takes. */
  public sealed interface Domain permits Discrete, Interval {}

  /** A finite set of values: strings, booleans or numbers, all of one kind. */
  public record Discrete(List<Object> values) implements Domain {
    public Discrete {
      values = List.copyOf(values);
      checkArgument(!values.isEmpty(), "a discrete domain needs at least one value");
      Class<?> kind = kindOf(values.get(0));
      for (Object v : values) {
        checkArgument(kindOf(v) == kind, "a discrete domain mixes kinds of values: %s", values);
      }
    }

    private static Class<?> kindOf(Object v) {
      if (v instanceof String) {
        return String.class;
      }
      if (v instanceof Boolean) {
        return Boolean.class;
      }
      if (v instanceof Number) {
        return Number.class;
      }
      throw new IllegalArgumentException(
          "domain values must be strings, booleans or numbers: " + v);
    }
  }

  /** A closed interval of reals. */
  public record Interval(double min, double max) implements Domain {
    public Interval {
      checkArgument(min <= max, "interval min %s exceeds max %s", min, max);
    }
  }

  /** One hyperparameter; {@code domain} may be absent. */
  public record HParam(
      String name,
      HParamType type,
      Optional<Domain> domain,
      String displayName,
      String description) {
    public HParam {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(domain, "domain");
      requireNonNull(displayName, "displayName");
      requireNonNull(description, "description");
      checkArgument(!name.isBlank(), "hparam name must not be blank: '%s'", name);
    }
  }

  /** One metric: a scalar tag whose last value compares runs. */
  public record Metric(String tag, String displayName, String description, Dataset dataset) {
    public Metric {
      requireNonNull(tag, "tag");
      requireNonNull(displayName, "displayName");
      requireNonNull(description, "description");
      requireNonNull(dataset, "dataset");
      checkArgument(!tag.isBlank(), "metric tag must not be blank: '%s'", tag);
    }
  }

  /** Builds an {@link Experiment}; names must be unique. */
  public static final class Builder {
    private String description = "";
    private final List<HParam> hparams = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final Set<String> hparamNames = new LinkedHashSet<>();
    private final Set<String> metricTags = new LinkedHashSet<>();

    private Builder() {}

    public Builder description(String description) {
      this.description = requireNonNull(description, "description");
      return this;
    }

    /** A hyperparameter whose values come from a discrete set (strings, booleans or numbers). */
    public Builder hparam(String name, List<?> values) {
      Discrete d = new Discrete(new ArrayList<>(values));
      Object first = d.values().get(0);
      HParamType type =
          first instanceof String
              ? HParamType.STRING
              : first instanceof Boolean ? HParamType.BOOL : HParamType.FLOAT64;
      return hparam(new HParam(name, type, Optional.of(d), "", ""));
    }

    /** A numeric hyperparameter from the interval {@code [min, max]}. */
    public Builder hparam(String name, double min, double max) {
      return hparam(
          new HParam(name, HParamType.FLOAT64, Optional.of(new Interval(min, max)), "", ""));
    }

    public Builder hparam(HParam hparam) {
      checkArgument(hparamNames.add(hparam.name()), "hparam declared twice: %s", hparam.name());
      hparams.add(hparam);
      return this;
    }

    /** A metric: the scalar tag {@code tag}, shown as {@code displayName}. */
    public Builder metric(String tag, String displayName, Dataset dataset) {
      return metric(new Metric(tag, displayName, "", dataset));
    }

    public Builder metric(Metric metric) {
      checkArgument(metricTags.add(metric.tag()), "metric declared twice: %s", metric.tag());
      metrics.add(metric);
      return this;
    }

    public Experiment build() {
      return new Experiment(description, hparams, metrics);
    }
  }
}
