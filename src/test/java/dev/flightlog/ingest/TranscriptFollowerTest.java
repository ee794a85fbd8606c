package dev.flightlog.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.SharedSamples;
import dev.flightlog.SqlRows;
import dev.flightlog.TableDump;
import dev.flightlog.live.Broker;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The follower on real files and a real database: appends are read as they come (by the scan, and
 * at once when woken), partial lines wait, rewritten files are read again without duplicating
 * anything, late folders are picked up, the first start backfills, a restart resumes where the
 * database says, and vanished files are forgotten. "The same records" is checked against what
 * {@code flightlog import} stores from the final files, table by table.
 */
class TranscriptFollowerTest {

  private static final Duration FAST_SCAN = Duration.ofMillis(50);
  private static final Duration NO_SCAN = Duration.ofHours(1);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Path projects;
  private Path project;
  private Path transcript;
  private Path db;
  private final Broker broker = new Broker();
  private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private @Nullable TranscriptFollower follower;

  @BeforeEach
  void layout() throws IOException {
    projects = dir.resolve("claude/projects");
    project = projects.resolve("-home-dev-project");
    transcript = project.resolve(Lines.SESSION + ".jsonl");
    db = dir.resolve("follow.db");
  }

  @AfterEach
  void stop() throws Exception {
    stopFollowing();
    assertThat(failures).isEmpty();
  }

  private TranscriptFollower follow(Duration scan, boolean backfill, Path... roots) {
    var store = Store.open(new Dsn.Sqlite(db), Clock.systemUTC());
    var ingest = new Ingest(store, Gate.DEFAULT, broker);
    var started =
        TranscriptFollower.start(
            ingest,
            store.positions(),
            new TranscriptFollower.Settings(
                roots.length == 0 ? List.of(projects) : List.of(roots),
                scan,
                Duration.ofMillis(2),
                1 << 20,
                1,
                backfill),
            Clock.systemUTC(),
            failures::add);
    // Closed in reverse: the follower, then ingest (which drains), then the store.
    open.add(store);
    open.add(ingest);
    open.add(started);
    follower = started;
    return started;
  }

  private TranscriptFollower following() {
    return Objects.requireNonNull(follower, "not following");
  }

  private TranscriptFollower follow(Duration scan) {
    return follow(scan, true);
  }

