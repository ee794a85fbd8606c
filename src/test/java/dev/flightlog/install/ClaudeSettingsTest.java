package dev.flightlog.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.SharedSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeSettingsTest {

  private static final String SPOOLER = "/home/u/.local/share/flightlog/bin/flightlog-spool";
  private static final String URL = "http://127.0.0.1:4780/hook";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC);

  /** A user's settings, written by hand (four-space indent), with hooks of their own. */
  private static final String USERS =
      """
      {
          "model": "opus",
          "permissions": {"allow": ["Bash(ls:*)"], "deny": []},
          "hooks": {
              "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "~/bin/guard.sh", "timeout": 30}]}
              ],
              "Stop": [{"hooks": [{"type": "command", "command": "notify-send done"}]}]
          },
          "env": {"FOO": "bar", "OTEL_METRIC_EXPORT_INTERVAL": "60000"},
          "cleanupPeriodDays": 99999,
          "ratio": 1.50
      }
      """;

  @TempDir Path dir;

  private static Wiring wiring(boolean durable, boolean otel) {
    return new Wiring(Wiring.DEFAULT_ADDR, SPOOLER, durable, otel);
  }

  private Path settings(String content) throws Exception {
    var file = dir.resolve(".claude/settings.json");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> tree(Path file) throws Exception {
    return (Map<String, @Nullable Object>) map(JsonTree.parse(Files.readString(file)));
  }

  private static Map<?, ?> map(@Nullable Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<?, ?>) Objects.requireNonNull(value);
  }

  private static List<?> list(@Nullable Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<?>) Objects.requireNonNull(value);
  }

  /** The file as flightlog writes JSON: equal when the structures are, key order included. */
  private static String normalised(String json) throws Exception {
    return JsonTree.write(JsonTree.parse(json));
  }

  private static List<String> keys(@Nullable Object map) {
    var keys = new ArrayList<String>();
    if (map instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> keys.add(String.valueOf(k)));
    }
    return keys;
  }

  private static List<?> groups(Map<String, @Nullable Object> root, String event) {
    return list(map(root.get("hooks")).get(event));
  }

  @Test
  void installAddsHooksAndKeepsEveryOtherKeyAndTheUsersOwnHooks() throws Exception {
    var file = settings(USERS);
    var edit = ClaudeSettings.install(file, wiring(false, false));
    assertThat(edit.changed()).isTrue();
    assertThat(edit.warnings()).isEmpty();
    edit.apply(CLOCK);
    var root = tree(file);
    assertThat(List.copyOf(root.keySet()))
        .isEqualTo(List.of("model", "permissions", "hooks", "env", "cleanupPeriodDays", "ratio"));
    assertThat(Files.readString(file))
        .contains("\"ratio\": 1.50\n", "\"cleanupPeriodDays\": 99999");
    assertThat(root.get("env"))
        .isEqualTo(Map.of("FOO", "bar", "OTEL_METRIC_EXPORT_INTERVAL", "60000"));
    assertThat(normalised(JsonTree.write(root.get("permissions"))))
        .isEqualTo(normalised("{\"allow\": [\"Bash(ls:*)\"], \"deny\": []}"));

    var text = Files.readString(file);
    assertThat(text)
        .contains(
            """
                "PreToolUse": [
                  {
                    "matcher": "Bash",
                    "hooks": [
                      {
                        "type": "command",
                        "command": "~/bin/guard.sh",
                        "timeout": 30
                      }
                    ]
                  },
                  {
                    "matcher": "*",
                    "hooks": [
                      {
                        "type": "http",
                        "url": "http://127.0.0.1:4780/hook",
                        "timeout": 5
                      }
                    ]
                  }
                ],
            """,
            """
                "SessionStart": [
                  {
                    "hooks": [
                      {
                        "type": "command",
                        "command": "/home/u/.local/share/flightlog/bin/flightlog-spool",
                        "timeout": 10
                      }
                    ]
                  }
                ],
            """);
    assertThat(groups(root, "Stop")).hasSize(2);
    var hooks = keys(root.get("hooks"));
    assertThat(hooks).hasSize(31).doesNotContain("WorktreeCreate", "WorktreeRemove");
    assertThat(hooks.subList(0, 3)).isEqualTo(List.of("PreToolUse", "Stop", "PostToolUse"));
  }

  @Test
  void defaultRoutingUsesHttpExceptWhereClaudeCodeCannotAndDurableUsesTheSpoolerForAll()
      throws Exception {
    var plain = wiring(false, false);
    assertThat(ClaudeSettings.names(plain.spooledEvents()))
        .containsExactly("SessionStart", "Setup");
    assertThat(plain.httpEvents()).hasSize(29);
    var durable = wiring(true, false);
    assertThat(durable.httpEvents()).isEmpty();
    assertThat(durable.spooledEvents()).hasSize(31);

    var file = settings("{}");
    ClaudeSettings.install(file, durable).apply(CLOCK);
    assertThat(Files.readString(file)).doesNotContain("\"http\"");
    assertThat(countOurs(tree(file))).isEqualTo(31);
    // Switching back replaces each spooler hook by an HTTP hook; nothing is left behind.
    ClaudeSettings.install(file, plain).apply(CLOCK);
    var root = tree(file);
    assertThat(countOurs(root)).isEqualTo(31);
    assertThat(Files.readString(file).split("\"type\": \"command\"", -1)).hasSize(3);
    assertThat(groups(root, "PostToolBatch").toString()).contains("type=http");
  }

  /** flightlog's entries, counted over every event. */
  private static int countOurs(Map<String, @Nullable Object> root) {
    int count = 0;
    for (var groups : map(root.get("hooks")).values()) {
      for (var group : list(groups)) {
        for (var entry : list(map(group).get("hooks"))) {
          var e = map(entry);
          if (URL.equals(e.get("url")) || SPOOLER.equals(e.get("command"))) {
            count++;
          }
        }
      }
    }
    return count;
  }

  @Test
  void installingTwiceWritesOnceAndLeavesTheFileByteIdentical() throws Exception {
    var file = settings(USERS);
    var backup = ClaudeSettings.install(file, wiring(false, true)).apply(CLOCK);
    var first = Files.readAllBytes(file);
    var again = ClaudeSettings.install(file, wiring(false, true));
    assertThat(again.changed()).isFalse();
    assertThat(again.diff()).isEmpty();
    assertThat(again.apply(CLOCK)).isNull();
    assertThat(Files.readAllBytes(file)).isEqualTo(first);
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings).containsExactlyInAnyOrder(file, backup);
    }
  }

  @Test
  void uninstallRestoresTheUsersSettings() throws Exception {
    var file = settings(USERS);
    ClaudeSettings.install(file, wiring(false, true)).apply(CLOCK);
    ClaudeSettings.install(file, wiring(true, true)).apply(CLOCK);
    var edit = ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER);
    assertThat(edit.changed()).isTrue();
    edit.apply(CLOCK);
    assertThat(Files.readString(file)).isEqualTo(normalised(USERS));
    assertThat(ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER).changed()).isFalse();
  }

  @Test
  void uninstallOfAFreshInstallLeavesAnEmptyObject() throws Exception {
    var file = dir.resolve("new/.claude/settings.json");
    var edit = ClaudeSettings.install(file, wiring(false, true));
    assertThat(edit.existed()).isFalse();
    assertThat(edit.diff()).startsWith("--- /dev/null\n+++ " + file + "\n@@ -0,0 +1,");
    assertThat(edit.apply(CLOCK)).as("no backup of a file that did not exist").isNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER).apply(CLOCK);
    assertThat(Files.readString(file)).isEqualTo("{}\n");
  }

  @Test
  void otelSettingsAreAddedWithoutOverridingTheUsersAndRemovedWhenStillOurs() throws Exception {
    var file = settings(USERS);
    var edit = ClaudeSettings.install(file, wiring(false, true));
    assertThat(edit.warnings())
        .containsExactly(
            "env.OTEL_METRIC_EXPORT_INTERVAL is 60000 where flightlog would set 10000; kept yours");
    edit.apply(CLOCK);
    var env = map(tree(file).get("env"));
    assertThat(keys(env))
        .isEqualTo(
            List.of(
                "FOO",
                "OTEL_METRIC_EXPORT_INTERVAL",
                "CLAUDE_CODE_ENABLE_TELEMETRY",
                "OTEL_LOGS_EXPORTER",
                "OTEL_METRICS_EXPORTER",
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "OTEL_LOG_TOOL_DETAILS",
                "OTEL_LOGS_EXPORT_INTERVAL"));
    assertThat(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")).isEqualTo("http://127.0.0.1:4780");
    assertThat(env.get("OTEL_EXPORTER_OTLP_PROTOCOL")).isEqualTo("http/json");
    assertThat(env.get("OTEL_METRIC_EXPORT_INTERVAL")).isEqualTo("60000");

    // The user changes one of ours: uninstall keeps that one.
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"OTEL_LOGS_EXPORTER\": \"otlp\"", "\"OTEL_LOGS_EXPORTER\": \"console\""));
    ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER).apply(CLOCK);
    assertThat(tree(file).get("env"))
        .isEqualTo(
            Map.of(
                "FOO",
                "bar",
                "OTEL_METRIC_EXPORT_INTERVAL",
                "60000",
                "OTEL_LOGS_EXPORTER",
                "console"));
  }

  @Test
  void anotherOtlpEndpointIsLeftAloneWithAWarning() throws Exception {
    var theirs =
        "{\"env\": {\"CLAUDE_CODE_ENABLE_TELEMETRY\": \"1\", \"OTEL_EXPORTER_OTLP_ENDPOINT\":"
            + " \"http://collector:4318\"}}";
    var file = settings(theirs);
    var edit = ClaudeSettings.install(file, wiring(false, true));
    assertThat(edit.warnings())
        .singleElement()
        .asString()
        .startsWith("env.OTEL_EXPORTER_OTLP_ENDPOINT is already http://collector:4318, so");
    edit.apply(CLOCK);
    assertThat(tree(file).get("env"))
        .isEqualTo(JsonTree.parse(theirs) instanceof Map<?, ?> m ? m.get("env") : null);
    // uninstall never removes an export that is not flightlog's, even with the same values
    ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER).apply(CLOCK);
    assertThat(Files.readString(file)).isEqualTo(normalised(theirs));
  }

  @Test
  void invalidJsonIsRefusedAndTheFileIsNotTouched() throws Exception {
    var broken = "{\n  \"model\": \"opus\",\n}\n";
    var file = settings(broken);
    assertThatThrownBy(() -> ClaudeSettings.install(file, wiring(false, false)))
        .isInstanceOf(InstallException.class)
        .hasMessageStartingWith(
            file + " is not valid JSON (line 3, column 1): Unexpected character")
        .hasMessageEndingWith(" — fix or move it; flightlog did not change it");
    assertThatThrownBy(() -> ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER))
        .isInstanceOf(InstallException.class);
    assertThat(Files.readString(file)).isEqualTo(broken);
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings).containsExactly(file);
    }
  }

  @Test
  void settingsShapedOtherwiseThanClaudeCodeExpectsAreRefused() throws Exception {
    var cases =
        Map.of(
            "[1, 2]",
            " holds a JSON array, not the JSON object Claude Code's settings are — fix or move it;"
                + " flightlog did not change it",
            "{\"hooks\": []}",
            ": \"hooks\" is an array where Claude Code expects an object — fix it; flightlog did not"
                + " change the file",
            "{\"hooks\": {\"Stop\": {\"x\": 1}}}",
            ": \"hooks.Stop\" is an object where Claude Code expects an array — fix it; flightlog did"
                + " not change the file",
            "{\"a\": 1, \"a\": 2}",
            " is not valid JSON (line 1, column 13): Duplicate field 'a' — fix or move it; flightlog"
                + " did not change it");
    for (var c : cases.entrySet()) {
      var file = settings(c.getKey());
      assertThatThrownBy(() -> ClaudeSettings.install(file, wiring(false, false)))
          .as(c.getKey())
          .hasMessage(file + c.getValue());
      assertThat(Files.readString(file)).isEqualTo(c.getKey());
    }
    var notUtf8 = dir.resolve("latin1.json");
    Files.write(notUtf8, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});
    assertThatThrownBy(() -> ClaudeSettings.install(notUtf8, wiring(false, false)))
        .hasMessage(
            notUtf8
                + " is not valid JSON: it is not UTF-8 text — fix or move it; flightlog did not"
                + " change it");
  }

  @Test
  void applyBacksUpFirstAndKeepsTheFilesPermissions() throws Exception {
    var file = settings(USERS);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    var backup = ClaudeSettings.install(file, wiring(false, false)).apply(CLOCK);
    assertThat(backup)
        .isEqualTo(file.resolveSibling("settings.json.flightlog-backup-20261124T101530Z"));
    assertThat(backup).hasContent(USERS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    // a second change in the same second gets its own backup
    var second = ClaudeSettings.install(file, wiring(true, false)).apply(CLOCK);
    assertThat(second)
        .isEqualTo(file.resolveSibling("settings.json.flightlog-backup-20261124T101530Z-1"));
  }

  @Test
  void aSymbolicallyLinkedSettingsFileIsEditedThroughTheLink() throws Exception {
    var real = Files.createDirectories(dir.resolve("dotfiles")).resolve("claude-settings.json");
    Files.writeString(real, USERS);
    var link = dir.resolve(".claude/settings.json");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, real);
    var edit = ClaudeSettings.install(link, wiring(false, false));
    assertThat(edit.file()).isEqualTo(real.toRealPath());
    edit.apply(CLOCK);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).contains(URL);
  }

  @Test
  void aFileChangedBetweenReadingAndWritingIsNotOverwritten() throws Exception {
    var file = settings(USERS);
    var edit = ClaudeSettings.install(file, wiring(false, false));
    Files.writeString(file, "{\"changed\": true}");
    assertThatThrownBy(() -> edit.apply(CLOCK))
        .isInstanceOf(InstallException.class)
        .hasMessage(
            file
                + " changed while flightlog was editing it; nothing was written — run the command"
                + " again");
    assertThat(Files.readString(file)).isEqualTo("{\"changed\": true}");
  }

  @Test
  void anEarlierInstallForAnotherAddressIsPointedOut() throws Exception {
    var file = settings("{}");
    ClaudeSettings.install(file, new Wiring("127.0.0.1:5000", SPOOLER, false, false)).apply(CLOCK);
    var edit = ClaudeSettings.install(file, wiring(false, false));
    assertThat(edit.warnings())
        .containsExactly(
            "the settings also send hooks to http://127.0.0.1:5000/hook, which looks like an earlier"
                + " flightlog install for another address; remove it with: flightlog uninstall"
                + " --addr 127.0.0.1:5000");
  }

  @Test
  void theDiffShowsOnlyWhatChanges() throws Exception {
    var file = settings("{\"model\":\"opus\",\"hooks\":{}}");
    var diff = ClaudeSettings.install(file, wiring(false, false)).diff();
    assertThat(diff)
        .startsWith(
            "--- "
                + file
                + "\n+++ "
                + file
                + "\n@@ -1,4 +1,351 @@\n {\n   \"model\": \"opus\",\n-  \"hooks\": {}\n+  \"hooks\": {\n");
    assertThat(diff.lines().filter(l -> l.startsWith("-"))).hasSize(2);
  }

  @Test
  void theRealSampleSettingsSurviveInstallAndUninstall() throws Exception {
    var sample = SharedSamples.claudeSamples().resolve("basic/home/.claude/settings.json");
    var original = Files.readString(sample, StandardCharsets.UTF_8);
    var file = settings(original);
    ClaudeSettings.install(file, wiring(false, true)).apply(CLOCK);
    var root = tree(file);
    var preToolUse = new ArrayList<Object>(groups(root, "PreToolUse"));
    assertThat(preToolUse).hasSize(2);
    assertThat(preToolUse.getFirst().toString())
        .contains("hook_logger.py", "41507/hook/PreToolUse");
    ClaudeSettings.uninstall(file, Wiring.DEFAULT_ADDR, SPOOLER).apply(CLOCK);
    assertThat(Files.readString(file)).isEqualTo(normalised(original));
  }

  @Test
  void scopesNameClaudeCodesThreeSettingsFiles() {
    var config = Path.of("/home/u/.claude");
    var project = Path.of("/work/p");
    assertThat(Scope.USER.settingsFile(config, project))
        .isEqualTo(Path.of("/home/u/.claude/settings.json"));
    assertThat(Scope.PROJECT.settingsFile(config, project))
        .isEqualTo(Path.of("/work/p/.claude/settings.json"));
    assertThat(Scope.LOCAL.settingsFile(config, project))
        .isEqualTo(Path.of("/work/p/.claude/settings.local.json"));
  }

  @Test
  void addressesAreChecked() {
    assertThat(Wiring.hookUrl("[::1]:4780")).isEqualTo("http://[::1]:4780/hook");
    assertThatThrownBy(() -> Wiring.checkAddr("localhost"))
        .hasMessage("expected HOST:PORT (e.g. 127.0.0.1:4780 or [::1]:4780), got 'localhost'");
    assertThatThrownBy(() -> Wiring.checkAddr("127.0.0.1:70000"))
        .hasMessage("the port must be between 1 and 65535, got 70000 in '127.0.0.1:70000'");
    assertThatThrownBy(() -> Wiring.checkAddr("http://x:1/"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
