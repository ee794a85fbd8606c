package dev.flightlog.cli;

import java.util.Locale;

/** Byte sizes as users type and read them: {@code 512k}, {@code 32m}, {@code 1g}. */
final class Sizes {
  private Sizes() {}

  /** The largest size {@link #parse} accepts: 2047m, the whole MiBs an {@code int} holds. */
  static final int MAX = 2047 << 20;

  /** Parses a size from 1 byte to {@link #MAX}; throws naming the option otherwise. */
  static int parse(String option, String text) {
    var value = text.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (value.endsWith("b")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.endsWith("k")) {
      unit = 1L << 10;
    } else if (value.endsWith("m")) {
      unit = 1L << 20;
    } else if (value.endsWith("g")) {
      unit = 1L << 30;
    }
    if (unit > 1) {
      value = value.substring(0, value.length() - 1);
    }
    try {
      // multiplyExact: 17179869185g must not wrap around to 1 GiB
      long bytes = Math.multiplyExact(Long.parseLong(value), unit);
      if (bytes >= 1 && bytes <= MAX) {
        return (int) bytes;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        option + ": '" + text + "' is not a size from 1 byte to 2047m (e.g. 512k, 32m, 1g)");
  }

  /** A size for people: {@code 812 B}, {@code 1.4 MB}, {@code 2.1 GB} (powers of 1000). */
  static String format(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    if (bytes < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }
}
