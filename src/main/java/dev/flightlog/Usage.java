package dev.flightlog;

/**
 * Token counts of one model request (or a sum of them). Cache writes are split by lifetime because
 * they are priced differently.
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cacheReadTokens,
    long cacheWrite5mTokens,
    long cacheWrite1hTokens) {

  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  public Usage {
    if (inputTokens < 0
        || outputTokens < 0
        || cacheReadTokens < 0
        || cacheWrite5mTokens < 0
        || cacheWrite1hTokens < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  /** All cache writes, whatever their lifetime. */
  public long cacheCreationTokens() {
    return cacheWrite5mTokens + cacheWrite1hTokens;
  }

  public long totalTokens() {
    return inputTokens + outputTokens + cacheReadTokens + cacheCreationTokens();
  }

  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheReadTokens + other.cacheReadTokens,
        cacheWrite5mTokens + other.cacheWrite5mTokens,
        cacheWrite1hTokens + other.cacheWrite1hTokens);
  }
}
