package dev.flightlog.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Writes epoch milliseconds the way Claude Code does: ISO-8601 in UTC with exactly three fraction
 * digits and a {@code Z} ({@code 2026-10-03T14:07:09.250Z}). {@link java.time.Instant} drops a zero
 * fraction, so the text is built by hand; the date part is cached per day.
 */
final class UtcMillis {
  static final long DAY_MS = 86_400_000L;

  private final char[] buffer = new char[24];
  private long cachedDay = Long.MIN_VALUE;

  /** The UTC day of an instant, as days since the epoch. */
  static long day(long epochMs) {
    return Math.floorDiv(epochMs, DAY_MS);
  }

  /** The UTC date of an instant as {@code YYYY-MM-DD}. */
  static String date(long epochMs) {
    return LocalDate.ofEpochDay(day(epochMs)).toString();
  }

  void write(JsonGenerator gen, long epochMs) throws IOException {
    long day = day(epochMs);
    if (day != cachedDay) {
      String date = LocalDate.ofEpochDay(day).toString();
      date.getChars(0, 10, buffer, 0);
      buffer[10] = 'T';
      buffer[13] = ':';
      buffer[16] = ':';
      buffer[19] = '.';
      buffer[23] = 'Z';
      cachedDay = day;
    }
    int ms = (int) (epochMs - day * DAY_MS);
    two(ms / 3_600_000, 11);
    two(ms / 60_000 % 60, 14);
    two(ms / 1000 % 60, 17);
    int fraction = ms % 1000;
    buffer[20] = (char) ('0' + fraction / 100);
    buffer[21] = (char) ('0' + fraction / 10 % 10);
    buffer[22] = (char) ('0' + fraction % 10);
    gen.writeString(buffer, 0, 24);
  }

  private void two(int value, int at) {
    buffer[at] = (char) ('0' + value / 10);
    buffer[at + 1] = (char) ('0' + value % 10);
  }
}