  private void stopFollowing() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
  }

  private void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, UTF_8);
  }

  private void append(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8, StandardOpenOption.APPEND);
  }

  private List<String> query(String sql) throws SQLException {
    return SqlRows.of(db, sql);
  }

  /** Waits until the query returns exactly these rows; fails with the last rows seen. */
  private void awaitRows(String sql, String... expected) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      var rows = query(sql);
      if (rows.equals(Arrays.asList(expected))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        assertThat(rows).as(sql).containsExactly(expected);
      }
      Thread.sleep(10);
    }
  }

  /** Waits until the database holds exactly what an import of the files would store. */
  private void awaitSameAsImport(Path claudeDir) throws Exception {
    var expected = imported(claudeDir);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      var dump = TableDump.of(db);
      if (dump.equals(expected)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        var missing = new ArrayList<>(expected);
        missing.removeAll(dump);
        var extra = new ArrayList<>(dump);
        extra.removeAll(expected);
        throw new AssertionError(
            "the followed database differs from the import's:\nmissing: "
                + String.join("\n  ", missing)
                + "\nextra: "
                + String.join("\n  ", extra));
      }
      Thread.sleep(20);
    }
  }

  /** What {@code flightlog import} stores from the files as they are now. */
  private List<String> imported(Path claudeDir) throws Exception {
    var importDb = Files.createTempDirectory(dir, "import").resolve("import.db");
    try (var store = Store.open(new Dsn.Sqlite(importDb), Clock.systemUTC());
        var ingest = new Ingest(store, Gate.DEFAULT, new Broker())) {
      var summary =
          new TranscriptImport(ingest, store.positions(), 1 << 20, 1, Clock.systemUTC())
              .run(List.of(claudeDir));
      assertThat(summary.files()).isPositive();
      // The followed database's derived tables are refreshed when its ingest idles (200 ms);
      // refreshed here too, the two converge however long this import takes.
      store.refreshDerived();
    }
    return TableDump.of(importDb);
  }

  private static String session() {
    return String.join(
            "\n",
            Lines.prompt("p1", "hello", "2026-11-01T10:00:00.000Z"),
            Lines.toolUse("msg_1", "toolu_1", "ls", "2026-11-01T10:00:01.000Z"),
            Lines.toolResult("p1", "toolu_1", "a b c", false, "2026-11-01T10:00:02.000Z"))
        + "\n";
  }

  @Test
  void appendedLinesAreReadWithinTheScanInterval() throws Exception {
    write(transcript, session());
    follow(FAST_SCAN);
    awaitRows("SELECT tool_use_id, status FROM tool_calls", "toolu_1|ok");

    append(
        transcript,
        Lines.toolUse("msg_2", "toolu_2", "false", "2026-11-01T10:00:03.000Z")
            + "\n"
            + Lines.toolResult("p1", "toolu_2", "Exit code 1", true, "2026-11-01T10:00:04.000Z")
            + "\n");
    awaitRows(
        "SELECT tool_use_id, status, prompt_id FROM tool_calls ORDER BY 1",
        "toolu_1|ok|p1",
        "toolu_2|error|p1");
    awaitSameAsImport(dir.resolve("claude"));
  }

  @Test
  void aWakeUpReadsTheFileAtOnceWithoutWaitingForTheScan() throws Exception {
    write(transcript, session());
    follow(NO_SCAN);
    awaitRows("SELECT tool_use_id FROM tool_calls", "toolu_1");
    try (var changes = broker.subscribe(1024)) {
      var latencies = new ArrayList<Long>();
      for (int i = 2; i <= 6; i++) {
        var id = "toolu_" + i;
        long started = System.nanoTime();
        append(
            transcript,
            Lines.toolUse("msg_" + i, id, "ls", "2026-11-01T10:00:0" + i + ".000Z") + "\n");
        following().wake(transcript);
        while (true) {
          var change = changes.next(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
          if (change == null) {
            throw new AssertionError("no change for " + id + " in " + PATIENCE);
          }
          if (change.change().kind().equals("tool_call")
              && change.change().id().endsWith(":" + id)) {
            break;
          }
        }
        latencies.add((System.nanoTime() - started) / 1_000_000);
      }
      latencies.sort(null);
      // The scan runs once an hour here, so only the wake-up can have read these lines. The median
      // is the robust figure on a shared machine; docs/benchmarks.md has measured percentiles.
      assertThat(latencies.get(latencies.size() / 2))
          .as("median ms of " + latencies)
          .isLessThan(250);
    }
  }

  @Test
  void aWakeUpOfAMainTranscriptAlsoReadsItsSubagents() throws Exception {
    write(transcript, session());
    follow(NO_SCAN);
    awaitRows("SELECT tool_use_id FROM tool_calls", "toolu_1");
    var subagent = project.resolve(Lines.SESSION + "/subagents/agent-a1b2c3.jsonl");
    write(
        subagent,
        Lines.toolUse("msg_s", "toolu_s", "pwd", "2026-11-01T10:00:05.000Z")
                .replace("\"isSidechain\":false", "\"isSidechain\":true")
            + "\n");
    following().wake(transcript);
    awaitRows(
        "SELECT tool_use_id, thread_id FROM tool_calls ORDER BY 1",
        "toolu_1|main",
        "toolu_s|a1b2c3");
  }

  @Test
  void aPartialLastLineWaitsForItsNewline() throws Exception {
    var result = Lines.toolResult("p1", "toolu_1", "a b c", false, "2026-11-01T10:00:02.000Z");
    write(
        transcript,
        Lines.prompt("p1", "hello", "2026-11-01T10:00:00.000Z")
            + "\n"
            + Lines.toolUse("msg_1", "toolu_1", "ls", "2026-11-01T10:00:01.000Z")
            + "\n"
            + result.substring(0, 60));
    follow(FAST_SCAN);
    awaitRows("SELECT tool_use_id, status FROM tool_calls", "toolu_1|pending");
    // Several scans later the half line is still not read, and nothing was skipped.
    long scans = following().status().scans();
    while (following().status().scans() < scans + 3) {
      Thread.sleep(10);
    }
    assertThat(query("SELECT status FROM tool_calls")).containsExactly("pending");
    assertThat(query("SELECT COUNT(*) FROM ingest_skips")).containsExactly("0");
    assertThat(query("SELECT offset < size FROM file_positions")).containsExactly("1");

    append(transcript, result.substring(60, 100));
    following().wake(transcript);
    append(transcript, result.substring(100) + "\n");
    awaitRows("SELECT tool_use_id, status FROM tool_calls", "toolu_1|ok");
    awaitSameAsImport(dir.resolve("claude"));
    assertThat(query("SELECT COUNT(*) FROM ingest_skips")).containsExactly("0");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"truncated", "replaced"})
  void aRewrittenFileIsReadAgainWithoutDuplicates(String how) throws Exception {
    write(
        transcript,
        session() + Lines.toolUse("msg_2", "toolu_2", "false", "2026-11-01T10:00:03.000Z") + "\n");
    follow(FAST_SCAN);
    awaitRows(
        "SELECT tool_use_id, status FROM tool_calls ORDER BY 1", "toolu_1|ok", "toolu_2|pending");
    var rewritten =
        session()
            + Lines.toolUse("msg_3", "toolu_3", "pwd", "2026-11-01T10:00:05.000Z").substring(0, 10);
    if (how.equals("replaced")) {
      // Another file moved over it: a new inode, as editors and log rotation do.
      var next = project.resolve("next.tmp");
      write(next, rewritten);
      Files.move(next, transcript, StandardCopyOption.REPLACE_EXISTING);
    } else {
      write(transcript, rewritten);
    }
    following().wake(transcript);
    awaitRows(
        "SELECT offset FROM file_positions", String.valueOf(session().getBytes(UTF_8).length));
    // Read again from the start: every record still once, the call that vanished kept.
    assertThat(query("SELECT tool_use_id, status FROM tool_calls ORDER BY 1"))
        .containsExactly("toolu_1|ok", "toolu_2|pending");
    assertThat(query("SELECT requests FROM usage_rollup")).containsExactly("2");
    assertThat(query("SELECT COUNT(*) FROM model_requests")).containsExactly("2");
  }

  @Test
  void aFolderCreatedAfterTheStartIsPickedUp() throws Exception {
    assertThat(projects).doesNotExist();
    follow(FAST_SCAN);
    while (following().status().scans() < 2) {
      Thread.sleep(10);
    }
    write(transcript, session());
    awaitRows("SELECT tool_use_id, status FROM tool_calls", "toolu_1|ok");
    var later = projects.resolve("-home-dev-other/22222222-2222-3333-4444-555555555555.jsonl");
    write(
        later,
        Lines.prompt("p9", "again", "2026-11-01T11:00:00.000Z")
                .replace(Lines.SESSION, "22222222-2222-3333-4444-555555555555")
            + "\n");
    awaitRows("SELECT COUNT(*) FROM sessions", "2");
  }

  @Test
  void aRootThatIsASymbolicLinkIsFollowedThroughIt() throws Exception {
    var real = dir.resolve("real-projects");
    write(real.resolve("-home-dev-project/" + Lines.SESSION + ".jsonl"), session());
    Files.createDirectories(projects.getParent());
    Files.createSymbolicLink(projects, real);
    follow(FAST_SCAN);
    awaitRows("SELECT path FROM file_positions", transcript.toString());
    // Named through the link, as hooks name it: the same file, one position.
    append(
        transcript, Lines.toolUse("msg_2", "toolu_2", "false", "2026-11-01T10:00:03.000Z") + "\n");
    following().wake(transcript);
    awaitRows("SELECT COUNT(*) FROM tool_calls", "2");
    assertThat(query("SELECT path FROM file_positions")).containsExactly(transcript.toString());
  }

  @Test
  void vanishedFilesAreForgottenAndTheRestIsStillFollowed() throws Exception {
    write(transcript, session());
    var other = project.resolve("22222222-2222-3333-4444-555555555555.jsonl");
    write(other, Lines.prompt("p9", "x", "2026-11-01T11:00:00.000Z") + "\n");
    follow(FAST_SCAN);
    awaitRows("SELECT COUNT(*) FROM file_positions", "2");
    Files.delete(other);
    following().wake(other);
    Files.delete(transcript);
    following().wake(transcript);
    long scans = following().status().scans();
    while (following().status().scans() < scans + 2) {
      Thread.sleep(10);
    }
    assertThat(following().status().files()).isZero();
    // What was stored stays: flightlog keeps records after the agent deletes its transcripts.
    assertThat(query("SELECT tool_use_id FROM tool_calls")).containsExactly("toolu_1");
    // A file created again at the same path is a new file, read from its start.
    write(transcript, Lines.toolUse("msg_7", "toolu_7", "true", "2026-11-01T12:00:00.000Z") + "\n");
    awaitRows("SELECT tool_use_id FROM tool_calls ORDER BY 1", "toolu_1", "toolu_7");
    assertThat(query("SELECT COUNT(*) FROM ingest_skips")).containsExactly("0");
  }

  @Test
  void aWakeUpOutsideTheRootsFollowsOnlyWhatLooksLikeATranscript() throws Exception {
    follow(FAST_SCAN);
    var elsewhere = dir.resolve("elsewhere/-proj");
    var outside = elsewhere.resolve(Lines.SESSION + ".jsonl");
    write(outside, session());
    var notATranscript = elsewhere.resolve("notes.txt");
    write(notATranscript, session());
    var strayAgent = elsewhere.resolve("agent-x.jsonl");
    write(strayAgent, session());
    following().wake(notATranscript);
    following().wake(strayAgent);
    following().wake(Path.of("relative/" + Lines.SESSION + ".jsonl"));
    following().wake(outside);
    awaitRows("SELECT path FROM file_positions", outside.toString());
    // From then on it is scanned like the rest.
    append(outside, Lines.toolUse("msg_2", "toolu_2", "false", "2026-11-01T10:00:03.000Z") + "\n");
    awaitRows("SELECT COUNT(*) FROM tool_calls", "2");
    assertThat(following().status().files()).isEqualTo(1);
  }

  @Test
  void withoutBackfillExistingHistoryIsSkippedAndNewLinesAreRead() throws Exception {
    write(transcript, session());
    follow(FAST_SCAN, false);
    while (following().status().scans() < 2) {
      Thread.sleep(10);
    }
    assertThat(query("SELECT COUNT(*) FROM tool_calls")).containsExactly("0");
    append(
        transcript, Lines.toolUse("msg_2", "toolu_2", "false", "2026-11-01T10:00:03.000Z") + "\n");
    awaitRows("SELECT tool_use_id FROM tool_calls", "toolu_2");
    var other = project.resolve("22222222-2222-3333-4444-555555555555.jsonl");
    write(other, Lines.prompt("p9", "x", "2026-11-01T11:00:00.000Z") + "\n");
    // A session that starts while the daemon runs is read whole.
    awaitRows("SELECT prompt_id FROM prompts", "p9");
  }

  /** Copies a sample's Claude Code folder, so tests may change the files. */
  private Path sample(String scenario) throws IOException {
    var from = SharedSamples.claudeSamples().resolve(scenario).resolve("home/.claude/projects");
    var to = dir.resolve("claude/projects");
    try (Stream<Path> files = Files.walk(from)) {
      for (var file : files.toList()) {
        var target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  private List<Path> transcripts(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"basic", "subagent", "resume", "parallel"})
  void theFirstStartBackfillsWhatAnImportWouldStore(String scenario) throws Exception {
    sample(scenario);
    follow(NO_SCAN);
    awaitSameAsImport(dir.resolve("claude"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"basic", "subagent"})
  void aRestartResumesFromTheStoredPositionsAndDuplicatesNothing(String scenario) throws Exception {
    var root = sample(scenario);
    // Cut every transcript at a line in its middle; the rest is appended while flightlog is down.
    var rests = new ArrayList<String>();
    long restBytes = 0;
    for (var file : transcripts(root)) {
      var text = Files.readString(file, UTF_8);
      int cut = text.indexOf('\n', text.length() / 2) + 1;
      rests.add(text.substring(cut));
      restBytes += text.substring(cut).getBytes(UTF_8).length;
      write(file, text.substring(0, cut));
    }
    follow(NO_SCAN);
    awaitSameAsImport(dir.resolve("claude"));
    stopFollowing();

    var files = transcripts(root);
    for (int i = 0; i < files.size(); i++) {
      append(files.get(i), rests.get(i));
    }
    follow(NO_SCAN);
    awaitSameAsImport(dir.resolve("claude"));
    // Only the appended bytes were read the second time.
    assertThat(following().status().bytes()).isEqualTo(restBytes);
  }

  @Test
  void aTranscriptFedInPiecesWhileFollowedEndsAsTheImportOfTheWhole() throws Exception {
    var root = sample("subagent");
    var files = transcripts(root);
    var texts = new ArrayList<byte[]>();
    for (var file : files) {
      texts.add(Files.readAllBytes(file));
      Files.write(file, new byte[0]);
    }
    follow(FAST_SCAN);
    // Pieces of 700 bytes split lines anywhere; some are followed by a wake-up, some not.
    int piece = 700;
    boolean more = true;
    for (int at = 0; more; at += piece) {
      more = false;
      for (int i = 0; i < files.size(); i++) {
        var text = texts.get(i);
        if (at < text.length) {
          Files.write(
              files.get(i),
              Arrays.copyOfRange(text, at, Math.min(text.length, at + piece)),
              StandardOpenOption.APPEND);
          more = true;
          if ((at / piece) % 3 == 0) {
            following().wake(files.get(i));
          }
        }
      }
      Thread.sleep(3);
    }
    awaitSameAsImport(dir.resolve("claude"));
  }

  @Test
  void afterCloseAWakeUpIsIgnoredAndWhatWasReadIsKept() throws Exception {
    write(transcript, session());
    var f = follow(FAST_SCAN);
    awaitRows("SELECT tool_use_id FROM tool_calls", "toolu_1");
    stopFollowing();
    // Wake-ups after close are ignored, not an error.
    f.wake(transcript);
    assertThat(f.status().queued()).isZero();
    assertThat(query("SELECT tool_use_id FROM tool_calls")).containsExactly("toolu_1");
  }

  @Test
  void settingsOutsideTheirRangeAreRefusedWithTheRange() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new TranscriptFollower.Settings(
                    List.of(projects), Duration.ofMillis(5), Duration.ZERO, 100, 1, true))
        .hasMessage("the scan interval must be at least 10 ms, was 5 ms");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new TranscriptFollower.Settings(
                    List.of(projects), FAST_SCAN, Duration.ZERO, 100, 0, true))
        .hasMessage("backlog threads must be 1 to 64, was 0");
  }
}
