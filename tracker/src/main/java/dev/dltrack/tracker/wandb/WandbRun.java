package dev.dltrack.tracker.wandb;

import dev.dltrack.tracker.Histogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's W&amp;B files as read back: history rows (each a map with {@code _step}, {@code
 * _runtime}, {@code _timestamp} and the values logged at that step), the summary, the config
 * (unwrapped from {@code {desc, value}}) and the metadata.
 */
public record WandbRun(
    List<Map<String, Object>> history,
    Map<String, Object> summary,
    Map<String, Object> config,
    Map<String, Object> metadata,
    List<String> warnings) {

  /**
   * Copies everything, keeping the order of the maps.
   *
   * @param history the history rows, in file order
   * @param summary the summary
   * @param config the configuration (hyperparameters), in the order given
   * @param metadata the metadata
   * @param warnings what could not be read
   */
  public WandbRun {
    history = Collections.unmodifiableList(new ArrayList<>(history));
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    warnings = List.copyOf(warnings);
  }

  /**
   * The (step, value) pairs of a numeric history key, in file order.
   *
   * @param key the history key
   * @return {@code {step, value}} pairs, one per row that has a number for {@code key}
   */
  public List<double[]> series(String key) {
    List<double[]> out = new ArrayList<>();
    for (Map<String, Object> row : history) {
      Object v = row.get(key);
      if (v instanceof Number n) {
        out.add(new double[] {((Number) row.get("_step")).doubleValue(), n.doubleValue()});
      }
    }
    return out;
  }

  /**
   * A history or summary value as a histogram, if it is one: an object with {@code "_type":
   * "histogram"}, {@code "values"} and {@code "bins"}.
   *
   * @throws IllegalArgumentException if it says it is a histogram but its counts or edges are not
   *     numbers, or do not make a histogram (the message says why)
   * @param value a value of a history row or of the summary
   * @return the histogram, or empty if {@code value} is not one
   */
  public static Optional<Histogram> histogram(Object value) {
    if (value instanceof Map<?, ?> m && "histogram".equals(m.get("_type"))) {
      double[] counts = numbers(m.get("values"), "values");
      double[] edges = numbers(m.get("bins"), "bins");
      return Optional.of(Histogram.ofBuckets(edges, counts));
    }
    return Optional.empty();
  }

  private static double[] numbers(Object list, String field) {
    if (!(list instanceof List<?> l)) {
      throw new IllegalArgumentException("histogram " + field + " is not an array: " + list);
    }
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(l.get(i) instanceof Number n)) {
        throw new IllegalArgumentException(
            "histogram " + field + "[" + i + "] is not a number: " + l.get(i));
      }
      out[i] = n.doubleValue();
    }
    return out;
  }
}
