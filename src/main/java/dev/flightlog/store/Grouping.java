package dev.flightlog.store;

import java.time.ZoneId;

/**
 * How a rollup read groups its rows in time. Each row carries a {@code period}: {@code 0} for
 * {@link Total}, the bucket number (epoch ms / 900,000) for {@link Buckets}, the local epoch day
 * ({@link java.time.LocalDate#toEpochDay()}) for {@link Days}. Records whose time is unknown are
 * stored in bucket 0 and get the period {@link #UNKNOWN_TIME} under {@link Buckets} and {@link
 * Days}.
 */
public sealed interface Grouping {

  /** The period of records whose time is unknown. */
  long UNKNOWN_TIME = Long.MIN_VALUE;

  /** One row per key over the whole range. */
  record Total() implements Grouping {}

  /** One row per key and 15-minute UTC bucket. */
  record Buckets() implements Grouping {}

  /**
   * One row per key and local date in {@code zone}: each bucket counts on the date its start falls
   * on in that zone. Exact for every zone whose offsets are whole quarter hours, which every real
   * zone's rules have been since the 1970s.
   */
  record Days(ZoneId zone) implements Grouping {}

  Grouping TOTAL = new Total();

  Grouping BUCKETS = new Buckets();

  static Grouping days(ZoneId zone) {
    return new Days(zone);
  }
}
