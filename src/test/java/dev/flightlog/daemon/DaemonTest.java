package dev.flightlog.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.SqlRows;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon started and stopped in this process: what it wires, and in which order it stops. */
class DaemonTest {

  private static final String SESSION = "11111111-2222-3333-4444-555555555555";

  private static final String PROMPT =
      """
      {"parentUuid":null,"isSidechain":false,"promptId":"p1","type":"user","message":{"role":"user","content":"list the files"},"uuid":"u1","timestamp":"2026-11-01T10:00:00.000Z","cwd":"/home/dev/project","sessionId":"%1$s","version":"2.1.328","gitBranch":"main"}
      """
          .formatted(SESSION);

  private static final String TOOL_USE =
      """
      {"parentUuid":"u1","isSidechain":false,"message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}],"stop_reason":"tool_use","usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":1000,"output_tokens":50}},"requestId":"req_1","type":"assistant","uuid":"a1","timestamp":"2026-11-01T10:00:01.000Z","cwd":"/home/dev/project","sessionId":"%1$s","version":"2.1.328","gitBranch":"main"}
      """
          .formatted(SESSION);

  @TempDir Path dir;
  private Path projects;
  private Path transcript;
  private Path db;

  @BeforeEach
  void layout() throws IOException {
    projects = dir.resolve("claude/projects");
    transcript = projects.resolve("-home-dev-project/" + SESSION + ".jsonl");
    Files.createDirectories(transcript.getParent());
    Files.writeString(transcript, PROMPT, UTF_8);
    db = dir.resolve("home/flightlog.db");
  }

  private Daemon.Settings settings(Path database) {
    return settings(database, true);
  }

  private Daemon.Settings settings(Path database, boolean backfill) {
    return new Daemon.Settings(
        new Dsn.Sqlite(database),
        null,
        dev.flightlog.web.Server.Config.of("127.0.0.1", 0),
        dir.resolve("home"),
        "flightlog test",
        new TranscriptFollower.Settings(
            List.of(projects), Duration.ofMillis(50), Duration.ofMillis(2), 1 << 20, 1, backfill));
  }

  private void awaitRows(String sql, String... expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!SqlRows.of(db, sql).equals(List.of(expected)) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(SqlRows.of(db, sql)).containsExactly(expected);
  }

  @Test
  void startsFollowingAndStopsInReverseKeepingEverythingItRead() throws Exception {
    var daemon = Daemon.start(settings(db), Clock.systemUTC());
    assertThat(daemon.database()).isEqualTo(db.toAbsolutePath());
    assertThat(daemon.transcriptRoots()).containsExactly(projects.toAbsolutePath());
    awaitRows("SELECT prompt_id FROM prompts", "p1");

    Files.writeString(transcript, TOOL_USE, UTF_8, StandardOpenOption.APPEND);
    daemon.transcripts().wake(transcript);
    // A stop asked for while a read may be under way: what was read is committed before the
    // store closes, and the database is whole.
    daemon.requestStop();
    daemon.awaitShutdown();
    daemon.close();
    daemon.close(); // idempotent
    assertThat(daemon.failure()).isNull();
    assertThat(SqlRows.of(db, "PRAGMA integrity_check")).containsExactly("ok");
    var positions = SqlRows.of(db, "SELECT offset FROM file_positions");
    var stored = SqlRows.of(db, "SELECT COUNT(*) FROM tool_calls");
    // Either the appended line was read (and its position stored with it) or neither was.
    assertThat(positions.get(0) + "|" + stored.get(0))
        .isIn(
            PROMPT.getBytes(UTF_8).length + "|0",
            (PROMPT + TOOL_USE).getBytes(UTF_8).length + "|1");

    // The next start resumes from the stored position and reads the rest once.
    try (var again = Daemon.start(settings(db), Clock.systemUTC())) {
      awaitRows("SELECT tool_use_id FROM tool_calls", "toolu_1");
      assertThat(again.failure()).isNull();
    }
    assertThat(SqlRows.of(db, "SELECT COUNT(*) FROM prompts")).containsExactly("1");
  }

  @Test
  void healthWarnsOfTranscriptsClaudeCodeDeletesBeforeTheyAreRead() throws Exception {
    Files.writeString(dir.resolve("claude/settings.json"), "{\"cleanupPeriodDays\": 10}");
    var old = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);
    Files.setLastModifiedTime(transcript, FileTime.from(old));
    try (var daemon = Daemon.start(settings(db, false), Clock.systemUTC())) {
      var health = get("http://" + daemon.addr() + "/api/health");
      assertThat(health)
          .contains(
              "\"transcript_retention\":{\"cleanup_period_days\":10,\"transcripts\":1,"
                  + "\"unread\":1,\"at_risk\":1,\"at_risk_margin_days\":3,"
                  + "\"next_deletion_at\":\""
                  + old.plus(Duration.ofDays(10))
                  + "\",\"problems\":[]}");
    }
  }

  private static String get(String url) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  @Test
  void oneDaemonPerDatabase() throws Exception {
    try (var first = Daemon.start(settings(db), Clock.systemUTC())) {
      assertThatThrownBy(() -> Daemon.start(settings(db), Clock.systemUTC()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "another flightlog serve (pid "
                  + ProcessHandle.current().pid()
                  + ") is already recording into "
                  + db.toAbsolutePath()
                  + "; stop it first, or give this one another --db");
      // The refused one took nothing from the first: it still follows.
      Files.writeString(transcript, TOOL_USE, UTF_8, StandardOpenOption.APPEND);
      first.transcripts().wake(transcript);
      awaitRows("SELECT tool_use_id FROM tool_calls", "toolu_1");
    }
    // Released on close: another daemon may start.
    Daemon.start(settings(db), Clock.systemUTC()).close();
  }

  @Test
  void aFailedStartClosesWhatHadStarted() throws Exception {
    var notADatabase = Files.createDirectories(dir.resolve("a-directory.db"));
    for (int attempt = 0; attempt < 2; attempt++) {
      // The second attempt fails the same way: the first released its lock on the way out.
      assertThatThrownBy(() -> Daemon.start(settings(notADatabase), Clock.systemUTC()))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("cannot open the database " + notADatabase.toAbsolutePath());
    }
  }
}
