package dev.flightlog.fault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.soak.Memory;
import dev.flightlog.spool.Spool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spool flooded while the daemon was down: 100,000 payloads (PreToolUse and PostToolUse of 50,000
 * tool calls, the durable mode's files) written with the spooler's protocol, then {@code flightlog
 * serve} started with the launcher's heap ({@code -Xmx128m}). It must drain them all without
 * running out of memory, store every payload and every tool call once, and leave the spool empty.
 * 10,000 files in the default run; 100,000 with {@code -Dflightlog.faults.long=true} (or {@code
 * -Dflightlog.faults.spool=N}).
 */
class SpoolFloodTest {

  private static final int FILES =
      Integer.getInteger("flightlog.faults.spool", Faults.LONG ? 100_000 : 10_000);

  @TempDir Path dir;

  @Test
  void aFloodedSpoolIsDrainedWholeWithBoundedMemory() throws IOException {
    var rig = new Rig(dir);
    var spool = new Spool(rig.home.resolve("spool"));
    var ids = new HashSet<String>();
    long writeStart = System.nanoTime();
    for (int i = 0; i < FILES / 2; i++) {
      // Sessions of 50 calls: the derived tables are recomputed per session changed.
      var session = "5f000000-0000-4000-8000-%012d".formatted(i / 50);
      var id = "toolu_flood_%07d".formatted(i);
      ids.add(id);
      var tool =
          """
          "session_id":"%s","transcript_path":"%s","cwd":"/home/dev/flood",\
          "prompt_id":"p-flood","permission_mode":"default","tool_name":"Bash",\
          "tool_input":{"command":"echo flood %d","description":"flood"},"tool_use_id":"%s"\
          """
              .formatted(
                  session, rig.projects.resolve("-home-dev-flood/" + session + ".jsonl"), i, id);
      assertThat(spool.write(("{\"hook_event_name\":\"PreToolUse\"," + tool + "}").getBytes(UTF_8)))
          .isTrue();
      assertThat(
              spool.write(
                  ("{\"hook_event_name\":\"PostToolUse\","
                          + tool
                          + ",\"tool_response\":{\"stdout\":\"flood\",\"stderr\":\"\","
                          + "\"interrupted\":false},\"duration_ms\":7}")
                      .getBytes(UTF_8)))
          .isTrue();
    }
    long writeMs = (System.nanoTime() - writeStart) / 1_000_000;
    assertThat(rig.spoolBacklog()).isEqualTo(FILES);

    long start = System.nanoTime();
    var daemon =
        dev.flightlog.e2e.DaemonProcess.start(
            List.of(),
            List.of("-Xmx128m", "-XX:+UseSerialGC"),
            rig.environment(),
            rig.db,
            rig.port,
            rig.log);
    long peakRss = 0;
    try {
      long deadline = System.nanoTime() + Rig.SETTLE.toNanos() * (Faults.LONG ? 5 : 1);
      long stored = 0;
      while (System.nanoTime() < deadline) {
        peakRss = Math.max(peakRss, Memory.rssKb(daemon.pid()));
        stored = rig.count("SELECT COUNT(*) FROM hook_events");
        if (stored == FILES && rig.spoolBacklog() == 0) {
          break;
        }
        Rig.sleep(250);
      }
      long drainMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(stored).as("payloads stored").isEqualTo(FILES);
      assertThat(rig.spoolBacklog()).as("spool backlog").isZero();
      assertThat(daemon.isAlive()).isTrue();
      assertThat(daemon.stop()).as(daemon.output()).isZero();
      rig.assertWhole();
      var calls = rig.rows("SELECT tool_use_id FROM tool_calls");
      Rig.assertSameOnce("tool calls", calls, ids);
      assertThat(rig.count("SELECT COUNT(*) FROM tool_calls WHERE status <> 'ok'")).isZero();
      assertThat(daemon.output()).doesNotContain("SEVERE").doesNotContain("OutOfMemoryError");
      assertThat(peakRss).as("peak RSS, KB").isLessThan(300_000);
      Faults.record(
          "spool_flood",
          "files=%d write_ms=%d start_to_drained_ms=%d files_per_s=%d peak_rss_mb=%d"
              .formatted(
                  FILES, writeMs, drainMs, FILES * 1000L / Math.max(1, drainMs), peakRss / 1024));
    } finally {
      daemon.close();
    }
  }
}
