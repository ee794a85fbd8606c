package dev.flightlog.corpus;

/** Token counts of one model request, or a sum of them; cache writes split by lifetime. */
record Tokens(long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h) {
  static final Tokens ZERO = new Tokens(0, 0, 0, 0, 0);

  Tokens {
    if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite5m < 0 || cacheWrite1h < 0) {
      throw new IllegalArgumentException("token counts cannot be negative");
    }
  }

  long cacheWrite() {
    return cacheWrite5m + cacheWrite1h;
  }

  long total() {
    return input + output + cacheRead + cacheWrite();
  }

  Tokens plus(Tokens other) {
    return new Tokens(
        input + other.input,
        output + other.output,
        cacheRead + other.cacheRead,
        cacheWrite5m + other.cacheWrite5m,
        cacheWrite1h + other.cacheWrite1h);
  }
}
