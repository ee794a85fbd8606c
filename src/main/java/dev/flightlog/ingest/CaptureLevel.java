package dev.flightlog.ingest;

/**
 * How much content is kept. Redaction applies at every level to whatever is kept; the levels differ
 * in how much is kept at all.
 */
public enum CaptureLevel {
  /** Whole texts, each field cut only at the safety cap {@link Gate#FULL_CAP_CHARS}. */
  FULL("full"),
  /** Bounded excerpts: the limits of {@link Gate} (16 KiB inputs and prompts, 2 KiB outputs). */
  DEFAULT("default"),
  /**
   * No content at all: tool inputs, summaries, errors and outputs, prompt texts, hook payloads and
   * thread descriptions are dropped; ids, names, statuses, times, durations and sizes are kept.
   */
  METADATA("metadata");

  private final String wireName;

  CaptureLevel(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the configuration file and on the command line. */
  public String wireName() {
    return wireName;
  }

  /** The level with this name; throws with the allowed values when there is none. */
  public static CaptureLevel fromWireName(String name) {
    for (var level : values()) {
      if (level.wireName.equals(name)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown capture level '" + name + "' (expected one of: full, default, metadata)");
  }
}
