package dev.flightlog.corpus;

/**
 * The models a corpus uses, with the per-million-token prices the generator writes into each run's
 * {@code cost-state}. {@link #OPUS_5_5} stands for a model no price table knows: for it the
 * cost-state's {@code costUSD} is the only price a reader can find.
 */
enum Model {
  SONNET_4_5("claude-sonnet-4-5-20250929", "Sonnet 4.5", "January 2025", 3, 15, 0.30, 3.75, 6),
  OPUS_4_5("claude-opus-4-5-20251101", "Opus 4.5", "March 2025", 5, 25, 0.50, 6.25, 10),
  HAIKU_4_5("claude-haiku-4-5-20251001", "Haiku 4.5", "February 2025", 1, 5, 0.10, 1.25, 2),
  OPUS_5_5("claude-opus-5-5", "Opus 5.5", "June 2026", 10, 50, 1.00, 12.50, 20);

  final String id;
  final String marketingName;
  final String knowledgeCutoff;
  private final double input;
  private final double output;
  private final double cacheRead;
  private final double cacheWrite5m;
  private final double cacheWrite1h;

  Model(
      String id,
      String marketingName,
      String knowledgeCutoff,
      double input,
      double output,
      double cacheRead,
      double cacheWrite5m,
      double cacheWrite1h) {
    this.id = id;
    this.marketingName = marketingName;
    this.knowledgeCutoff = knowledgeCutoff;
    this.input = input;
    this.output = output;
    this.cacheRead = cacheRead;
    this.cacheWrite5m = cacheWrite5m;
    this.cacheWrite1h = cacheWrite1h;
  }

  /** The price of one request's tokens in US dollars. */
  double costUsd(Tokens tokens) {
    return (tokens.input() * input
            + tokens.output() * output
            + tokens.cacheRead() * cacheRead
            + tokens.cacheWrite5m() * cacheWrite5m
            + tokens.cacheWrite1h() * cacheWrite1h)
        / 1_000_000.0;
  }

  /** Prices per million tokens, in the order input, output, cache read, 5 m write, 1 h write. */
  double[] pricesPerMillion() {
    return new double[] {input, output, cacheRead, cacheWrite5m, cacheWrite1h};
  }
}
