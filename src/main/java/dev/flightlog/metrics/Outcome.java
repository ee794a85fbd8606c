package dev.flightlog.metrics;

/** How a recovery episode ended. */
public enum Outcome {
  RECOVERED("recovered"),
  UNRECOVERED("unrecovered"),
  INTERRUPTED("interrupted");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
