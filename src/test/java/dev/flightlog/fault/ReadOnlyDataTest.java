package dev.flightlog.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.e2e.DaemonProcess;
import dev.flightlog.soak.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only data directory. At start, {@code flightlog serve} cannot create its lock or database:
 * it must exit 1 at once with a message naming the file and the reason, and change nothing. While
 * it runs, Linux refuses to make a folder read-only whose files are open for writing (the database
 * and its log are), so the runtime case is the spool: drained files that cannot be removed must be
 * said once (not every poll), stored once however often they are read, and removed when the spool
 * is writable again. Agents keep writing transcripts throughout; nothing they wrote may be lost.
 */
class ReadOnlyDataTest {

  @TempDir Path dir;

  @Test
  void aReadOnlyDataDirectoryStopsTheStartWithAClearMessageAndNothingIsLost() throws Exception {
    var rig = new Rig(dir);
    // The first start creates the database; agents work while the daemon is down.
    rig.serve().stop();
    try (var workload = rig.workload(Rig.heavy(), 4)) {
      Rig.sleep(1000);
      var readOnly = ReadOnly.make(rig.home);
      try {
        Files.delete(dir.resolve("serve.log"));
        assertThatThrownBy(rig::serve)
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("flightlog serve exited with 1")
            .hasMessageContaining(rig.db + ".serve.lock");
        var said = Files.readString(dir.resolve("serve.log"));
        assertThat(said).containsAnyOf("Read-only file system", "ermission denied");
        assertThat(said).doesNotContain("Exception in thread");
        Faults.record(
            "read_only_start",
            "message=" + said.lines().filter(l -> l.startsWith("flightlog:")).toList());
      } finally {
        readOnly.restore();
      }
      rig.assertWhole();
      var daemon = rig.serve();
      try {
        Rig.sleep(1000);
        rig.finish(daemon, workload, false);
      } finally {
        daemon.close();
      }
    }
  }

  @Test
  void aReadOnlySpoolIsSaidOnceAndDrainedWhenWritableAgain() throws Exception {
    var rig = new Rig(dir);
    rig.serve().stop();
    // Durable agents spool while the daemon is down; then the spool turns read-only.
    var options = new Workload.Options(3, 3, 2, Duration.ofMillis(2), 1, 200);
    Workload.Truth truth;
    try (var workload = rig.workload(options, 6)) {
      Rig.sleep(1500);
      workload.stop();
      truth = workload.truth();
    }
    long spooled = rig.spoolBacklog();
    assertThat(spooled).isPositive();
    var readOnly = ReadOnly.make(rig.home.resolve("spool"));
    DaemonProcess daemon;
    try {
      daemon = rig.serve();
    } catch (RuntimeException | AssertionError e) {
      readOnly.restore();
      throw e;
    }
    try {
      try {
        Rig.awaitLog(daemon, "cannot remove the spool file", Duration.ofSeconds(30));
        Rig.sleep(2000);
        assertThat(daemon.isAlive()).isTrue();
        assertThat(daemon.output()).containsOnlyOnce("cannot remove the spool file");
        assertThat(rig.count("SELECT COUNT(*) FROM hook_events")).isPositive();
      } finally {
        readOnly.restore();
      }
      rig.awaitCaughtUp(truth);
      assertThat(daemon.stop()).as(daemon.output()).isZero();
      rig.assertExactly(truth, true);
      Faults.record(
          "read_only_spool",
          "spooled=%d message=%s"
              .formatted(spooled, Rig.line(daemon, "cannot remove the spool file")));
    } finally {
      daemon.close();
    }
  }
}
