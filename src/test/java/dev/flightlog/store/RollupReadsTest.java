package dev.flightlog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@link RollupReads}: how a time-of-day window is cut into hours and quarter
 * hours, and how a zone's rules are cut into stretches of constant offset. That the sums read this
 * way are right is checked against the raw rows by {@code report.RollupReadsProperty} and {@code
 * report.LocalDaysTest}.
 */
class RollupReadsTest {

  @Test
  void everyWindowIsCoveredExactlyOnceWithAtMostTwoQuarterHours() {
    for (boolean hours : new boolean[] {true, false}) {
      for (int from = 0; from < 96; from++) {
        for (int to = from + 1; to <= 96; to++) {
          var cover = new int[96];
          int quarters = 0;
          int hourPieces = 0;
          for (var piece : RollupReads.pieces(from, to, hours)) {
            long first = piece.hours() ? piece.from() * 4 : piece.from();
            long end = piece.hours() ? piece.to() * 4 : piece.to();
            assertThat(first).isLessThan(end);
            for (long q = first; q < end; q++) {
              cover[(int) q] += piece.sign();
            }
            if (piece.hours()) {
              hourPieces++;
            } else {
              quarters += (int) (end - first);
            }
          }
          for (int q = 0; q < 96; q++) {
            assertThat(cover[q])
                .as("quarter %d of window [%d, %d), hours %s", q, from, to, hours)
                .isEqualTo(q >= from && q < to ? 1 : 0);
          }
          if (hours) {
            assertThat(hourPieces).isLessThanOrEqualTo(1);
            assertThat(quarters)
                .as("quarter hours read for [%d, %d)", from, to)
                .isLessThanOrEqualTo(4);
            if (from == 0 || to == 96) {
              assertThat(quarters).isLessThanOrEqualTo(2);
            }
          } else {
            assertThat(hourPieces).isZero();
          }
        }
      }
    }
  }

  @Test
  void aWindowEndingOnTheHalfHourReadsTheHoursInsideIt() {
    // Asia/Kolkata: local days start at 18:30 UTC, quarter hour 74 of the UTC day
    assertThat(RollupReads.pieces(74, 96, true))
        .containsExactly(
            new RollupReads.Piece(true, 19, 24, 1), new RollupReads.Piece(false, 74, 76, 1));
    // America/Los_Angeles in winter: 08:00 UTC
    assertThat(RollupReads.pieces(0, 32, true))
        .containsExactly(new RollupReads.Piece(true, 0, 8, 1));
    // Asia/Kathmandu: 18:15 UTC
    assertThat(RollupReads.pieces(73, 96, true))
        .containsExactly(
            new RollupReads.Piece(true, 18, 24, 1), new RollupReads.Piece(false, 72, 73, -1));
    assertThat(RollupReads.pieces(0, 46, true))
        .containsExactly(
            new RollupReads.Piece(true, 0, 11, 1), new RollupReads.Piece(false, 44, 46, 1));
  }

  @Test
  void stretchesSplitAtTransitionsAndCarryTheOffsetInQuarterHours() {
    long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() / Filter.BUCKET_MS;
    long to = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli() / Filter.BUCKET_MS;
    var berlin = RollupReads.stretches(ZoneId.of("Europe/Berlin"), from, to);
    long spring = Instant.parse("2026-03-29T01:00:00Z").toEpochMilli() / Filter.BUCKET_MS;
    long autumn = Instant.parse("2026-10-25T01:00:00Z").toEpochMilli() / Filter.BUCKET_MS;
    assertThat(berlin)
        .containsExactly(
            new RollupReads.Stretch(from, spring, 4),
            new RollupReads.Stretch(spring, autumn, 8),
            new RollupReads.Stretch(autumn, to, 4));
    assertThat(RollupReads.stretches(ZoneId.of("Asia/Kolkata"), from, to))
        .containsExactly(new RollupReads.Stretch(from, to, 22));
  }
}
