package dev.flightlog.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user service against fake {@code systemctl} and {@code launchctl} programs: real executable
 * shell scripts on the search path that log their arguments and exit as told.
 */
class UserServiceTest {

  @TempDir Path dir;

  private Path fakes() throws Exception {
    return Files.createDirectories(dir.resolve("fakes"));
  }

  /** A fake program that appends its arguments to calls.log and fails for arguments matching. */
  private void fake(String name, String failWhen, String message) throws Exception {
    var script =
        """
        #!/bin/sh
        echo "%1$s $*" >> "%2$s"
        case "$*" in
          %3$s) echo "%4$s" >&2; exit 1 ;;
        esac
        exit 0
        """
            .formatted(name, dir.resolve("calls.log"), failWhen, message);
    var file = Files.writeString(fakes().resolve(name), script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private List<String> calls() throws Exception {
    var log = dir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private UserService linux() throws Exception {
    return UserService.forPlatform(
        "Linux", dir.resolve("home"), null, new Commands(List.of(fakes()), Duration.ofSeconds(20)));
  }

  private UserService.Spec spec() {
    var env = new LinkedHashMap<String, String>();
    env.put("FLIGHTLOG_HOME", "/data/flight log");
    return new UserService.Spec(
        List.of("/opt/flightlog/bin/flightlog", "serve", "--addr", "127.0.0.1:4780"),
        env,
        Path.of("/data/serve.log"));
  }

  @Test
  void linuxWritesAUserUnitAndEnablesIt() throws Exception {
    fake("systemctl", "never", "");
    var service = linux();
    var outcome = service.install(spec());
    var unit = dir.resolve("home/.config/systemd/user/flightlog.service");
    assertThat(outcome.file()).isEqualTo(unit);
    assertThat(outcome.failure()).isNull();
    assertThat(unit)
        .hasContent(
            """
            # Written by `flightlog install --service`; `flightlog uninstall` removes it.
            [Unit]
            Description=flightlog daemon: records what AI coding agents do

            [Service]
            Type=simple
            Environment="FLIGHTLOG_HOME=/data/flight log"
            ExecStart=/opt/flightlog/bin/flightlog serve --addr 127.0.0.1:4780
            Restart=on-failure
            RestartSec=2

            [Install]
            WantedBy=default.target
            """);
    assertThat(calls())
        .containsExactly(
            "systemctl --user daemon-reload", "systemctl --user enable --now flightlog.service");

    // Again, unchanged: enabled again, not restarted. Changed: restarted to take effect.
    service.install(spec());
    var changed = new LinkedHashMap<>(spec().environment());
    changed.put("FLIGHTLOG_DB", "/x.db");
    service.install(new UserService.Spec(spec().command(), changed, spec().log()));
    assertThat(calls().subList(2, calls().size()))
        .containsExactly(
            "systemctl --user daemon-reload",
            "systemctl --user enable --now flightlog.service",
            "systemctl --user daemon-reload",
            "systemctl --user enable --now flightlog.service",
            "systemctl --user restart flightlog.service");

    var removed = service.uninstall();
    assertThat(removed.failure()).isNull();
    assertThat(unit).doesNotExist();
    assertThat(calls().subList(calls().size() - 2, calls().size()))
        .containsExactly(
            "systemctl --user disable --now flightlog.service", "systemctl --user daemon-reload");
    assertThat(service.uninstall().steps()).as("nothing left to remove").isEmpty();
  }

  @Test
  void aFailingOrMissingSystemctlKeepsTheUnitAndSaysWhatFailed() throws Exception {
    fake("systemctl", "\"--user daemon-reload\"", "Failed to connect to bus: No medium found");
    var outcome = linux().install(spec());
    assertThat(outcome.file()).exists();
    assertThat(outcome.failure())
        .extracting(Commands.Result::describe)
        .isEqualTo(
            "systemctl --user daemon-reload failed (exit 1): Failed to connect to bus: No medium"
                + " found");
    assertThat(calls()).containsExactly("systemctl --user daemon-reload");

    Files.delete(fakes().resolve("systemctl"));
    var missing = linux().install(spec());
    assertThat(missing.failure())
        .extracting(Commands.Result::describe)
        .isEqualTo("systemctl --user daemon-reload: systemctl not found");
  }

  @Test
  void macosWritesALaunchAgentAndBootstrapsIt() throws Exception {
    fake("launchctl", "bootout*", "Boot-out failed: 3: No such process");
    var home = Files.createDirectories(dir.resolve("home"));
    var uid = Files.getAttribute(home, "unix:uid");
    var service =
        UserService.forPlatform(
            "Mac OS X", home, null, new Commands(List.of(fakes()), Duration.ofSeconds(20)));
    var plist = home.resolve("Library/LaunchAgents/dev.flightlog.serve.plist");
    var outcome = service.install(spec());
    assertThat(outcome.failure()).isNull();
    assertThat(Files.readString(plist))
        .contains(
            """
              <key>ProgramArguments</key>
              <array>
                <string>/opt/flightlog/bin/flightlog</string>
                <string>serve</string>
                <string>--addr</string>
                <string>127.0.0.1:4780</string>
              </array>
              <key>EnvironmentVariables</key>
              <dict>
                <key>FLIGHTLOG_HOME</key>
                <string>/data/flight log</string>
              </dict>
              <key>RunAtLoad</key>
              <true/>
              <key>KeepAlive</key>
              <dict>
                <key>SuccessfulExit</key>
                <false/>
              </dict>
            """);
    assertThat(calls()).containsExactly("launchctl bootstrap gui/" + uid + " " + plist);
    // A changed agent is booted out first; a boot-out that finds nothing loaded is fine.
    var env = new LinkedHashMap<>(spec().environment());
    env.put("JAVA_HOME", "/jdk");
    assertThat(service.install(new UserService.Spec(spec().command(), env, spec().log())).failure())
        .isNull();
    assertThat(calls().subList(1, 3))
        .containsExactly(
            "launchctl bootout gui/" + uid + "/dev.flightlog.serve",
            "launchctl bootstrap gui/" + uid + " " + plist);
  }

  @Test
  void otherPlatformsAreRefusedWithWhatToDoInstead() {
    assertThatThrownBy(
            () ->
                UserService.forPlatform(
                    "Windows 11", dir, null, new Commands(List.of(), Duration.ofSeconds(1))))
        .isInstanceOf(InstallException.class)
        .hasMessage(
            "--service knows systemd (Linux) and launchd (macOS), not Windows 11; start the daemon"
                + " yourself with: flightlog serve");
  }

  @Test
  void systemdWordsAreQuotedAndEscaped() {
    assertThat(UserService.systemdWord("/plain/path")).isEqualTo("/plain/path");
    assertThat(UserService.systemdWord("/a b/\"c\"")).isEqualTo("\"/a b/\\\"c\\\"\"");
    assertThat(UserService.systemdWord("100%$x")).isEqualTo("100%%$$x");
  }
}
