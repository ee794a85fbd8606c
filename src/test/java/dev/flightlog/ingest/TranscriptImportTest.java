package dev.flightlog.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer end to end on real files: incremental reading and every kind of bad input. */
class TranscriptImportTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private Path projects;
  private Path transcript;

  @BeforeEach
  void layout() throws IOException {
    projects = Files.createDirectories(dir.resolve("claude/projects/-home-dev-project"));
    transcript = projects.resolve(Lines.SESSION + ".jsonl");
  }

  private ImportSummary importAll(int cap) {
    try (var store = Store.open(new Dsn.Sqlite(dir.resolve("f.db")), CLOCK);
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      return new TranscriptImport(ingest, store.positions(), cap, 2, CLOCK)
          .run(List.of(dir.resolve("claude")));
    }
  }

  private ImportSummary importAll() {
    return importAll(32 << 20);
  }

  private void write(String... lines) throws IOException {
    Files.writeString(transcript, String.join("\n", lines) + "\n", UTF_8);
  }

  private void append(String text) throws IOException {
    Files.writeString(transcript, text, UTF_8, StandardOpenOption.APPEND);
    // Make sure the modification time moves even on coarse-grained file systems.
    Files.setLastModifiedTime(
        transcript, FileTime.fromMillis(Files.getLastModifiedTime(transcript).toMillis() + 2000));
  }

  /** Every table's rows (except bookkeeping timestamps), as text, for exact comparison. */
  private List<String> dump() throws SQLException {
    var rows = new ArrayList<String>();
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("f.db"))) {
      for (var table :
          List.of(
              "sessions",
              "threads",
              "prompts",
              "tool_calls",
              "model_requests",
              "cost_states",
              "cost_state_models",
              "usage_rollup",
              "tool_rollup",
              "schema_drift")) {
        try (var statement = connection.createStatement();
            var result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            var row = new StringBuilder(table);
            for (int i = 1; i <= columns; i++) {
              var name = result.getMetaData().getColumnName(i);
              boolean bookkeeping =
                  table.equals("schema_drift")
                      && (name.equals("first_seen") || name.equals("last_seen"));
              if (!bookkeeping) {
                row.append('|').append(result.getString(i));
              }
            }
            rows.add(row.toString());
          }
        }
      }
    }
    return rows;
  }

  private List<String> query(String sql) throws SQLException {
    return dev.flightlog.SqlRows.of(dir.resolve("f.db"), sql);
  }

  private void writeSession() throws IOException {
    write(
        Lines.prompt("p1", "hello", "2026-11-01T10:00:00.000Z"),
        Lines.toolUse("msg_1", "toolu_1", "ls", "2026-11-01T10:00:01.000Z"),
        Lines.toolResult("p1", "toolu_1", "a b c", false, "2026-11-01T10:00:02.000Z"),
        Lines.toolUse("msg_2", "toolu_2", "false", "2026-11-01T10:00:03.000Z"),
        Lines.toolResult("p1", "toolu_2", "Exit code 1", true, "2026-11-01T10:00:04.000Z"));
  }

  @Test
  void importsToolCallsWithTheirOutcomes() throws Exception {
    writeSession();
    var summary = importAll();
    assertThat(summary.files()).isEqualTo(1);
    assertThat(summary.lines()).isEqualTo(5);
    assertThat(summary.skippedTotal()).isZero();
    assertThat(query("SELECT tool_use_id, tool, status FROM tool_calls ORDER BY 1"))
        .containsExactly("toolu_1|Bash|ok", "toolu_2|Bash|error");
    assertThat(query("SELECT COUNT(*) FROM model_requests")).containsExactly("2");
  }

  @Test
  void aSecondImportOfUnchangedFilesReadsNothingAndChangesNothing() throws Exception {
    writeSession();
    importAll();
    var before = dump();
    var again = importAll();
    assertThat(again.filesUnchanged()).isEqualTo(1);
    assertThat(again.filesRead()).isZero();
    assertThat(again.bytes()).isZero();
    assertThat(dump()).isEqualTo(before);
  }

  @Test
  void appendedLinesArePickedUpAndAPartialLastLineWaitsForItsNewline() throws Exception {
    write(Lines.prompt("p1", "hello", "2026-11-01T10:00:00.000Z"));
    importAll();
    var use = Lines.toolUse("msg_1", "toolu_1", "ls", "2026-11-01T10:00:01.000Z");
    append(
        use
            + "\n"
            + Lines.toolResult("p1", "toolu_1", "ok", false, "2026-11-01T10:00:02.000Z")
                .substring(0, 40));
    var second = importAll();
    assertThat(second.lines()).isEqualTo(1);
    assertThat(query("SELECT tool_use_id, status, prompt_id FROM tool_calls"))
        .containsExactly("toolu_1|pending|p1");

    var result = Lines.toolResult("p1", "toolu_1", "ok", false, "2026-11-01T10:00:02.000Z");
    append(result.substring(40) + "\n");
    var third = importAll();
    assertThat(third.lines()).isEqualTo(1);
    assertThat(third.skippedTotal()).isZero();
    assertThat(query("SELECT tool_use_id, status, prompt_id FROM tool_calls"))
        .containsExactly("toolu_1|ok|p1");
  }

  @Test
  void aFileRewrittenShorterIsReadAgainWithoutLosingOrDuplicatingAnything() throws Exception {
    writeSession();
    importAll();
    var before = query("SELECT tool_use_id, status FROM tool_calls ORDER BY 1");
    // Rewritten as a shorter file: only the first exchange is left.
    write(
        Lines.prompt("p1", "hello", "2026-11-01T10:00:00.000Z"),
        Lines.toolUse("msg_1", "toolu_1", "ls", "2026-11-01T10:00:01.000Z"));
    var summary = importAll();
    assertThat(summary.restarts()).containsEntry("truncated", 1L);
    assertThat(query("SELECT tool_use_id, status FROM tool_calls ORDER BY 1")).isEqualTo(before);
    assertThat(query("SELECT requests FROM usage_rollup")).containsExactly("2");
  }

  @Test
  void aTruncatedLastLineIsLeftForLaterAndDoesNotStopTheFile() throws Exception {
    var result = Lines.toolResult("p1", "toolu_1", "ok", false, "2026-11-01T10:00:02.000Z");
    Files.writeString(
        transcript,
        Lines.toolUse("msg_1", "toolu_1", "ls", "2026-11-01T10:00:01.000Z")
            + "\n"
            + result.substring(0, 100),
        UTF_8);
    var summary = importAll();
    assertThat(summary.skippedTotal()).isZero();
    assertThat(query("SELECT status FROM tool_calls")).containsExactly("pending");
  }

  @Test
  void badLinesAreCountedWithTheirReasonAndNeverStopTheRest() throws Exception {
    var garbage = new byte[300];
    new Random(7).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      if (garbage[i] == '\n') {
        garbage[i] = 0;
      }
    }
    var big = "x".repeat(10 * 1024 * 1024);
    try (var out = Files.newOutputStream(transcript)) {
      out.write((Lines.prompt("p1", "hello", "2026-11-01T10:00:00.000Z") + "\n").getBytes(UTF_8));
      out.write("{\"type\": \"user\", \"message\": {\n".getBytes(UTF_8));
      out.write(garbage);
      out.write('\n');
      out.write("[1, 2, 3]\n".getBytes(UTF_8));
      out.write(
          "{\"type\":\"brand-new-entry\",\"sessionId\":\"s\",\"version\":\"2.1.999\"}\n"
              .getBytes(UTF_8));
      out.write(
          (Lines.toolUse("msg_1", "toolu_1", "cat big", "2026-11-01T10:00:01.000Z") + "\n")
              .getBytes(UTF_8));
      out.write(
          (Lines.toolResult("p1", "toolu_1", big, false, "2026-11-01T10:00:02.000Z") + "\n")
              .getBytes(UTF_8));
      out.write(
          ("{\"type\":\"user\",\"oversize\":\"" + "y".repeat(30 * 1024 * 1024) + "\"}\n")
              .getBytes(UTF_8));
      out.write(
          (Lines.toolUse("msg_2", "toolu_2", "ls", "2026-11-01T10:00:03.000Z") + "\n")
              .getBytes(UTF_8));
    }
    var summary = importAll(24 << 20);
    assertThat(summary.lines()).isEqualTo(9);
    assertThat(summary.skipped()).containsEntry("oversize", 1L);
    assertThat(summary.skippedTotal()).isEqualTo(4);
    assertThat(summary.drift()).hasSize(1);
    assertThat(summary.drift().keySet().iterator().next().name()).isEqualTo("brand-new-entry");
    assertThat(
            query(
                "SELECT tool_use_id, status, output_bytes, length(output_excerpt) <= 4096 FROM tool_calls ORDER BY 1"))
        .containsExactly("toolu_1|ok|" + big.length() + "|1", "toolu_2|pending|null|null");
    assertThat(query("SELECT reason, count FROM ingest_skips ORDER BY 1"))
        .hasSize(summary.skipped().size());
  }

  @Test
  void missingAndUnreadablePathsAreCountedAndTheRestIsImported() throws Exception {
    writeSession();
    var missing = dir.resolve("nope");
    var unreadable = Files.createDirectories(dir.resolve("claude/projects/-locked"));
    Files.writeString(
        unreadable.resolve("22222222-2222-3333-4444-555555555555.jsonl"),
        Lines.prompt("p9", "x", "2026-11-01T10:00:00.000Z") + "\n");
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.setPosixFilePermissions(
        unreadable, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    try {
      ImportSummary summary;
      try (var store = Store.open(new Dsn.Sqlite(dir.resolve("f.db")), CLOCK);
          var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
        summary =
            new TranscriptImport(ingest, store.positions(), 1 << 20, 2, CLOCK)
                .run(List.of(missing, dir.resolve("claude")));
      }
      // root reads the locked folder anyway; everyone else gets it counted as unreadable.
      assertThat(summary.skipped()).containsEntry("unreadable", root ? 1L : 2L);
      assertThat(summary.examples().get(0).detail()).isEqualTo("no such file or directory");
      assertThat(query("SELECT COUNT(*) FROM tool_calls")).containsExactly("2");
    } finally {
      Files.setPosixFilePermissions(
          unreadable, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }
}
