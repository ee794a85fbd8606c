package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.SqlRows;
import dev.flightlog.daemon.ServeLock;
import dev.flightlog.report.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code flightlog prune}; what it deletes is {@code report.PruneTest}'s. */
class PruneCommandTest {

  @TempDir Path dir;

  @BeforeEach
  void world() {
    Fixture.write(db());
  }

  private Path db() {
    return dir.resolve("data").resolve("world.db");
  }

  private Path home() {
    return dir.resolve("home");
  }

  private ReportCommandTest.Run prune(String... args) {
    var all = new ArrayList<>(List.of("prune"));
    all.addAll(List.of(args));
    all.addAll(List.of("--db", db().toString()));
    return ReportCommandTest.run(home(), all.toArray(String[]::new));
  }

  private List<String> sessions() throws Exception {
    return SqlRows.of(db(), "SELECT COUNT(*) FROM sessions");
  }

  @Test
  void aDryRunCountsAndARunDeletesAndCompacts() throws Exception {
    // The fixture's sessions are of November 2026: all older than a day, none than a century.
    var none = prune("--older-than", "36500d");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.out()).contains(": 0 tool calls, ").doesNotContain("Compacted");

    var dry = prune("--older-than", "1d", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .startsWith("Dry run: would delete the sessions last active before ")
        .endsWith(", 4 sessions.\n");
    assertThat(sessions()).containsExactly("4");

    var run = prune("--older-than", "24h");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Deleted the sessions last active before ")
        .contains(", 4 sessions.\n")
        .contains("Compacted " + db());
    assertThat(sessions()).containsExactly("0");
    assertThat(SqlRows.of(db(), "SELECT COUNT(*) FROM usage_rollup")).containsExactly("0");
    assertThat(SqlRows.of(db(), "SELECT COUNT(*) FROM tool_rollup")).containsExactly("0");
  }

  @Test
  void withoutTheFlagTheAgeIsRetentionDaysOfTheConfigFile() throws Exception {
    var missing = prune();
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains(
            "give the age to prune, e.g. --older-than 90d, or set \"retention\": {\"days\": N} in "
                + home().resolve("config.json"));

    Files.createDirectories(home());
    Files.writeString(
        home().resolve("config.json"),
        "{\"capture\": {\"level\": \"full\"}, \"retention\": {\"days\": 1}}");
    var run = prune("--dry-run");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(", 4 sessions.");

    Files.writeString(home().resolve("config.json"), "{\"retention\": {\"days\": \"90\"}}");
    var malformed = prune();
    assertThat(malformed.code()).isEqualTo(1);
    assertThat(malformed.err())
        .isEqualTo(
            "flightlog: "
                + home().resolve("config.json")
                + ": retention.days is \"90\" (allowed: a whole number of days, 1 to 36500)\n");
    assertThat(sessions()).containsExactly("4");
  }

  @Test
  void badAgesAreUsageErrors() {
    for (var age : List.of("90", "90x", "0d", "-1d", "36501d")) {
      var run = prune("--older-than", age);
      assertThat(run.code()).as(age).isEqualTo(2);
      assertThat(run.err()).as(age).startsWith("--older-than: ");
    }
    assertThat(PruneCommand.parseAge("26w")).isEqualTo(Duration.ofDays(182));
    assertThat(PruneCommand.parseAge("36h")).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void itRefusesWhileFlightlogServeRecordsIntoTheDatabase() throws Exception {
    var daemon = ServeLock.exclusive(db(), "test");
    try (daemon) {
      var run = prune("--older-than", "1d");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err()).contains("flightlog prune: flightlog serve (pid ");
    }
    assertThat(sessions()).containsExactly("4");
  }
}
