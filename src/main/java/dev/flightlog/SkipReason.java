package dev.flightlog;

/** Why a line or payload was skipped instead of stored. Each skip is counted, never fatal. */
public enum SkipReason {
  /** Not valid JSON, or JSON cut off before its end. */
  MALFORMED_JSON("malformed_json"),
  /** Valid JSON, but not an object, or missing a field every entry must have. */
  NOT_AN_ENTRY("not_an_entry"),
  /** Longer than the configured line cap; skipped without being read into memory. */
  OVERSIZE("oversize"),
  /** Contains bytes that are not UTF-8 text. */
  BINARY("binary"),
  /** A file or directory that could not be read. */
  UNREADABLE("unreadable");

  private final String wireName;

  SkipReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
