package dev.flightlog.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, as the daemon meets it: {@code flightlog serve} runs under {@code prlimit
 * --fsize=1500000} (RLIMIT_FSIZE: no file it writes may grow past 1.5 MB; the JVM ignores SIGXFSZ,
 * so SQLite's write gets EFBIG, as it would get ENOSPC on a full disk). Heavy ingest soon grows the
 * write-ahead log past the limit. The daemon must stay up, say once and clearly that it cannot
 * write, keep what waits, and when the limit is lifted ({@code prlimit --pid}) resume by itself and
 * store everything — every tool call, and every HTTP hook it answered, once.
 */
class FullDiskTest {

  private static final long LIMIT = 1_500_000;

  @TempDir Path dir;

  @Test
  void aDaemonThatCannotWriteWaitsSaysWhyAndCatchesUpWhenSpaceReturns() throws Exception {
    var rig = new Rig(dir);
    var daemon = rig.serve(List.of("prlimit", "--fsize=" + LIMIT + ":unlimited"));
    try (var workload = rig.workload(Rig.heavy(), 2)) {
      Rig.awaitLog(daemon, "cannot write to the database", Duration.ofSeconds(45));
      long full = System.nanoTime();
      Rig.sleep(2000);
      assertThat(daemon.isAlive()).as("still running while the disk is full").isTrue();
      assertThat(daemon.output())
          .as("said once, not per write")
          .containsOnlyOnce("cannot write to the database");
      lift(daemon.pid());
      Rig.awaitLog(daemon, "writing to the database works again", Duration.ofSeconds(30));
      long resumedMs = (System.nanoTime() - full) / 1_000_000;
      Rig.sleep(500);
      var truth = rig.finish(daemon, workload, true);
      Faults.record(
          "full_disk",
          "limit=%d calls=%d full_for_ms=%d message=%s"
              .formatted(
                  LIMIT,
                  truth.toolCalls.size(),
                  resumedMs,
                  Rig.line(daemon, "cannot write to the database")));
    } finally {
      daemon.close();
    }
  }

  /** Lifts the file size limit of a running process. */
  static void lift(long pid) throws IOException, InterruptedException {
    var process =
        new ProcessBuilder("prlimit", "--pid", String.valueOf(pid), "--fsize=unlimited")
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(
            new String(
                process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .isZero();
  }
}
