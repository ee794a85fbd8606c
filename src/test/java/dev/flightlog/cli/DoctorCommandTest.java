package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Map<String, String> environment() {
    return Map.of(
        "FLIGHTLOG_HOME", dir.resolve("home").toString(),
        "CLAUDE_CONFIG_DIR", dir.resolve("claude").toString(),
        "HOME", dir.toString(),
        "PATH", "/usr/bin:/bin");
  }

  @Test
  void aFreshMachineFailsWithWhatToDoAndAnInstalledOneNamesItsHooks() throws IOException {
    var addr = "127.0.0.1:" + freePort();
    var fresh = InProcess.run(environment(), dir, "doctor", "--addr", addr);
    assertThat(fresh.code()).as(fresh.out() + fresh.err()).isEqualTo(1);
    assertThat(fresh.out())
        .contains(
            "FAIL  no flightlog hooks in "
                + dir.resolve("claude/settings.json")
                + " — run: flightlog install --addr "
                + addr)
        .contains(
            "FAIL  no daemon at http://"
                + addr
                + " — start it: flightlog serve --addr "
                + addr
                + " (or once for good: flightlog install --service --addr "
                + addr
                + ")")
        .contains("ok    spool ")
        .contains("Claude Code deletes transcripts after 30 days (its default cleanupPeriodDays)")
        .endsWith("flightlog doctor: 2 check(s) failed.\n");

    assertThat(InProcess.run(environment(), dir, "install", "--addr", addr).code()).isZero();
    var installed = InProcess.run(environment(), dir, "doctor", "--addr", addr);
    assertThat(installed.out())
        .contains(
            "ok    hooks in " + dir.resolve("claude/settings.json") + " point at http://" + addr)
        .contains("ok    spooler " + dir.resolve("home/bin/flightlog-spool"))
        .endsWith("flightlog doctor: 1 check(s) failed.\n");
  }

  @Test
  void hooksPointingAtAnotherDaemonFail() throws IOException {
    assertThat(InProcess.run(environment(), dir, "install", "--addr", "127.0.0.1:4999").code())
        .isZero();
    var result = InProcess.run(environment(), dir, "doctor", "--addr", "127.0.0.1:" + freePort());
    assertThat(result.out()).contains("are incomplete or point at another daemon");
  }
}
