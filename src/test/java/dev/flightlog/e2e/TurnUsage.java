package dev.flightlog.e2e;

/**
 * The usage a scripted model response reports, fixed per turn so that token totals can be checked
 * exactly. Cache writes are split into the 5-minute and 1-hour kinds as the API reports them.
 */
public record TurnUsage(
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWrite5mTokens,
    long cacheWrite1hTokens) {

  /** What every scripted turn reports unless told otherwise (the reference samples' numbers). */
  public static final TurnUsage DEFAULT = new TurnUsage(1200, 85, 5000, 300, 0);

  /** No tokens at all. */
  public static final TurnUsage ZERO = new TurnUsage(0, 0, 0, 0, 0);

  public TurnUsage {
    if (inputTokens < 0
        || outputTokens < 0
        || cacheReadTokens < 0
        || cacheWrite5mTokens < 0
        || cacheWrite1hTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative: " + this);
    }
  }

  /** Cache writes of both kinds. */
  public long cacheCreationTokens() {
    return cacheWrite5mTokens + cacheWrite1hTokens;
  }

  public TurnUsage plus(TurnUsage other) {
    return new TurnUsage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheReadTokens + other.cacheReadTokens,
        cacheWrite5mTokens + other.cacheWrite5mTokens,
        cacheWrite1hTokens + other.cacheWrite1hTokens);
  }
}
