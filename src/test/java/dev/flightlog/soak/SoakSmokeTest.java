package dev.flightlog.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak ({@link Soak}) for 20 s with 20 agents, the dashboard open when Chromium is installed:
 * nothing written may be missing or doubled, the database must be whole, the daemon must stop
 * cleanly, and the dashboard must log no error. Long enough to cross a few sample intervals and the
 * spool's and follower's batching; the 10-minute run is docs/benchmarks.md, "Load and soak".
 */
class SoakSmokeTest {

  @TempDir Path dir;

  @Test
  void twentyAgentsForTwentySecondsLoseAndDoubleNothing() throws Exception {
    var result =
        Soak.run(
            new Soak.Options(
                20,
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                true,
                dir));
    System.out.println(result.report());
    assertThat(result.written()).as(result.report()).isGreaterThan(200);
    assertThat(result.missing()).as(result.report()).isZero();
    assertThat(result.duplicates()).as(result.report()).isZero();
    assertThat(result.integrity()).isEqualTo("ok");
    assertThat(result.exitCode()).isZero();
    assertThat(result.httpFailed()).as("hooks the daemon did not answer").isZero();
    assertThat(result.endToEndSeen()).as("calls seen on /api/events").isEqualTo(result.written());
    assertThat(result.browserProblems()).isEmpty();
    assertThat(result.samples()).hasSizeGreaterThanOrEqualTo(4);
  }
}
