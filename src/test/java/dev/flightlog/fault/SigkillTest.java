package dev.flightlog.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments during heavy ingest, again and again: six agents write transcripts and
 * fire hooks (two over the spool) the whole time; the daemon is killed after a random 0.3–1.2 s,
 * checked whole while it is down, and started again. At the end every tool call, model request,
 * prompt and session is stored once, every spooled payload once, and the rollups count each row
 * once.
 *
 * <p>What is not promised: an HTTP hook is answered before it is stored (the hot path never waits
 * for the database, PRODUCT.md §2), so a payload answered just before the kill can be lost as a
 * hook event. The tool call it told of is not: its transcript lines are read from the stored
 * position after the restart. So every tool call is asserted, and HTTP payloads are not.
 */
class SigkillTest {

  /**
   * Kill rounds: 3 by default, 25 with {@code -Dflightlog.faults.long=true}, or {@code
   * -Dflightlog.faults.kills=N}.
   */
  private static final int ROUNDS =
      Integer.getInteger("flightlog.faults.kills", Faults.LONG ? 25 : 3);

  @TempDir Path dir;

  @Test
  void killedAtRandomDuringHeavyIngestLosesAndDuplicatesNothing() {
    var rig = new Rig(dir);
    var random = new SplittableRandom(Long.getLong("flightlog.faults.seed", 42));
    var restarts = new ArrayList<Long>();
    var daemon = rig.serve();
    try (var workload = rig.workload(Rig.heavy(), 1)) {
      for (int round = 0; round < ROUNDS; round++) {
        Rig.sleep(300 + random.nextInt(900));
        daemon.kill();
        rig.assertWhole();
        long start = System.nanoTime();
        daemon = rig.serve();
        restarts.add((System.nanoTime() - start) / 1_000_000);
      }
      Rig.sleep(500);
      workload.stop();
      var truth = workload.truth();
      long caughtUp = System.nanoTime();
      // The long run's durable agents spool faster than a real agent: minutes of backlog.
      rig.awaitCaughtUp(truth, Faults.LONG ? Duration.ofMinutes(10) : Rig.SETTLE);
      long catchUpMs = (System.nanoTime() - caughtUp) / 1_000_000;
      assertThat(daemon.stop()).as(daemon.output()).isZero();
      rig.assertExactly(truth, false);
      assertThat(truth.toolCalls).hasSizeGreaterThan(50);
      assertThat(daemon.output()).doesNotContain("SEVERE");
      Faults.record(
          "sigkill",
          "rounds=%d calls=%d lines=%d restart_ms=%s catch_up_ms=%d http_failed=%d"
              .formatted(
                  ROUNDS,
                  truth.toolCalls.size(),
                  truth.transcriptLines.get(),
                  restarts,
                  catchUpMs,
                  truth.httpFailed.get()));
    } finally {
      daemon.close();
    }
  }
}
