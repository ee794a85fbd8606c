package dev.flightlog.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.daemon.Daemon;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.store.Dsn;
import dev.flightlog.web.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clock jumps. The daemon takes its time from a {@link Clock}, which the command line cannot swap,
 * so this test runs the real {@link Daemon} in-process (wired as {@code serve} wires it) on a clock
 * that jumps back an hour, forward three, and back two while agents work; meanwhile every
 * transcript's modification time is set a day back again and again, as a restored backup or a wrong
 * clock would leave it. Nothing may be lost or doubled: the follower must not take a grown file
 * with an old time for unchanged, and merges of observations stamped out of order must keep one
 * record per call, with the duration the agent measured.
 */
class ClockJumpTest {

  @TempDir Path dir;

  /** The system clock plus an offset that the test moves. */
  private static final class JumpingClock extends Clock {
    final AtomicLong offsetMs = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plusMillis(offsetMs.get());
    }
  }

  @Test
  void jumpsOfTheClockAndOfModificationTimesLoseAndDoubleNothing() throws Exception {
    var rig = new Rig(dir);
    var clock = new JumpingClock();
    var settings =
        new Daemon.Settings(
            new Dsn.Sqlite(rig.db),
            null,
            Server.Config.of("127.0.0.1", rig.port),
            rig.home,
            "flightlog fault test",
            new TranscriptFollower.Settings(
                List.of(rig.projects),
                Duration.ofMillis(250),
                Duration.ofMillis(5),
                1 << 20,
                1,
                true));
    var daemon = Daemon.start(settings, clock);
    try (var workload = rig.workload(Rig.heavy(), 8)) {
      long[] jumps = {-3_600_000, 3 * 3_600_000, -2 * 3_600_000};
      for (long jump : jumps) {
        for (int i = 0; i < 4; i++) {
          Rig.sleep(150);
          ageTranscripts(rig.projects);
        }
        clock.offsetMs.addAndGet(jump);
      }
      Rig.sleep(300);
      workload.stop();
      ageTranscripts(rig.projects);
      var truth = workload.truth();
      rig.awaitCaughtUp(truth);
      daemon.requestStop();
      daemon.close();
      assertThat(daemon.failure()).isNull();
      rig.assertExactly(truth, true);
      assertThat(
              rig.rows(
                  "SELECT tool_use_id, measured_ms, started_at, ended_at, sources FROM tool_calls"
                      + " WHERE measured_ms IS NULL OR measured_ms < 0 OR ended_at < started_at"))
          .as(
              "calls without the agent's own duration, or ending before they start (HTTP hooks"
                  + " not answered: %d)",
              truth.httpFailed.get())
          .isEmpty();
      Faults.record(
          "clock_jump",
          "calls=%d jumps_ms=%s"
              .formatted(truth.toolCalls.size(), List.of(jumps[0], jumps[1], jumps[2])));
    } finally {
      daemon.close();
    }
  }

  /** Sets every transcript's modification time a day back. */
  private static void ageTranscripts(Path projects) throws IOException {
    var dayAgo = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
    try (Stream<Path> files = Files.walk(projects)) {
      for (var file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        try {
          Files.setLastModifiedTime(file, dayAgo);
        } catch (IOException e) {
          // written concurrently; the next round sets it
        }
      }
    }
  }
}
