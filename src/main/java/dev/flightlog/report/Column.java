package dev.flightlog.report;

import org.jspecify.annotations.Nullable;

/**
 * A column of a report: its JSON and CSV name, its heading in the terminal table (null: not shown
 * there, to fit 100 characters) and how the table shows it.
 */
record Column(String name, @Nullable String heading, Shape shape) {

  /** How the table lays a column out. */
  enum Shape {
    /** Left-aligned text, cut at 28 characters. */
    TEXT,
    /** An identifier, shown by its first 8 characters. */
    ID,
    /** A path, cut from the left to keep its end. */
    PATH,
    /** A right-aligned number with thousands separators. */
    NUMBER,
    /** A right-aligned dollar amount with cents. */
    MONEY,
    /** A right-aligned percentage. */
    PERCENT,
    /** A local date and time, to the minute. */
    TIME,
    /** A local date and time, to the second (for timelines). */
    SECOND,
    /** A date. */
    DATE,
    /** A list of names, joined by commas. */
    LIST,
    /** A nested table ({@link Value.Table}), shown below a single result under its heading. */
    TABLE;

    boolean rightAligned() {
      return switch (this) {
        case NUMBER, MONEY, PERCENT -> true;
        case TEXT, ID, PATH, TIME, SECOND, DATE, LIST, TABLE -> false;
      };
    }
  }

  Column {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a column name is snake_case: " + name);
    }
  }

  static Column of(String name, @Nullable String heading, Shape shape) {
    return new Column(name, heading, shape);
  }
}
