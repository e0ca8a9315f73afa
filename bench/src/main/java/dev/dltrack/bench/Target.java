package dev.dltrack.bench;

import static java.util.Objects.requireNonNull;

/** What a ratio should be: at least, at most or below a bound. */
public record Target(Target.Op op, double bound) {
  /** How a ratio is compared with the bound. */
  public enum Op {
    AT_LEAST("≥"),
    AT_MOST("≤"),
    BELOW("<");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  public Target {
    requireNonNull(op, "op");
  }

  public static Target atLeast(double bound) {
    return new Target(Op.AT_LEAST, bound);
  }

  public static Target atMost(double bound) {
    return new Target(Op.AT_MOST, bound);
  }

  public static Target below(double bound) {
    return new Target(Op.BELOW, bound);
  }

  /** Whether {@code ratio} meets this target. */
  public boolean metBy(double ratio) {
    return switch (op) {
      case AT_LEAST -> ratio >= bound;
      case AT_MOST -> ratio <= bound;
      case BELOW -> ratio < bound;
    };
  }

  @Override
  public String toString() {
    return op.symbol + " " + Numbers.format(bound);
  }
}
