package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.ingest.Archive;
import dev.flightlog.report.Format;
import dev.flightlog.report.PriceTable;
import dev.flightlog.report.ReportName;
import dev.flightlog.report.ReportQuery;
import dev.flightlog.report.Reports;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --archive}: what is read is archived once, redacted, and imports again. */
class ArchiveTest {

  private static final Path HANDCOUNT = Path.of("src/test/resources/dev/flightlog/handcount");
  private static final String AWS_KEY = "AKIAZ7QWERTYUIOPASDF";
  private static final String DOCS = "-home-dev-docs/33333333-3333-4333-8333-333333333333.jsonl";

  /** The reports a re-import must reproduce (subagent metadata is not archived). */
  private static final List<String> REPORTS =
      List.of(
          "overview",
          "tools",
          "errors",
          "recovery",
          "flow",
          "sessions",
          "daily",
          "models",
          "projects",
          "coverage",
          "blocks");

  @TempDir Path dir;

  private ReportCommandTest.Run flightlog(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var environment =
        new Environment(
            Map.of("FLIGHTLOG_HOME", home().toString(), "TZ", "UTC"), dir, "Linux", false);
    int code = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new ReportCommandTest.Run(code, out.toString(), err.toString());
  }

  private Path home() {
    return dir.resolve("home");
  }

  private Path archived() {
    return home().resolve("archive/claude").resolve(DOCS + ".gz");
  }

  @Test
  void importWithArchiveThenFromTheArchiveAloneGivesTheSameReports() throws Exception {
    var projects = dir.resolve("claude/projects");
    copy(HANDCOUNT.resolve("claude/projects"), projects);
    var docs = projects.resolve(DOCS);
    Files.writeString(
        docs, Files.readString(docs).replace("write the docs", "write the docs with " + AWS_KEY));

    var first = flightlog("import", "--archive", dir.resolve("claude").toString(), "--db", db("a"));
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(inflate(archived())).isEqualTo(redacted(docs));
    assertThat(inflate(archived())).contains("[REDACTED:aws_access_key]").doesNotContain(AWS_KEY);
    assertThat(Files.getPosixFilePermissions(archived()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(archived().getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(
            home()
                .resolve("archive/claude/-home-dev-shop/11111111-1111-4111-8111-111111111111")
                .resolve("subagents/agent-a1b2c3d4e5f6a7b8c.jsonl.gz"))
        .isRegularFile();

    // A Claude Code folder with a stray .jsonl.gz is still a transcript folder.
    Files.copy(archived(), projects.resolve("stray.jsonl.gz"));
    assertThat(Archive.isArchive(dir.resolve("claude"))).isFalse();
    assertThat(Archive.isArchive(home().resolve("archive"))).isTrue();
    Files.delete(projects.resolve("stray.jsonl.gz"));

    // Unchanged transcripts add nothing; appended lines are archived once, as a new member.
    var before = Files.readAllBytes(archived());
    flightlog("import", "--archive", dir.resolve("claude").toString(), "--db", db("a"));
    assertThat(Files.readAllBytes(archived())).isEqualTo(before);
    var last = Files.readAllLines(docs).getLast();
    Files.writeString(
        docs,
        last.replace("33333333-0000-4000-8000-0000000000", "33333333-0000-4000-8000-1000000000")
            + "\n",
        StandardOpenOption.APPEND);
    flightlog("import", "--archive", dir.resolve("claude").toString(), "--db", db("a"));
    assertThat(Files.size(archived())).isGreaterThan(before.length);
    assertThat(inflate(archived())).isEqualTo(redacted(docs));

    // A crash after an append, before its position was committed: read again, not archived again.
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db("a"));
        var statement = connection.createStatement()) {
      assertThat(
              statement.executeUpdate(
                  "UPDATE file_positions SET offset = 0, state = ''"
                      + " WHERE path LIKE '%33333333-3333-4333-8333-333333333333.jsonl'"))
          .isEqualTo(1);
    }
    flightlog("import", "--archive", dir.resolve("claude").toString(), "--db", db("a"));
    assertThat(inflate(archived())).isEqualTo(redacted(docs));

    delete(dir.resolve("claude"));
    var again = flightlog("import", home().resolve("archive").toString(), "--db", db("b"));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("Imported 5 files (5 read, 0 unchanged)");
    var one = flightlog("import", archived().toString(), "--db", db("c"));
    assertThat(one.out()).startsWith("Imported 1 file (1 read, 0 unchanged)");
    var expected = reports("a");
    assertThat(reports("b")).isEqualTo(expected);
    assertThat(expected.get("overview")).contains("\"sessions\": 4");
  }

  private String db(String name) {
    return dir.resolve(name + ".db").toString();
  }

  private Map<String, String> reports(String db) {
    var reports = new java.util.LinkedHashMap<String, String>();
    try (var store = Store.open(new Dsn.Sqlite(Path.of(db(db))), Clock.systemUTC())) {
      var all = new Reports(store.reads(), PriceTable.builtIn(), store.clock());
      for (var name : REPORTS) {
        var out = new StringWriter();
        all.write(
            ReportName.fromWireName(name),
            new ReportQuery(Filter.NONE, ZoneOffset.UTC, 0),
            Format.JSON,
            false,
            out);
        reports.put(name, out.toString());
      }
    }
    return reports;
  }

  private static String redacted(Path transcript) throws IOException {
    return Files.readString(transcript).replace(AWS_KEY, "[REDACTED:aws_access_key]");
  }

  private static String inflate(Path gz) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (var path : files.toList()) {
        var target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (var path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
