package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.spool.Spool;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install, uninstall and hook as users run them: through Main, on real files and processes. */
class InstallCommandTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Path userHome() {
    return dir.resolve("u");
  }

  private Path flightlogHome() {
    return dir.resolve("data");
  }

  private Run run(Map<String, String> extra, byte[] stdin, String... args) {
    var variables = new HashMap<String, String>();
    variables.put("FLIGHTLOG_HOME", flightlogHome().toString());
    variables.put("PATH", dir.resolve("fakes").toString());
    variables.putAll(extra);
    var environment = new Environment(variables, userHome(), "Linux", false);
    var out = new StringWriter();
    var err = new StringWriter();
    int code =
        Main.run(
            args,
            environment,
            new ByteArrayInputStream(stdin),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return run(Map.of(), new byte[0], args);
  }

  private Path userSettings() {
    return userHome().resolve(".claude/settings.json");
  }

  private Path script() {
    return flightlogHome().resolve("bin/flightlog-spool");
  }

  @Test
  void installWiresTheUserSettingsWritesTheSpoolerAndSaysWhatItDid() throws Exception {
    var result = run("install");
    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    var spool = flightlogHome().resolve("spool");
    assertThat(result.out())
        .isEqualTo(
            """
            Claude Code now reports to flightlog at 127.0.0.1:4780.
              settings:   %1$s (user scope; created)
              over HTTP:  29 events to http://127.0.0.1:4780/hook
              spooler:    SessionStart, Setup
                          %2$s -> %3$s
              OpenTelemetry export: no (add --otel)
              service:    no (add --service to run the daemon at login)
            Next: start the daemon: flightlog serve
            """
                .formatted(userSettings(), script(), spool));
    assertThat(Files.readString(userSettings()))
        .contains("\"command\": \"" + script() + "\"", "\"url\": \"http://127.0.0.1:4780/hook\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)))
        .isEqualTo("rwx------");

    // The script install wrote spools a payload that the daemon's Spool reads back.
    var process = new ProcessBuilder(script().toString()).start();
    try (var in = process.getOutputStream()) {
      in.write("{\"hook_event_name\":\"SessionStart\"}".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(new Spool(spool).backlog()).isEqualTo(1);

    var again = run("install");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("(user scope; already wired, unchanged)");
  }

  @Test
  void durableOtelAndAnotherAddressShowInTheSummaryAndBackupIsNamed() throws Exception {
    Files.createDirectories(userSettings().getParent());
    Files.writeString(userSettings(), "{\"model\": \"opus\"}");
    var result = run("install", "--durable", "--otel", "--addr", "127.0.0.1:5005");
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains(
            "Claude Code now reports to flightlog at 127.0.0.1:5005.",
            "backup settings.json.flightlog-backup-",
            "  over HTTP:  none (--durable)\n",
            "  spooler:    PreToolUse, PostToolUse, PostToolUseFailure, PostToolBatch, Notification,\n"
                + "              UserPromptSubmit, UserPromptExpansion, SessionStart,",
            "  OpenTelemetry export: yes, to http://127.0.0.1:5005\n",
            "Next: start the daemon: flightlog serve --addr 127.0.0.1:5005\n");
    assertThat(Files.readString(userSettings()))
        .startsWith("{\n  \"model\": \"opus\",\n  \"hooks\": {")
        .contains("\"OTEL_EXPORTER_OTLP_ENDPOINT\": \"http://127.0.0.1:5005\"")
        .doesNotContain("\"http\"");
  }

  @Test
  void scopesAndClaudeConfigDirChooseTheFile() throws Exception {
    var config = dir.resolve("cfg");
    assertThat(run(Map.of("CLAUDE_CONFIG_DIR", config.toString()), new byte[0], "install").code())
        .isZero();
    assertThat(config.resolve("settings.json")).exists();
    var project = dir.resolve("project");
    assertThat(run("install", "--scope", "project", "--project-dir", project.toString()).code())
        .isZero();
    assertThat(project.resolve(".claude/settings.json")).exists();
    assertThat(run("install", "--scope", "local", "--project-dir", project.toString()).code())
        .isZero();
    assertThat(project.resolve(".claude/settings.local.json")).exists();
    assertThat(userSettings()).doesNotExist();
  }

  @Test
  void dryRunPrintsTheDiffAndWritesNothing() throws Exception {
    Files.createDirectories(userSettings().getParent());
    Files.writeString(userSettings(), "{\"model\":\"opus\"}");
    var result = run("install", "--dry-run", "--service", "--launcher", "/opt/fl/bin/flightlog");
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .startsWith(
            "flightlog install --dry-run: nothing was written.\nWould change "
                + userSettings()
                + ":\n--- "
                + userSettings()
                + "\n+++ "
                + userSettings()
                + "\n@@ -1,3 +1,351 @@\n {\n-  \"model\": \"opus\"\n+  \"model\": \"opus\",\n")
        .contains(
            "Would write the spooler " + script(),
            "  ExecStart=/opt/fl/bin/flightlog serve --addr 127.0.0.1:4780\n",
            "Would run: systemctl --user enable --now flightlog.service\n");
    assertThat(Files.readString(userSettings())).isEqualTo("{\"model\":\"opus\"}");
    assertThat(flightlogHome()).doesNotExist();
    assertThat(userHome().resolve(".config")).doesNotExist();
    try (Stream<Path> files = Files.list(userSettings().getParent())) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void invalidSettingsAreRefusedWithExitOneAndLeftAlone() throws Exception {
    Files.createDirectories(userSettings().getParent());
    Files.writeString(userSettings(), "{\"model\": opus}");
    var result = run("install");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("flightlog: " + userSettings() + " is not valid JSON (line 1, column 11): ")
        .endsWith(" — fix or move it; flightlog did not change it\n");
    assertThat(Files.readString(userSettings())).isEqualTo("{\"model\": opus}");
    assertThat(run("uninstall").code()).isEqualTo(1);
  }

  @Test
  void aBadAddressIsAUsageError() {
    var result = run("install", "--addr", "4780");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("--addr: expected HOST:PORT (e.g. 127.0.0.1:4780 or [::1]:4780), got '4780'\n");
  }

  private void fakeSystemctl(int exitCode, String message) throws Exception {
    var fake = Files.createDirectories(dir.resolve("fakes")).resolve("systemctl");
    Files.writeString(
        fake,
        """
        #!/bin/sh
        echo "systemctl $*" >> "%s"
        echo "%s" >&2
        exit %d
        """
            .formatted(dir.resolve("calls.log"), message, exitCode));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void serviceIsInstalledStartedAndRemovedByUninstall() throws Exception {
    fakeSystemctl(0, "");
    var result = run("install", "--service", "--launcher", "/opt/fl/bin/flightlog");
    assertThat(result.err()).isEmpty();
    assertThat(result.code()).isZero();
    var unit = userHome().resolve(".config/systemd/user/flightlog.service");
    assertThat(result.out())
        .contains(
            "  service:    started, and at every login (" + unit + ")\n",
            "Next: use Claude Code as usual");
    assertThat(Files.readString(unit))
        .contains(
            "Environment=FLIGHTLOG_HOME=" + flightlogHome() + "\n",
            "ExecStart=/opt/fl/bin/flightlog serve --addr 127.0.0.1:4780\n");

    var uninstall = run("uninstall");
    assertThat(uninstall.code()).isZero();
    assertThat(uninstall.out())
        .isEqualTo(
            "Removed flightlog from %s (backup %s).\nRemoved the service %s.\n"
                .formatted(
                    userSettings(),
                    uninstall.out().replaceAll("(?s).*\\(backup ([^)]*)\\).*", "$1"),
                    unit));
    assertThat(unit).doesNotExist();
    assertThat(Files.readString(userSettings())).isEqualTo("{}\n");
    assertThat(Files.readAllLines(dir.resolve("calls.log")))
        .containsExactly(
            "systemctl --user daemon-reload",
            "systemctl --user enable --now flightlog.service",
            "systemctl --user disable --now flightlog.service",
            "systemctl --user daemon-reload");
  }

  @Test
  void aServiceThatCannotStartKeepsItsUnitAndExitsOneWithWhatToDo() throws Exception {
    fakeSystemctl(1, "Failed to connect to bus: No medium found");
    var result = run("install", "--service", "--launcher", "/opt/fl/bin/flightlog");
    assertThat(result.code()).isEqualTo(1);
    var unit = userHome().resolve(".config/systemd/user/flightlog.service");
    assertThat(unit).exists();
    assertThat(userSettings()).exists();
    assertThat(result.out()).contains("  service:    " + unit + " written, not started\n");
    assertThat(result.err())
        .isEqualTo(
            "flightlog: the service file is in place ("
                + unit
                + "), but systemctl --user daemon-reload failed (exit 1): Failed to connect to"
                + " bus: No medium found.\n"
                + "Start the daemon by hand: flightlog serve\n"
                + "(or, once the service manager works for your user, run: systemctl --user"
                + " enable --now flightlog.service)\n");

    var uninstall = run("uninstall");
    assertThat(uninstall.code()).isEqualTo(1);
    assertThat(unit).doesNotExist();
    assertThat(uninstall.err())
        .isEqualTo(
            "flightlog: could not stop the service: systemctl --user disable --now"
                + " flightlog.service failed (exit 1): Failed to connect to bus: No medium found;"
                + " its file is removed, but a daemon it started may still run until you stop it"
                + " or log out.\n");
  }

  @Test
  void uninstallWithoutAnInstallChangesNothing() {
    var result = run("uninstall", "--dry-run");
    assertThat(result)
        .isEqualTo(
            new Run(
                0,
                "flightlog uninstall --dry-run: nothing was written.\n"
                    + userSettings()
                    + ": no change.\n",
                ""));
    assertThat(run("uninstall").out())
        .isEqualTo(userSettings() + ": no flightlog hooks for 127.0.0.1:4780; unchanged.\n");
    assertThat(userSettings()).doesNotExist();
  }

  @Test
  void hookSpoolsStdinSilentlyAndAlwaysExitsZero() throws Exception {
    var payload = new byte[] {'{', '}', 0, (byte) 0xfe};
    assertThat(run(Map.of(), payload, "hook")).isEqualTo(new Run(0, "", ""));
    var spool = new Spool(flightlogHome().resolve("spool"));
    assertThat(spool.ready()).hasSize(1);
    assertThat(spool.read(spool.ready().getFirst(), 100).bytes()).isEqualTo(payload);

    // too big, empty, or nowhere to write: nothing spooled, nothing said, exit 0
    assertThat(run(Map.of(), new byte[HookCommand.MAX_PAYLOAD + 1], "hook"))
        .isEqualTo(new Run(0, "", ""));
    assertThat(run(Map.of(), new byte[0], "hook")).isEqualTo(new Run(0, "", ""));
    assertThat(spool.backlog()).isEqualTo(1);
    var file = Files.writeString(dir.resolve("a-file"), "x");
    assertThat(run(Map.of("FLIGHTLOG_HOME", file.toString()), payload, "hook"))
        .isEqualTo(new Run(0, "", ""));
  }

  @Test
  void helpDescribesTheCommands() {
    assertThat(run("install", "--help").out())
        .contains(
            "--durable", "--otel", "--service", "--scope=SCOPE", "--dry-run", "--addr=HOST:PORT");
    assertThat(run("uninstall", "--help").out()).contains("Give the same --addr and --scope");
    assertThat(run("hook", "--help").out()).contains("Prints nothing and always exits 0.");
    assertThat(run("--help").out()).contains("install", "uninstall", "hook");
    assertThat(List.of(run("hook", "--help").code())).containsExactly(0);
  }
}
