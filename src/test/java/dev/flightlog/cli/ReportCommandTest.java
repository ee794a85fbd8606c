package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.report.Fixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  private static final Path GOLDEN = Path.of("src/test/resources/dev/flightlog/report/golden");

  @TempDir static Path dir;

  @BeforeAll
  static void world() {
    Fixture.write(dir.resolve("world.db"));
  }

  record Run(int code, String out, String err) {}

  static Run run(Path home, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var environment =
        new Environment(Map.of("FLIGHTLOG_HOME", home.toString()), home, "Linux", false);
    int code = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private static Run report(String... args) {
    var all = new ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    all.addAll(List.of("--db", dir.resolve("world.db").toString()));
    return run(dir.resolve("home"), all.toArray(String[]::new));
  }

  private static String golden(String file) throws IOException {
    return Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
  }

  @Test
  void reportsPrintTheSameJsonAndCsvAsTheGoldenFiles() throws IOException {
    assertThat(report("overview", "--format", "json"))
        .isEqualTo(new Run(0, golden("overview.json"), ""));
    assertThat(report("tools", "--format", "csv")).isEqualTo(new Run(0, golden("tools.csv"), ""));
    assertThat(report("sessions", "--format", "json", "--tz", "UTC").out())
        .isEqualTo(golden("sessions.json"));
    assertThat(report("daily", "--format", "csv", "--tz", "Asia/Kolkata").out())
        .isEqualTo(golden("daily.csv"));
  }

  @Test
  void theTableOffATerminalIsPlainAsciiAndNamesTheUsersPriceFile() throws IOException {
    var table = report("daily", "--tz", "Asia/Kolkata");
    assertThat(table.code()).isZero();
    var golden = golden("daily.table");
    assertThat(table.out())
        .doesNotContain("\u001b")
        .startsWith(golden.substring(0, golden.indexOf("Cost unknown")))
        .contains(dir.resolve("home").resolve("prices.json").toString());
  }

  @Test
  void datesAreWholeDaysOfTheZoneAndUntilIncludesItsDay() {
    var losAngeles =
        report(
            "daily",
            "--format",
            "csv",
            "--tz",
            "America/Los_Angeles",
            "--since",
            "2026-10-31",
            "--until",
            "2026-10-31");
    assertThat(losAngeles.out().lines().toList())
        .hasSize(2)
        .last()
        .asString()
        .startsWith("2026-10-31,3000,700,15000,3000,21700,0.06125,2,");
    var instant =
        report(
            "overview",
            "--format",
            "json",
            "--since",
            "2026-11-01T10:00:00Z",
            "--until",
            "2026-11-01T12:00:00+00:00");
    assertThat(instant.out())
        .contains("\"since\": \"2026-11-01T10:00:00Z\"")
        .contains("\"until\": \"2026-11-01T12:00:00Z\"")
        .contains("\"model_requests\": 2,");
  }

  @Test
  void projectAndModelFiltersNarrowTheReport() {
    assertThat(report("overview", "--format", "json", "--project", "alpha").out())
        .contains("\"sessions\": 1,")
        .contains("\"cost_usd\": 0.06125,");
    assertThat(report("overview", "--format", "json", "--model", "claude-haiku-4-5-20251001").out())
        .contains("\"model_requests\": 1,")
        .contains("\"cost_usd\": 1.5,");
    assertThat(report("sessions", "--format", "csv", "--limit", "1").out().lines()).hasSize(2);
  }

  @Test
  void aUserPriceFileOverridesTheBuiltInTable() throws IOException {
    var home = dir.resolve("priced");
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("prices.json"),
        "{\"models\": {\"claude-mystery-1\": {\"input\": 1000000, \"output\": 0}}}");
    var priced =
        run(
            home,
            "report",
            "overview",
            "--format",
            "json",
            "--db",
            dir.resolve("world.db").toString());
    // 10 input tokens at $1,000,000 per million: $10, plus the known $1.96125
    assertThat(priced.out())
        .contains("\"cost_usd\": 11.96125,")
        .contains("\"unpriced_models\": []");
  }

  @Test
  void aMalformedUserPriceFileFailsNamingTheFileAndPlace() throws IOException {
    var home = dir.resolve("broken");
    Files.createDirectories(home);
    Files.writeString(home.resolve("prices.json"), "{\"models\": {\"x\": {\"input\": 1}}}");
    var broken = run(home, "report", "overview", "--db", dir.resolve("world.db").toString());
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.err())
        .isEqualTo(
            "flightlog: malformed the price file "
                + home.resolve("prices.json")
                + " at line 1, column 13 (byte 12): x needs both an \"input\" and an \"output\""
                + " price; fix it, or remove it to use the built-in prices\n");
  }

  @Test
  void wrongCommandLinesExitWithTwoAndSayWhy() {
    assertThat(report("yearly"))
        .satisfies(r -> assertThat(r.code()).isEqualTo(2))
        .satisfies(
            r ->
                assertThat(r.err())
                    .startsWith(
                        "unknown report 'yearly' (expected one of: overview, tools, errors,"
                            + " recovery, flow, sessions, session, daily, weekly, monthly, blocks,"
                            + " models, projects, coverage, redactions)\n"));
    assertThat(report("overview", "--since", "yesterday").err())
        .startsWith(
            "--since: 'yesterday' is neither a date (YYYY-MM-DD) nor an RFC 3339 time (such as"
                + " 2026-11-01T09:30:00Z or 2026-11-01T11:30:00+02:00)\n");
    assertThat(
            report("overview", "--since", "2026-11-02", "--until", "2026-11-01", "--tz", "UTC")
                .err())
        .startsWith(
            "--since must be before --until, but --since 2026-11-02 is 2026-11-02T00:00:00Z and"
                + " --until 2026-11-01 is 2026-11-02T00:00:00Z (a date as --until includes that"
                + " day)\n");
    assertThat(report("overview", "--tz", "Mars/Olympus").err())
        .startsWith(
            "--tz: unknown time zone 'Mars/Olympus' (use a region such as Europe/Berlin, an offset"
                + " such as +05:30, or UTC)\n");
    assertThat(report("overview", "--format", "xml").err())
        .startsWith("--format: unknown format 'xml' (expected one of: table, json, csv)\n");
    assertThat(report("sessions", "--limit", "-1").err())
        .startsWith("--limit must be 0 (all) or more, was -1\n");
    assertThat(report("overview", "--agent", "cursor").err())
        .startsWith("--agent: unknown agent 'cursor' (expected one of: claude, codex, gemini)\n");
    for (var args :
        List.of(
            List.of("yearly"),
            List.of("session"),
            List.of("tools", "s1"),
            List.of("overview", "--since", "yesterday"),
            List.of("overview", "--format", "xml"),
            List.of("overview", "--tz", "Mars/Olympus"))) {
      assertThat(report(args.toArray(String[]::new)).code()).as("%s", args).isEqualTo(2);
    }
  }

  @Test
  void reportSessionNeedsAnIdAndSaysWhenThereIsNone() throws IOException {
    assertThat(report("session", "s1", "--format", "json"))
        .isEqualTo(new Run(0, golden("session.json"), ""));
    assertThat(report("session", "--session", "s1", "--format", "csv").out())
        .isEqualTo(golden("session.csv"));
    var missing = report("session");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .startsWith(
            "report session needs a session id: flightlog report session ID ('flightlog report"
                + " sessions' lists them)\n");
    var unknown = report("session", "nope");
    assertThat(unknown)
        .isEqualTo(
            new Run(
                1,
                "",
                "flightlog: no session 'nope' in the database: 'flightlog report sessions' lists"
                    + " them\n"));
    assertThat(report("tools", "s1").err())
        .startsWith(
            "only 'report session' takes an ID; to narrow 'tools' to one session use --session"
                + " s1\n");
    assertThat(report("projects", "--session", "s2", "--format", "csv").out())
        .startsWith("project,sessions,prompts,tool_calls,")
        .contains("\n/home/me/src/beta,1,1,1,0,1,2,");
  }

  @Test
  void aMissingDatabaseIsAnErrorNotANewEmptyDatabase() {
    var missing = dir.resolve("nothing-here.db");
    var result = run(dir.resolve("home"), "report", "overview", "--db", missing.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "flightlog: no database at "
                + missing
                + ": run 'flightlog import' first, or point --db (or FLIGHTLOG_DB) at a database\n");
    assertThat(missing).doesNotExist();
  }

  @Test
  void helpListsTheReportsAndOptions() {
    var help = run(dir.resolve("home"), "report", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("Usage: flightlog report")
        .contains("overview    sessions, prompts")
        .contains("errors      failed calls grouped by signature")
        .contains("recovery    episodes after a failed call")
        .contains("flow        per turn: wall, tool, model and waiting time")
        .contains("--format=FORMAT")
        .contains("--since=TIME")
        .contains("--until=TIME")
        .contains("--project=PROJECT")
        .contains("--tz=ZONE")
        .contains("--limit=N")
        .contains("--session=ID")
        .contains("[ID]")
        .contains("weekly      the same per ISO week")
        .contains("blocks      Claude's 5-hour usage blocks")
        .contains("session ID  one session's timeline")
        .contains("--db=DSN");
    for (var line : help.out().lines().toList()) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
  }
}
