package dev.flightlog.metrics;

import static dev.flightlog.ToolStatus.DENIED;
import static dev.flightlog.ToolStatus.ERROR;
import static dev.flightlog.ToolStatus.INTERRUPTED;
import static dev.flightlog.ToolStatus.OK;
import static dev.flightlog.ToolStatus.PENDING;
import static dev.flightlog.metrics.Log.at;
import static dev.flightlog.metrics.Log.call;
import static dev.flightlog.metrics.Log.edit;
import static dev.flightlog.metrics.Log.turn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovery episodes on small sessions counted by hand (times in ms after {@link Log#T0}). */
class RecoveryTest {

  private static final ErrorSignature EXIT_1 =
      new ErrorSignature("Bash", ErrorCategory.NON_ZERO_EXIT, "boom");

  private static List<Episode> episodes(List<Turn> turns, Call... calls) {
    return Recovery.episodes(new SessionLog(turns, List.of(calls), List.of(), List.of()));
  }

  @Test
  void consecutiveFailuresThatEndInSuccess() {
    // Bash fails at 100–200 and 300–400, then succeeds at 500–700: one episode, 2 failures,
    // 2 attempts (the second failure and the success), recovered 700 − 200 = 500 ms after the
    // first failure ended. Read in between is another key and changes nothing.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("p1", "Read", OK, 250L, 260L),
            call("p1", "Bash", ERROR, 300L, 400L),
            call("p1", "Bash", OK, 500L, 700L));
    assertThat(episodes)
        .containsExactly(
            new Episode("", "p1", "Bash", null, EXIT_1, Outcome.RECOVERED, 2, 2, at(100), 500L));
  }

  @Test
  void failuresNeverRecovered() {
    // Two Bash failures, no Bash success before Stop at 1000: unrecovered, 2 failures, 1 attempt.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("p1", "Grep", OK, 300L, 400L),
            call("p1", "Bash", ERROR, 500L, 600L));
    assertThat(episodes)
        .containsExactly(
            new Episode("", "p1", "Bash", null, EXIT_1, Outcome.UNRECOVERED, 2, 1, at(100), null));
  }

  @Test
  void aTurnTheUserInterrupted() {
    // Bash fails at 100; the user interrupts a Read at 300 (any tool counts), the turn ends:
    // interrupted. Grep's failure at 500 started after the interruption at 300: unrecovered.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("p1", "Read", INTERRUPTED, 300L, 400L),
            call("p1", "Grep", ERROR, 500L, 600L));
    assertThat(episodes).extracting(Episode::tool).containsExactly("Bash", "Grep");
    assertThat(episodes)
        .extracting(Episode::outcome)
        .containsExactly(Outcome.INTERRUPTED, Outcome.UNRECOVERED);
  }

  @Test
  void anInterruptionInASubagentCountsForTheTurn() {
    // The main thread's Bash fails at 100; the subagent's call is interrupted at 150: the turn
    // ended by a later prompt (p2 at 2000, p1 has no Stop), the episode was interrupted.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, null), turn("p2", 2_000L, 3_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("agent-1", "p1", "Bash", INTERRUPTED, null, 150L, 400L));
    assertThat(episodes).extracting(Episode::outcome).containsExactly(Outcome.INTERRUPTED);
  }

  @Test
  void anEditFailureIsRecoveredByASuccessfulEditOfTheSameFile() {
    // Edit of a.txt fails at 100–200. An Edit of b.txt succeeds (another file: another key),
    // then Write of a.txt succeeds at 500–600: recovered, 1 attempt, 600 − 200 = 400 ms.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            edit("p1", "Edit", "/src/a.txt", ERROR, 100, 200),
            edit("p1", "Edit", "/src/b.txt", OK, 300, 400),
            edit("p1", "Write", "/src/a.txt", OK, 500, 600));
    assertThat(episodes)
        .containsExactly(
            new Episode(
                "",
                "p1",
                "Edit",
                "/src/a.txt",
                new ErrorSignature("Edit", ErrorCategory.NON_ZERO_EXIT, "boom"),
                Outcome.RECOVERED,
                1,
                1,
                at(100),
                400L));
  }

  @Test
  void anEditOfAnotherFileDoesNotRecover() {
    // Edit of a.txt fails; only b.txt is edited after: unrecovered, 0 attempts.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            edit("p1", "Edit", "/src/a.txt", ERROR, 100, 200),
            edit("p1", "Edit", "/src/b.txt", OK, 300, 400));
    assertThat(episodes).hasSize(1);
    assertThat(episodes.getFirst().file()).isEqualTo("/src/a.txt");
    assertThat(episodes.getFirst().outcome()).isEqualTo(Outcome.UNRECOVERED);
    assertThat(episodes.getFirst().attempts()).isZero();
  }

  @Test
  void anEditWithoutAFileIsKeyedByItsTool() {
    // Edit without a file fails, Edit of a.txt succeeds: a.txt is another key (unrecovered);
    // then another Edit without a file succeeds: recovered, 1 attempt.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("", "p1", "Edit", ERROR, null, 100L, 200L),
            edit("p1", "Edit", "/src/a.txt", OK, 300, 400),
            call("", "p1", "Edit", OK, null, 500L, 600L));
    assertThat(episodes).extracting(Episode::file).containsExactly((String) null);
    assertThat(episodes).extracting(Episode::outcome).containsExactly(Outcome.RECOVERED);
    assertThat(episodes).extracting(Episode::attempts).containsExactly(1);
  }

  @Test
  void subagentThreadsHaveTheirOwnEpisodes() {
    // Main thread: Bash fails at 100. Subagent agent-1: Bash fails at 150, succeeds at 300.
    // The subagent's success does not recover the main thread's failure: 2 episodes, in the
    // order their first failures started (100, 150).
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("agent-1", "p1", "Bash", ERROR, null, 150L, 250L),
            call("agent-1", "p1", "Bash", OK, null, 300L, 350L));
    assertThat(episodes).extracting(Episode::threadId).containsExactly("", "agent-1");
    assertThat(episodes)
        .extracting(Episode::outcome)
        .containsExactly(Outcome.UNRECOVERED, Outcome.RECOVERED);
    // agent-1: 350 − 250 = 100 ms.
    assertThat(episodes.get(1).recoveryMs()).isEqualTo(100L);
  }

  @Test
  void callsAreReadInStartOrderNotInputOrder() {
    // Given success (500) before failure (100): in start order the failure comes first and
    // the success recovers it.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", OK, 500L, 600L),
            call("p1", "Bash", ERROR, 100L, 200L));
    assertThat(episodes).extracting(Episode::outcome).containsExactly(Outcome.RECOVERED);
  }

  @Test
  void callsWithUnknownTimes() {
    // A failure with no times, then a success with no times: input order decides, recovered;
    // the time to recovery and the start are unknown.
    var unknown =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, null, null),
            call("p1", "Bash", OK, null, null));
    assertThat(unknown)
        .containsExactly(
            new Episode("", "p1", "Bash", null, EXIT_1, Outcome.RECOVERED, 1, 1, null, null));
    // A failure known only by its end (200) is ordered by it; the success without times comes
    // last and recovers it; the start is the end, 200; time to recovery unknown.
    var endOnly =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", OK, null, null),
            call("p1", "Bash", ERROR, null, 200L));
    assertThat(endOnly)
        .containsExactly(
            new Episode("", "p1", "Bash", null, EXIT_1, Outcome.RECOVERED, 1, 1, at(200), null));
  }

  @Test
  void anInterruptionWithoutTimesCountsWhenItComesLaterInTheThread() {
    // Failure at 100; an interrupted call of the same thread with no times (ordered last): it
    // comes after the failure, so interrupted.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", INTERRUPTED, null, null),
            call("p1", "Bash", ERROR, 100L, 200L));
    assertThat(episodes).extracting(Episode::outcome).containsExactly(Outcome.INTERRUPTED);
  }

  @Test
  void deniedAndPendingCallsNeitherExtendNorEnd() {
    // Failure, denied, pending, success: 1 failure, 1 attempt (the success only).
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("p1", "Bash", DENIED, 300L, 310L),
            call("p1", "Bash", PENDING, 400L, null),
            call("p1", "Bash", OK, 500L, 600L));
    assertThat(episodes).extracting(Episode::failures).containsExactly(1);
    assertThat(episodes).extracting(Episode::attempts).containsExactly(1);
    assertThat(episodes).extracting(Episode::recoveryMs).containsExactly(400L);
  }

  @Test
  void aSuccessWithoutAnOpenEpisodeAndANewFailureAfterRecovery() {
    // ok, error, ok, error: the first ok has nothing to end; the second failure opens a second
    // episode after the first recovered: recovered then unrecovered.
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", OK, 0L, 50L),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("p1", "Bash", OK, 300L, 400L),
            call("p1", "Bash", ERROR, 500L, 600L));
    assertThat(episodes)
        .extracting(Episode::outcome)
        .containsExactly(Outcome.RECOVERED, Outcome.UNRECOVERED);
  }

  @Test
  void aTurnNotEndedIsOpen() {
    // p1 has no Stop and no later turn: open. A turn with a Stop (p0, earlier): unrecovered.
    var episodes =
        episodes(
            List.of(turn("p0", 0L, 50L), turn("p1", 100L, null)),
            call("p0", "Bash", ERROR, 10L, 20L),
            call("p1", "Bash", ERROR, 200L, 300L));
    assertThat(episodes)
        .extracting(Episode::outcome)
        .containsExactly(Outcome.UNRECOVERED, Outcome.OPEN);
  }

  @Test
  void aTurnEndsWhenALaterTurnStarts() {
    // p1 has no Stop, p2 started at 2000: p1 ended; no interruption: unrecovered.
    var episodes =
        episodes(
            List.of(turn("p2", 2_000L, null), turn("p1", 0L, null)),
            call("p1", "Bash", ERROR, 100L, 200L));
    assertThat(episodes).extracting(Episode::outcome).containsExactly(Outcome.UNRECOVERED);
  }

  @Test
  void thePseudoTurnEndsWhenAKnownTurnStartsOrEndsAfterIt() {
    // Calls of turn "" at 100–200; p2 starts at 1000, after them: ended, unrecovered.
    var later = episodes(List.of(turn("p2", 1_000L, null)), call("", "Bash", ERROR, 100L, 200L));
    assertThat(later).extracting(Episode::outcome).containsExactly(Outcome.UNRECOVERED);
    // p1 (0–5000) ended after the calls' latest time (200): ended, unrecovered.
    var during = episodes(List.of(turn("p1", 0L, 5_000L)), call("", "Bash", ERROR, 100L, 200L));
    assertThat(during).extracting(Episode::outcome).containsExactly(Outcome.UNRECOVERED);
  }

  @Test
  void thePseudoTurnAfterTheLastStopIsOpen() {
    // p1 ended at 50, calls of turn "" at 100–200 and no later turn: open.
    var after = episodes(List.of(turn("p1", 0L, 50L)), call("", "Bash", ERROR, 100L, 200L));
    assertThat(after).extracting(Episode::outcome).containsExactly(Outcome.OPEN);
    // A session without turns: open.
    var none = episodes(List.of(), call("", "Bash", ERROR, 100L, 200L));
    assertThat(none).extracting(Episode::outcome).containsExactly(Outcome.OPEN);
    // A prompt id with no turn in the list is read as a pseudo-turn too: open here.
    var unknown = episodes(List.of(turn("p1", 0L, 50L)), call("p9", "Bash", ERROR, 100L, 200L));
    assertThat(unknown).extracting(Episode::outcome).containsExactly(Outcome.OPEN);
  }

  @Test
  void thePseudoTurnWithoutTimesEndsWithTheLastTurn() {
    // No call time: ended when the last turn (p2) has a Stop.
    var ended =
        episodes(
            List.of(turn("p1", 0L, null), turn("p2", 100L, 200L)),
            call("", "Bash", ERROR, null, null));
    assertThat(ended).extracting(Episode::outcome).containsExactly(Outcome.UNRECOVERED);
    var open =
        episodes(
            List.of(turn("p1", 0L, 50L), turn("p2", 100L, null)),
            call("", "Bash", ERROR, null, null));
    assertThat(open).extracting(Episode::outcome).containsExactly(Outcome.OPEN);
  }

  @Test
  void theWorkedExampleOfTheDocs() {
    // docs/metrics.md, Recovery: Bash 2 failures, 2 attempts, recovered in 700 − 200 = 500 ms;
    // a.txt 1 failure, 0 attempts, unrecovered at Stop (1000).
    var episodes =
        episodes(
            List.of(turn("p1", 0L, 1_000L)),
            call("p1", "Bash", ERROR, 100L, 200L),
            call("p1", "Read", OK, 250L, 260L),
            call("p1", "Bash", ERROR, 300L, 400L),
            call("p1", "Bash", OK, 500L, 700L),
            edit("p1", "Edit", "a.txt", ERROR, 710, 720),
            edit("p1", "Edit", "b.txt", OK, 730, 740));
    assertThat(episodes)
        .containsExactly(
            new Episode("", "p1", "Bash", null, EXIT_1, Outcome.RECOVERED, 2, 2, at(100), 500L),
            new Episode(
                "",
                "p1",
                "Edit",
                "a.txt",
                new ErrorSignature("Edit", ErrorCategory.NON_ZERO_EXIT, "boom"),
                Outcome.UNRECOVERED,
                1,
                0,
                at(710),
                null));
  }
}
