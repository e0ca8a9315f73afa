package dev.dltrack.compare.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Two groups a comparison also tests against each other, besides each group against the best one,
 * and why, as whoever knows the runs says it (a {@code --pair} option, or a declaration written
 * into the log root by the sweep that made the runs). The comparison itself knows no such pair.
 *
 * <p>A name stands for the group named so, or for the group named {@code <hparam>=<name>} when one
 * hyperparameter tells the groups apart ({@code scheme=normal-rule}).
 *
 * @param first a group's name
 * @param second another group's name
 * @param reason why the two are compared, for the sentence about them; empty for none
 */
public record ComparedPair(String first, String second, String reason) {
  public ComparedPair {
    requireNonNull(first, "first");
    requireNonNull(second, "second");
    requireNonNull(reason, "reason");
    checkArgument(!first.isBlank() && !second.isBlank(), "a pair needs two group names: '%s,%s'", first, second);
    checkArgument(!first.equals(second), "a pair needs two different groups: '%s,%s'", first, second);
  }

  /** The pair {@code a,b} as an option gives it, without a reason. */
  public static ComparedPair parse(String value) {
    requireNonNull(value, "value");
    List<String> names = List.of(value.split(",", -1));
    checkArgument(
        names.size() == 2 && names.stream().noneMatch(String::isBlank),
        "a pair is two group names separated by a comma, e.g. uniform-rule,normal-rule: '%s'",
        value);
    return new ComparedPair(names.get(0).strip(), names.get(1).strip(), "");
  }

  /** Whether {@code group} is the group {@code name} stands for (see the class comment). */
  static boolean names(SeedGroup group, String name) {
    String g = group.name();
    int eq = g.indexOf('=');
    return g.equals(name) || (eq > 0 && !g.contains(", ") && g.substring(eq + 1).equals(name));
  }

  /** {@code first,second}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return first + "," + second;
  }
}
