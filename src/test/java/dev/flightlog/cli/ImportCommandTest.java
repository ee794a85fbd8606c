package dev.flightlog.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flightlog import} as a user runs it: output, exit codes, where the database goes. */
class ImportCommandTest {

  private static final String SESSION = "11111111-2222-3333-4444-555555555555";

  /** A prompt, a Bash call and its result, in Claude Code 2.1.x's transcript shape. */
  private static final String TRANSCRIPT =
      """
      {"parentUuid":null,"isSidechain":false,"promptId":"p1","type":"user","message":{"role":"user","content":"list the files"},"uuid":"u1","timestamp":"2026-11-01T10:00:00.000Z","cwd":"/home/dev/project","sessionId":"%1$s","version":"2.1.328","gitBranch":"main"}
      {"parentUuid":"u1","isSidechain":false,"message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}],"stop_reason":"tool_use","usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":1000,"output_tokens":50,"cache_creation":{"ephemeral_5m_input_tokens":20,"ephemeral_1h_input_tokens":0}}},"requestId":"req_1","type":"assistant","uuid":"a1","timestamp":"2026-11-01T10:00:01.000Z","cwd":"/home/dev/project","sessionId":"%1$s","version":"2.1.328","gitBranch":"main"}
      {"parentUuid":"a1","isSidechain":false,"promptId":"p1","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":"a b c","is_error":false}]},"uuid":"r1","timestamp":"2026-11-01T10:00:02.000Z","toolUseResult":"a b c","cwd":"/home/dev/project","sessionId":"%1$s","version":"2.1.328","gitBranch":"main"}
      """
          .formatted(SESSION);

  @TempDir Path dir;
  private Path claude;
  private Path transcript;
  private Path home;

  @BeforeEach
  void layout() throws IOException {
    claude = dir.resolve("claude");
    var project = Files.createDirectories(claude.resolve("projects/-home-dev-project"));
    transcript = project.resolve(SESSION + ".jsonl");
    Files.writeString(transcript, TRANSCRIPT, UTF_8);
    home = dir.resolve("home");
  }

  record Run(int code, String out, String err) {
    /** The output with the elapsed time, which varies, as {@code in T s}. */
    Run timeless() {
      return new Run(code, out.replaceAll("in \\d+\\.\\d s", "in T s"), err);
    }
  }

