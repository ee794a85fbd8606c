package dev.flightlog.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Blocks#of} on hand-made hours; every expected block is worked out in the comments. */
class BlocksTest {

  private static List<Instant> hours(String... times) {
    return Arrays.stream(times).map(Instant::parse).toList();
  }

  private static Block block(String start, String end, String last) {
    return new Block(Instant.parse(start), Instant.parse(end), Instant.parse(last));
  }

  @Test
  void noActivityIsNoBlock() {
    assertThat(Blocks.of(List.of())).isEmpty();
  }

  @Test
  void oneHourIsOneBlockOfFiveHours() {
    assertThat(Blocks.of(hours("2026-11-01T09:00:00Z")))
        .containsExactly(
            block("2026-11-01T09:00:00Z", "2026-11-01T14:00:00Z", "2026-11-01T09:00:00Z"));
  }

  @Test
  void anHourExactlyFiveHoursAfterTheStartBeginsTheNextBlock() {
    // 09:00 starts [09:00, 14:00); 13:00 is inside it (its last hour); 14:00 is its end,
    // which is outside the half-open block, so 14:00 starts [14:00, 19:00).
    assertThat(
            Blocks.of(
                hours("2026-11-01T09:00:00Z", "2026-11-01T13:00:00Z", "2026-11-01T14:00:00Z")))
        .containsExactly(
            block("2026-11-01T09:00:00Z", "2026-11-01T14:00:00Z", "2026-11-01T13:00:00Z"),
            block("2026-11-01T14:00:00Z", "2026-11-01T19:00:00Z", "2026-11-01T14:00:00Z"));
  }

  @Test
  void aBlockStartsAtTheFirstActivityAfterAGapNotAtTheEndOfThePreviousBlock() {
    // 09:00 starts [09:00, 14:00); nothing until 16:00, which starts [16:00, 21:00), not
    // [14:00, 19:00); 20:00 is still in it. A gap of 12 hours, then 08:00 the next day starts
    // a third block.
    assertThat(
            Blocks.of(
                hours(
                    "2026-11-01T09:00:00Z",
                    "2026-11-01T16:00:00Z",
                    "2026-11-01T20:00:00Z",
                    "2026-11-02T08:00:00Z")))
        .containsExactly(
            block("2026-11-01T09:00:00Z", "2026-11-01T14:00:00Z", "2026-11-01T09:00:00Z"),
            block("2026-11-01T16:00:00Z", "2026-11-01T21:00:00Z", "2026-11-01T20:00:00Z"),
            block("2026-11-02T08:00:00Z", "2026-11-02T13:00:00Z", "2026-11-02T08:00:00Z"));
  }

  @Test
  void aSessionActiveEveryHourAcrossMidnightIsCutEveryFiveHours() {
    // A session active every hour from 21:00 on 31 October to 04:00 on 1 November (8 hours):
    // [21:00, 02:00) covers 21, 22, 23, 00, 01 across midnight (last 01:00); 02:00 starts
    // [02:00, 07:00) with 02, 03, 04 (last 04:00). Blocks follow activity, not days or sessions.
    assertThat(
            Blocks.of(
                hours(
                    "2026-10-31T21:00:00Z",
                    "2026-10-31T22:00:00Z",
                    "2026-10-31T23:00:00Z",
                    "2026-11-01T00:00:00Z",
                    "2026-11-01T01:00:00Z",
                    "2026-11-01T02:00:00Z",
                    "2026-11-01T03:00:00Z",
                    "2026-11-01T04:00:00Z")))
        .containsExactly(
            block("2026-10-31T21:00:00Z", "2026-11-01T02:00:00Z", "2026-11-01T01:00:00Z"),
            block("2026-11-01T02:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T04:00:00Z"));
  }

  @Test
  void hoursMustBeWholeAscendingAndDistinct() {
    assertThatThrownBy(() -> Blocks.of(hours("2026-11-01T09:30:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a whole UTC hour: 2026-11-01T09:30:00Z");
    assertThatThrownBy(() -> Blocks.of(hours("2026-11-01T09:00:00.001Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a whole UTC hour: 2026-11-01T09:00:00.001Z");
    assertThatThrownBy(() -> Blocks.of(hours("2026-11-01T10:00:00Z", "2026-11-01T09:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the active hours must be ascending and distinct, but 2026-11-01T09:00:00Z follows"
                + " 2026-11-01T10:00:00Z");
    assertThatThrownBy(() -> Blocks.of(hours("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the active hours must be ascending and distinct");
  }
}
