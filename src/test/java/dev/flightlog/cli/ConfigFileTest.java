package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Agent;
import dev.flightlog.ingest.CaptureLevel;
import dev.flightlog.ingest.CapturePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config.json}: its format, its defaults, its errors, and the precedence of the level. */
class ConfigFileTest {

  private static final Path HOME = Path.of("/home/me");

  @TempDir Path dir;

  private static ConfigFile parse(String json) {
    return ConfigFile.parse(json, HOME);
  }

  @Test
  void readsEverySetting() {
    var file =
        parse(
            """
            {"capture": {"level": "full", "agents": {"claude": "default"},
                         "projects": {"/srv/secret-repo": "metadata", "~/work/x": "default"}},
             "retention": {"days": 90}}
            """);
    assertThat(file)
        .isEqualTo(
            new ConfigFile(
                new CapturePolicy(
                    CaptureLevel.FULL,
                    Map.of(Agent.CLAUDE, CaptureLevel.DEFAULT),
                    Map.of(
                        "/srv/secret-repo", CaptureLevel.METADATA,
                        "/home/me/work/x", CaptureLevel.DEFAULT)),
                true,
                90));
  }

  @Test
  void theDefaultsArePinned() {
    assertThat(parse("{}")).isEqualTo(ConfigFile.DEFAULTS);
    assertThat(ConfigFile.DEFAULTS.capture().level()).isEqualTo(CaptureLevel.DEFAULT);
    assertThat(ConfigFile.DEFAULTS.capture().agents()).isEmpty();
    assertThat(ConfigFile.DEFAULTS.capture().projects()).isEmpty();
    assertThat(ConfigFile.DEFAULTS.retentionDays()).isNull();
    var environment =
        new Environment(Map.of("FLIGHTLOG_HOME", dir.toString()), HOME, "Linux", false);
    assertThat(ConfigFile.load(environment)).isEqualTo(ConfigFile.DEFAULTS);
  }

  @Test
  void badValuesSayTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> parse("{\"captur\": {}}"))
        .hasMessage("unknown key captur (allowed: capture, retention)");
    assertThatThrownBy(() -> parse("{\"capture\": {\"levels\": \"full\"}}"))
        .hasMessage("unknown key capture.levels (allowed: level, agents, projects)");
    assertThatThrownBy(() -> parse("{\"capture\": {\"level\": \"everything\"}}"))
        .hasMessage(
            "capture.level is \"everything\" (allowed: \"full\", \"default\", \"metadata\")");
    assertThatThrownBy(() -> parse("{\"capture\": {\"level\": 3}}"))
        .hasMessage("capture.level is 3 (allowed: \"full\", \"default\", \"metadata\")");
    assertThatThrownBy(() -> parse("{\"capture\": {\"agents\": {\"cursor\": \"full\"}}}"))
        .hasMessage(
            "capture.agents: unknown agent 'cursor' (expected one of: claude, codex, gemini)");
    assertThatThrownBy(() -> parse("{\"capture\": {\"projects\": {\"repo\": \"full\"}}}"))
        .hasMessage(
            "capture.projects: \"repo\" is not an absolute directory (allowed: an absolute path"
                + " or ~/…)");
    assertThatThrownBy(() -> parse("{\"capture\": \"full\"}"))
        .hasMessage("capture is \"full\" (allowed: an object)");
    assertThatThrownBy(() -> parse("{\"retention\": {\"days\": 0}}"))
        .hasMessage("retention.days is 0 (allowed: a whole number of days, 1 to 36500)");
    assertThatThrownBy(() -> parse("{\"retention\": {\"days\": \"90\"}}"))
        .hasMessage("retention.days is \"90\" (allowed: a whole number of days, 1 to 36500)");
    assertThatThrownBy(() -> parse("{\"capture\": {\"level\": \"full\"")) // cut off
        .hasMessageStartingWith("not valid JSON at line 1, column ");
    assertThatThrownBy(() -> parse("[]")).hasMessage("the configuration must be a JSON object");
  }

  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheFile() {
    var file = parse("{\"capture\": {\"level\": \"full\", \"agents\": {\"codex\": \"metadata\"}}}");
    var none = new Environment(Map.of(), HOME, "Linux", false);
    var set = new Environment(Map.of("FLIGHTLOG_CAPTURE", "metadata"), HOME, "Linux", false);
    var option = new CaptureOption();

    assertThat(option.gate(none, file).capture().level()).isEqualTo(CaptureLevel.FULL);
    assertThat(option.gate(set, file).capture().level()).isEqualTo(CaptureLevel.METADATA);
    option.capture = "default";
    var flagged = option.gate(set, file).capture();
    assertThat(flagged.level()).isEqualTo(CaptureLevel.DEFAULT);
    // The file's per-agent levels still apply.
    assertThat(flagged.levelFor(Agent.CODEX, null)).isEqualTo(CaptureLevel.METADATA);
    assertThat(new CaptureOption().gate(none, ConfigFile.DEFAULTS).capture().level())
        .isEqualTo(CaptureLevel.DEFAULT);
    var bad = new Environment(Map.of("FLIGHTLOG_CAPTURE", "most"), HOME, "Linux", false);
    assertThatThrownBy(() -> new CaptureOption().gate(bad, file))
        .hasMessage("FLIGHTLOG_CAPTURE is \"most\" (allowed: full, default, metadata)");
  }

  private InProcess.Result run(String... args) {
    return InProcess.run(
        Map.of(
            "FLIGHTLOG_HOME", dir.resolve("home").toString(),
            "CLAUDE_CONFIG_DIR", dir.resolve("claude").toString()),
        dir.resolve("user"),
        args);
  }

  @Test
  void importRefusesABadLevelOrABadFile() throws IOException {
    Files.createDirectories(dir.resolve("claude"));
    var bad = run("import", "--capture", "some");
    assertThat(bad.code()).isEqualTo(Main.USAGE);
    assertThat(bad.err()).startsWith("--capture is \"some\" (allowed: full, default, metadata)");

    Files.createDirectories(dir.resolve("home"));
    Files.writeString(dir.resolve("home/config.json"), "{\"capture\": {\"level\": \"none\"}}");
    var broken = run("import");
    assertThat(broken.code()).isEqualTo(Main.FAILED);
    assertThat(broken.err())
        .isEqualTo(
            "flightlog: "
                + dir.resolve("home/config.json")
                + ": capture.level is \"none\" (allowed: \"full\", \"default\", \"metadata\")\n");
  }
}
