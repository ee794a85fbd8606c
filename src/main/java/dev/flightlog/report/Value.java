package dev.flightlog.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One cell of a report: a typed value, or {@link Unknown}. */
sealed interface Value {

  /** Text; never null (an unknown text is {@link Unknown}). */
  record Text(String text) implements Value {}

  /** A whole number: a count, tokens, milliseconds. */
  record Count(long count) implements Value {}

  /** An amount in USD; written rounded to 6 decimals (a millionth of a dollar). */
  record Usd(BigDecimal usd) implements Value {
    String plain() {
      return decimal(usd);
    }
  }

  /** A ratio between 0 and 1; written rounded to 6 decimals. */
  record Ratio(double ratio) implements Value {
    String plain() {
      return decimal(BigDecimal.valueOf(ratio));
    }
  }

  /** A number with a fraction, such as a rate per minute; written rounded to 6 decimals. */
  record Decimal(double value) implements Value {
    String plain() {
      return decimal(BigDecimal.valueOf(value));
    }
  }

  /**
   * A table nested in a single result, such as the recovery report's figures per tool: JSON writes
   * it as an array of objects, the terminal table below the result's other values, CSV as rows of
   * one table (see {@code CsvOutput}).
   */
  record Table(List<Column> columns, List<List<Value>> rows) implements Value {
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      for (var row : rows) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "a nested row has " + row.size() + " values for " + columns.size() + " columns");
        }
      }
    }
  }

  /** An instant, written in UTC. */
  record Time(Instant instant) implements Value {}

  /** A calendar date. */
  record Day(LocalDate date) implements Value {}

  /** A list of names. */
  record Names(List<String> names) implements Value {
    public Names {
      names = List.copyOf(names);
    }
  }

  /** Not known: {@code null} in JSON, empty in CSV. */
  record Unknown() implements Value {}

  Value UNKNOWN = new Unknown();

  static Value text(@Nullable String text) {
    return text == null ? UNKNOWN : new Text(text);
  }

  static Value count(long count) {
    return new Count(count);
  }

  static Value count(@Nullable Long count) {
    return count == null ? UNKNOWN : new Count(count);
  }

  static Value usd(@Nullable BigDecimal usd) {
    return usd == null ? UNKNOWN : new Usd(usd);
  }

  static Value ratio(@Nullable Double ratio) {
    return ratio == null ? UNKNOWN : new Ratio(ratio);
  }

  static Value decimal(@Nullable Double value) {
    return value == null ? UNKNOWN : new Decimal(value);
  }

  static Value time(@Nullable Instant instant) {
    return instant == null ? UNKNOWN : new Time(instant);
  }

  static Value names(List<String> names) {
    return new Names(names);
  }

  /** A decimal as JSON and CSV write it: 6 decimals at most, half up, no exponent. */
  private static String decimal(BigDecimal value) {
    return value.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
