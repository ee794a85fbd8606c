package dev.flightlog.corpus;

/**
 * A cut of the {@link Filler} text, chosen once so the same output can be written in several places
 * of a line (the tool result, {@code toolUseResult}, a request blob), as Claude Code does.
 */
record Slice(int start, int end) {
  Slice {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad slice [" + start + ", " + end + ")");
    }
  }

  int length() {
    return end - start;
  }
}
