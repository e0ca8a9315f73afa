package dev.dltrack.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Formats measured numbers for tables: three significant digits, thousands grouped. */
final class Numbers {
  private Numbers() {}

  static String format(double x) {
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    BigDecimal rounded = new BigDecimal(x).round(new MathContext(3));
    DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setMaximumFractionDigits(Math.max(0, rounded.scale()));
    return f.format(rounded);
  }
}
