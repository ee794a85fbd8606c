package dev.flightlog.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another program holds the database: the test opens it with JDBC and keeps {@code BEGIN EXCLUSIVE}
 * for 12 s, past the daemon's 10 s busy timeout, while agents keep working. The daemon must stay
 * up, say that it cannot write and why, and once the lock is released store everything that waited
 * — every tool call and every HTTP hook it answered, once.
 */
class LockedDatabaseTest {

  @TempDir Path dir;

  @Test
  void aDatabaseLockedByAnotherProgramIsWaitedForAndNothingIsLost() throws Exception {
    var rig = new Rig(dir);
    var daemon = rig.serve();
    try (var workload = rig.workload(Rig.heavy(), 3)) {
      Rig.sleep(1000);
      long released;
      try (var connection = DriverManager.getConnection("jdbc:sqlite:" + rig.db);
          var statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 10000");
        statement.execute("BEGIN EXCLUSIVE");
        statement.execute("CREATE TABLE held_by_the_test (x)");
        Rig.awaitLog(daemon, "cannot write to the database", Duration.ofSeconds(30));
        assertThat(daemon.isAlive()).isTrue();
        statement.execute("ROLLBACK");
        released = System.nanoTime();
      }
      Rig.awaitLog(daemon, "writing to the database works again", Duration.ofSeconds(30));
      long resumedMs = (System.nanoTime() - released) / 1_000_000;
      var line = Rig.line(daemon, "cannot write to the database");
      assertThat(line).contains("SQLITE_BUSY").contains("locked");
      var truth = rig.finish(daemon, workload, true);
      Faults.record(
          "locked",
          "calls=%d resumed_after_release_ms=%d message=%s"
              .formatted(truth.toolCalls.size(), resumedMs, line));
    } finally {
      daemon.close();
    }
  }
}
