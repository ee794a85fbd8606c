package dev.flightlog.metrics;

/**
 * How a recovery episode ended, or {@link #OPEN} while its turn has not ended (no Stop yet and no
 * later prompt in the session). Reports count open episodes apart: episodes = recovered +
 * unrecovered + interrupted.
 */
public enum Outcome {
  RECOVERED("recovered"),
  UNRECOVERED("unrecovered"),
  INTERRUPTED("interrupted"),
  OPEN("open");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
