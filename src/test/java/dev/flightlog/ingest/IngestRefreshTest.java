package dev.flightlog.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.SqlRows;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Batch;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest brings the derived tables up to date once it has been idle after a commit. */
class IngestRefreshTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path dir;

  @Test
  void derivedTablesAreRefreshedWhenIngestIsIdle() throws SQLException, InterruptedException {
    var db = dir.resolve("f.db");
    try (var store = Store.open(new Dsn.Sqlite(db), Clock.fixed(T0, ZoneOffset.UTC));
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var failed =
          new ToolCallFact(
              Agent.CLAUDE,
              "a",
              "s1",
              "main",
              "p1",
              "Read",
              null,
              "/x",
              ToolStatus.ERROR,
              "File does not exist.",
              null,
              null,
              T0,
              T0.plusMillis(5),
              null,
              "/p",
              null,
              Channel.TRANSCRIPT);
      ingest.submit(new Batch(List.of(failed), List.of(), List.of(), null));
      ingest.flush();
      // the refresh follows 200 ms of idleness; allow a busy machine 10 s
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!SqlRows.of(db, "SELECT 1 FROM derive_dirty").isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(SqlRows.of(db, "SELECT COUNT(*) FROM derive_dirty")).containsExactly("0");
      assertThat(SqlRows.of(db, "SELECT tool_use_id, status FROM tool_errors"))
          .containsExactly("a|error");
    }
  }
}
