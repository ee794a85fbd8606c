package dev.flightlog.metrics;

import static dev.flightlog.ToolStatus.DENIED;
import static dev.flightlog.ToolStatus.ERROR;
import static dev.flightlog.ToolStatus.INTERRUPTED;
import static dev.flightlog.ToolStatus.OK;
import static dev.flightlog.ToolStatus.PENDING;
import static dev.flightlog.metrics.Log.at;
import static dev.flightlog.metrics.Log.call;
import static dev.flightlog.metrics.Log.measured;
import static dev.flightlog.metrics.Log.turn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Flow on small sessions counted by hand (times in ms after {@link Log#T0}). */
class FlowTest {

  private static Request request(String threadId, String promptId, long at) {
    return new Request(threadId, promptId, at(at));
  }

  private static Signal permission(String promptId, long at) {
    return new Signal("PermissionRequest", promptId, at(at));
  }

  @Test
  void aTurnSplitsIntoToolModelAndOtherTime() {
    // Turn 0–10000. Bash 1000–3000, Read 4000–5000: tool 2000 + 1000 = 3000.
    // Requests at 1000 (from the turn start 0: 1000), 4000 (from Bash's end 3000: 1000),
    // 9000 (from Read's end 5000: 4000): model 6000. No waiting. 2 calls, both ok: streak 2.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 10_000L)),
                List.of(
                    call("p1", "Bash", OK, 1_000L, 3_000L), call("p1", "Read", OK, 4_000L, 5_000L)),
                List.of(
                    request("", "p1", 1_000), request("", "p1", 4_000), request("", "p1", 9_000)),
                List.of()));
    assertThat(flows)
        .containsExactly(
            new TurnFlow("p1", at(0), at(10_000), 10_000L, 3_000L, 6_000L, 0L, 2, 2, null));
  }

  @Test
  void parallelCallsCountOnce() {
    // 1000–4000, 2000–3000, 3500–6000 overlap: their union is 1000–6000 = 5000 (the sum,
    // 3000 + 1000 + 2500 = 6500, would count the overlap twice).
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 10_000L)),
                List.of(
                    call("p1", "Read", OK, 1_000L, 4_000L),
                    call("p1", "Grep", OK, 2_000L, 3_000L),
                    call("p1", "Bash", OK, 3_500L, 6_000L)),
                List.of(),
                List.of()));
    assertThat(flows.getFirst().toolMs()).isEqualTo(5_000L);
    assertThat(flows.getFirst().calls()).isEqualTo(3);
  }

  @Test
  void waitingForPermissionAndForAnswers() {
    // Turn 0–20000. Bash starts 1000, asks permission at 1200, ends 9000 having run 2000 ms:
    // it executed from 7000, so waiting 1200–7000 = 5800 and tool 1000–1200 + 7000–9000 = 2200.
    // AskUserQuestion 10000–15000 is all waiting: 5000 more, 10800 in all, no tool time.
    // Requests at 1000 (0–1000), 10000 (from Bash's end 9000: 1000), 19000 (from the
    // question's end 15000: 4000): model 6000. 6000 + 2200 + 10800 = 19000 ≤ 20000.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 20_000L)),
                List.of(
                    measured("p1", "Bash", OK, 1_000, 9_000, 2_000),
                    call("p1", "AskUserQuestion", OK, 10_000L, 15_000L)),
                List.of(
                    request("", "p1", 1_000), request("", "p1", 10_000), request("", "p1", 19_000)),
                List.of(permission("p1", 1_200))));
    assertThat(flows)
        .containsExactly(
            new TurnFlow("p1", at(0), at(20_000), 20_000L, 2_200L, 6_000L, 10_800L, 2, 2, null));
  }

  @Test
  void aRefusedPermissionWaitsUntilTheCallEnds() {
    // Write 1000–3000 with no measured duration (denied): waiting from the prompt at 1100 to
    // its end, 1900; tool 1000–1100 = 100. A denied call breaks the streak: 0.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 5_000L)),
                List.of(call("p1", "Write", DENIED, 1_000L, 3_000L)),
                List.of(),
                List.of(permission("p1", 1_100), new Signal("Notification", "p1", at(1_150)))));
    assertThat(flows.getFirst().waitingMs()).isEqualTo(1_900L);
    assertThat(flows.getFirst().toolMs()).isEqualTo(100L);
    assertThat(flows.getFirst().longestStreak()).isZero();
  }

  @Test
  void thePermissionPromptBelongsToTheLatestStartedCall() {
    // Read 1000–8000 and Bash from 2000 (ended 6000, ran 1000 ms) are running at 2500: the
    // prompt is Bash's (latest start ≤ 2500), waiting 2500–5000 = 2500. Tool: 1000–8000 less
    // the waiting = 7000 − 2500 = 4500 (Read ran all along, but waiting is not tool time).
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 10_000L)),
                List.of(
                    call("p1", "Read", OK, 1_000L, 8_000L),
                    measured("p1", "Bash", OK, 2_000, 6_000, 1_000)),
                List.of(),
                List.of(permission("p1", 2_500))));
    assertThat(flows.getFirst().waitingMs()).isEqualTo(2_500L);
    assertThat(flows.getFirst().toolMs()).isEqualTo(4_500L);
  }

  @Test
  void subagentThreadsHaveTheirOwnModelTime() {
    // Turn 0–10000. Main: Task 1000–8000; requests at 1000 (0–1000) and 9000 (from Task's end
    // 8000: 8000–9000). Subagent a1: requests at 3000 (from the turn start: 0–3000) and 6000
    // (from its Bash's end 4000: 4000–6000); Bash 3000–4000.
    // Model intervals: 0–3000, 4000–6000, 8000–9000; tool: 1000–8000 = 7000.
    // Model less tool: 0–1000 + 8000–9000 = 2000.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 10_000L)),
                List.of(
                    call("p1", "Task", OK, 1_000L, 8_000L),
                    call("a1", "p1", "Bash", OK, null, 3_000L, 4_000L)),
                List.of(
                    request("", "p1", 1_000),
                    request("a1", "p1", 3_000),
                    request("a1", "p1", 6_000),
                    request("", "p1", 9_000)),
                List.of()));
    assertThat(flows.getFirst().toolMs()).isEqualTo(7_000L);
    assertThat(flows.getFirst().modelMs()).isEqualTo(2_000L);
    assertThat(flows.getFirst().calls()).isEqualTo(2);
  }

  @Test
  void timesAreClippedToTheWall() {
    // Turn 1000–5000 (wall 4000); Bash 0–2000 counts 1000–2000; Read 4500–9000 counts
    // 4500–5000: tool 1000 + 500 = 1500.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 1_000L, 5_000L)),
                List.of(call("p1", "Bash", OK, 0L, 2_000L), call("p1", "Read", OK, 4_500L, 9_000L)),
                List.of(),
                List.of()));
    assertThat(flows.getFirst().wallMs()).isEqualTo(4_000L);
    assertThat(flows.getFirst().toolMs()).isEqualTo(1_500L);
  }

  @Test
  void callsWithUnknownTimesCountButTakeNoTime() {
    // Bash without times and Read 1000–2000: 2 calls, tool 1000; the unknown call is ordered
    // last for the streak: ok, ok = 2.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 5_000L)),
                List.of(call("p1", "Bash", OK, null, null), call("p1", "Read", OK, 1_000L, 2_000L)),
                List.of(new Request("", "p1", null)),
                List.of()));
    assertThat(flows)
        .containsExactly(new TurnFlow("p1", at(0), at(5_000), 5_000L, 1_000L, 0L, 0L, 2, 2, null));
  }

  @Test
  void aTurnWithoutStopHasNoWall() {
    // No Stop: wall unknown; tool 1000–3000 = 2000 unclipped; model 0–500 = 500.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, null)),
                List.of(call("p1", "Bash", OK, 1_000L, 3_000L)),
                List.of(request("", "p1", 500)),
                List.of()));
    assertThat(flows)
        .containsExactly(new TurnFlow("p1", at(0), null, null, 2_000L, 500L, 0L, 1, 1, null));
  }

  @Test
  void longestStreakInStartOrder() {
    // Given out of order; in start order: ok ok error ok ok ok pending ok denied ok
    // → runs 2, then 3 + 1 (pending skipped) = 4, then 1: longest 4.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 20_000L)),
                List.of(
                    call("p1", "Bash", OK, 10L, 11L),
                    call("p1", "Bash", OK, 1L, 2L),
                    call("p1", "Bash", OK, 2L, 3L),
                    call("p1", "Bash", ERROR, 3L, 4L),
                    call("p1", "Bash", OK, 4L, 5L),
                    call("p1", "Bash", OK, 5L, 6L),
                    call("p1", "Bash", OK, 6L, 7L),
                    call("p1", "Bash", PENDING, 7L, null),
                    call("p1", "Bash", OK, 8L, 9L),
                    call("p1", "Bash", DENIED, 9L, 10L)),
                List.of(),
                List.of()));
    assertThat(flows.getFirst().longestStreak()).isEqualTo(4);
    assertThat(flows.getFirst().calls()).isEqualTo(10);
  }

  @Test
  void anInterruptionBreaksTheStreak() {
    // ok, interrupted, ok: longest 1.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 100L)),
                List.of(
                    call("p1", "Bash", OK, 1L, 2L),
                    call("p1", "Bash", INTERRUPTED, 3L, 4L),
                    call("p1", "Bash", OK, 5L, 6L)),
                List.of(),
                List.of()));
    assertThat(flows.getFirst().longestStreak()).isEqualTo(1);
  }

  @Test
  void idleGapsBetweenTurns() {
    // p1 0–1000; p2 5000–6000: idle 5000 − 1000 = 4000. p3 starts 6500 (idle 500), has no
    // Stop; its last activity is its call's end, 8000. p4 starts 20000: idle 12000.
    // p5 starts 20500 though p4 ended at 21000: never negative, 0. The first turn: unknown.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(
                    turn("p1", 0L, 1_000L),
                    turn("p2", 5_000L, 6_000L),
                    turn("p3", 6_500L, null),
                    turn("p4", 20_000L, 21_000L),
                    turn("p5", 20_500L, 22_000L)),
                List.of(call("p3", "Bash", OK, 7_000L, 8_000L)),
                List.of(),
                List.of()));
    assertThat(flows).extracting(TurnFlow::promptId).containsExactly("p1", "p2", "p3", "p4", "p5");
    assertThat(flows)
        .extracting(TurnFlow::idleBeforeMs)
        .containsExactly(null, 4_000L, 500L, 12_000L, 0L);
  }

  @Test
  void callsOfAnUnknownTurnFormATurnOfTheirOwn() {
    // p1 0–1000 with one call; two calls of turn "" (1500–2000, 3000–3500): a turn "" with no
    // start or end, last: wall and idle unknown, tool 500 + 500 = 1000, 2 calls.
    var flows =
        Flow.turns(
            new SessionLog(
                List.of(turn("p1", 0L, 1_000L)),
                List.of(
                    call("", "Bash", OK, 1_500L, 2_000L),
                    call("p1", "Read", OK, 100L, 200L),
                    call("", "Bash", OK, 3_000L, 3_500L)),
                List.of(),
                List.of()));
    assertThat(flows)
        .containsExactly(
            new TurnFlow("p1", at(0), at(1_000), 1_000L, 100L, 0L, 0L, 1, 1, null),
            new TurnFlow("", null, null, null, 1_000L, 0L, 0L, 2, 2, null));
  }
}
