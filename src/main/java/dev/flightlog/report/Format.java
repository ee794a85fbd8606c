package dev.flightlog.report;

/** How a report is written: a table for people, or JSON or CSV with the same columns. */
public enum Format {
  TABLE("table"),
  JSON("json"),
  CSV("csv");

  private final String wireName;

  Format(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Format fromWireName(String name) {
    for (var format : values()) {
      if (format.wireName.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "' (expected one of: table, json, csv)");
  }
}
