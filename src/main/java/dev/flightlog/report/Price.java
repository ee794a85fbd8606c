package dev.flightlog.report;

import dev.flightlog.Usage;
import java.math.BigDecimal;

/**
 * A model's list prices in USD per million tokens. Cache writes are priced by lifetime.
 *
 * @param cacheRead cache hits and refreshes
 * @param cacheWrite5m cache writes with the default 5-minute lifetime
 * @param cacheWrite1h cache writes with a 1-hour lifetime
 */
record Price(
    BigDecimal input,
    BigDecimal output,
    BigDecimal cacheRead,
    BigDecimal cacheWrite5m,
    BigDecimal cacheWrite1h) {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  Price {
    for (var price : new BigDecimal[] {input, output, cacheRead, cacheWrite5m, cacheWrite1h}) {
      if (price.signum() < 0) {
        throw new IllegalArgumentException("a price cannot be negative: " + price);
      }
    }
  }

  /**
   * The prices of a model whose cache prices are not given, from Anthropic's published multipliers
   * of the input price: cache read 0.1×, 5-minute cache write 1.25×, 1-hour cache write 2×.
   */
  static Price fromInput(BigDecimal input, BigDecimal output) {
    return new Price(
        input,
        output,
        input.multiply(new BigDecimal("0.1")),
        input.multiply(new BigDecimal("1.25")),
        input.multiply(BigDecimal.valueOf(2)));
  }

  /** The exact cost of these tokens at these prices. */
  BigDecimal cost(Usage usage) {
    return input
        .multiply(BigDecimal.valueOf(usage.inputTokens()))
        .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
        .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
        .add(cacheWrite5m.multiply(BigDecimal.valueOf(usage.cacheWrite5mTokens())))
        .add(cacheWrite1h.multiply(BigDecimal.valueOf(usage.cacheWrite1hTokens())))
        .divide(MILLION);
  }
}