  private Run run(Map<String, String> variables, boolean interactive, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var environment = new Environment(variables, dir.resolve("user"), "Linux", interactive);
    int code = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private Map<String, String> environment() {
    return Map.of("FLIGHTLOG_HOME", home.toString(), "CLAUDE_CONFIG_DIR", claude.toString());
  }

  private Run run(String... args) {
    return run(environment(), false, args);
  }

  private static List<String> query(Path db, String sql) throws SQLException {
    return dev.flightlog.SqlRows.of(db, sql);
  }

  @Test
  void importsClaudeCodesFolderIntoTheDefaultDatabaseAndSummarises() throws Exception {
    // 1,318 bytes; 10 records: the session (once per line), the thread, the prompt and the two
    // lines that extend its turn, the model request, the call and its result.
    assertThat(run("import").timeless())
        .isEqualTo(
            new Run(
                0,
                "Imported 1 file (1 read, 0 unchanged) in T s: 1.3 kB, 3 lines, 10 records.\n",
                ""));

    var db = home.resolve("flightlog.db");
    assertThat(query(db, "SELECT tool_use_id, tool, status, prompt_id FROM tool_calls"))
        .containsExactly("toolu_1|Bash|ok|p1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
        .isEqualTo("rwx------");

    assertThat(run("import").timeless())
        .isEqualTo(
            new Run(
                0, "Imported 1 file (0 read, 1 unchanged) in T s: 0 B, 0 lines, 0 records.\n", ""));
  }

  @Test
  void quietPrintsNothing() {
    assertThat(run("import", "--quiet")).isEqualTo(new Run(0, "", ""));
    assertThat(home.resolve("flightlog.db")).isRegularFile();
  }

  @Test
  void skippedLinesAreSummarisedAndStrictExitsWith3() throws IOException {
    Files.writeString(
        transcript,
        TRANSCRIPT.replace(
            "\n{\"parentUuid\":\"a1\"",
            "\n{\"type\": \"user\", \"message\": {\n{\"parentUuid\":\"a1\""),
        UTF_8);
    // The bad line starts after the first two: 289 + 1 + 646 + 1 bytes.
    var where = transcript + ": byte 937";

    var strict = run("import", "--strict").timeless();
    assertThat(strict)
        .isEqualTo(
            new Run(
                3,
                """
                Imported 1 file (1 read, 0 unchanged) in T s: 1.3 kB, 4 lines, 10 records.
                Skipped 1: 1 malformed_json.
                  %s: malformed_json: unexpected end of input at byte 29
                """
                    .formatted(where),
                ""));
    // Without --strict the same import succeeds: skipped lines are counted, not fatal.
    Files.delete(home.resolve("flightlog.db"));
    assertThat(run("import").code()).isZero();
  }

  @Test
  void aBadOptionValueIsAUsageErrorThatSaysWhatIsAllowed() {
    // 17179869185g is 2^64 + 1 GiB: it must not wrap around to 1g.
    for (var value : List.of("12x", "1.5m", "0", "-1k", "2048m", "2g", "17179869185g")) {
      var bad = run("import", "--max-line-bytes", value);
      assertThat(bad.code()).as(value).isEqualTo(2);
      assertThat(bad.out()).isEmpty();
      assertThat(bad.err())
          .as(value)
          .startsWith(
              "--max-line-bytes: '"
                  + value
                  + "' is not a size from 1 byte to 2047m (e.g. 512k, 32m, 1g)\n"
                  + "Usage: flightlog import ");
    }
    var threads = run("import", "--threads", "0");
    assertThat(threads.code()).isEqualTo(2);
    assertThat(threads.err()).startsWith("--threads must be between 1 and 256, was 0\nUsage: ");
    // Nothing was touched before the command line was found wrong.
    assertThat(home).doesNotExist();

    assertThat(run("import", "--max-line-bytes", "2047m").code()).isZero();
  }

  @Test
  void withoutClaudeCodeDataItSaysWhereItLookedAndSucceeds() {
    var missing = dir.resolve("missing");
    var configured =
        run(
            Map.of("FLIGHTLOG_HOME", home.toString(), "CLAUDE_CONFIG_DIR", missing.toString()),
            false,
            "import");
    assertThat(configured)
        .isEqualTo(
            new Run(
                0,
                "",
                "flightlog: no Claude Code data found in "
                    + missing
                    + " (from CLAUDE_CONFIG_DIR); nothing imported. Correct CLAUDE_CONFIG_DIR, or"
                    + " give the transcript folder as an argument.\n"));

    var user = dir.resolve("user");
    var defaults = run(Map.of("FLIGHTLOG_HOME", home.toString()), false, "import");
    assertThat(defaults)
        .isEqualTo(
            new Run(
                0,
                "",
                "flightlog: no Claude Code data found in "
                    + user.resolve(".claude")
                    + " or "
                    + user.resolve(".config/claude")
                    + "; nothing imported. Give the transcript folder as an argument, or set"
                    + " CLAUDE_CONFIG_DIR to Claude Code's config folder.\n"));
    // The empty database is made, so that reports answer (with zeros) instead of failing.
    assertThat(home.resolve("flightlog.db")).isRegularFile();
    assertThat(run(Map.of("FLIGHTLOG_HOME", home.toString()), false, "report", "overview").code())
        .isZero();
  }

  @Test
  void theDbFlagWinsOverFlightlogDbWhichWinsOverTheDataDirectory() {
    var flag = dir.resolve("flag.db");
    var variable = dir.resolve("variable.db");
    var variables = new HashMap<>(environment());
    variables.put("FLIGHTLOG_DB", variable.toString());

    assertThat(run(variables, false, "import", "--quiet", "--db", flag.toString()).code()).isZero();
    assertThat(flag).isRegularFile();
    assertThat(variable).doesNotExist();
    assertThat(home.resolve("flightlog.db")).doesNotExist();

    assertThat(run(variables, false, "import", "--quiet").code()).isZero();
    assertThat(variable).isRegularFile();
    assertThat(home.resolve("flightlog.db")).doesNotExist();
  }

  @Test
  void aDataDirectoryOthersMayWriteToIsRefused() throws IOException {
    for (var permissions : List.of("rwxrwxr-x", "rwx---rwx")) {
      Files.createDirectories(home);
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString(permissions));
      assertThat(run("import"))
          .isEqualTo(
              new Run(
                  1,
                  "",
                  "flightlog: the data directory "
                      + home
                      + " is writable by other users ("
                      + permissions
                      + "); make it private with: chmod 700 '"
                      + home
                      + "' (or set FLIGHTLOG_HOME to a private directory)\n"));
      assertThat(home.resolve("flightlog.db")).doesNotExist();
    }
  }

  @Test
  void aFileWhereTheDataDirectoryShouldBeIsNamed() throws IOException {
    Files.writeString(home, "not a directory");
    assertThat(run("import"))
        .isEqualTo(
            new Run(
                1,
                "",
                "flightlog: cannot create the data directory "
                    + home
                    + ": "
                    + home
                    + " exists and is not a directory\n"));
  }

  @Test
  void theProgressBarIsDrawnOnlyOnATerminal() {
    var piped = run(environment(), false, "import");
    assertThat(piped.code()).isZero();
    assertThat(piped.err()).isEmpty();

    // Into another database, so the terminal run reads the file again.
    var terminal =
        run(
            Map.of(
                "FLIGHTLOG_HOME", home.toString(),
                "CLAUDE_CONFIG_DIR", claude.toString(),
                "FLIGHTLOG_DB", dir.resolve("terminal.db").toString()),
            true,
            "import");
    assertThat(terminal.code()).isZero();
    assertThat(terminal.out()).startsWith("Imported 1 file (1 read, 0 unchanged)");
    var err = terminal.err();
    assertThat(err).startsWith("\r[");
    assertThat(err.substring(err.lastIndexOf('\r') + 1))
        .matches(
            "\\[#{30}\\] 100%  1\\.3 kB / 1\\.3 kB  1/1 files  [0-9.]+ [kMG]?B/s \u001b\\[K\n");
  }
}
