package dev.flightlog.report;

/** How records are exported: JSON lines (one object per line; {@code json} is an alias) or CSV. */
public enum ExportFormat {
  JSONL("jsonl"),
  CSV("csv");

  private final String wireName;

  ExportFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ExportFormat fromWireName(String name) {
    return switch (name) {
      case "jsonl", "json" -> JSONL;
      case "csv" -> CSV;
      default ->
          throw new IllegalArgumentException(
              "unknown export format '" + name + "' (expected jsonl or csv)");
    };
  }
}
