package dev.flightlog;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference samples beside the repository: transcripts, hooks and telemetry that real Claude
 * Code runs wrote, each scenario with its ground truth. They live in {@code ../shared} (the {@code
 * flightlog.shared} system property), which a user's clone does not have: there the tests that need
 * them are skipped. In CI a skipped test counts as a failure, so there their absence fails instead.
 */
public final class SharedSamples {
  private SharedSamples() {}

  /** Where the Claude Code samples are expected, whether or not they are there. */
  public static Path claudeSamplesLocation() {
    return Path.of(System.getProperty("flightlog.shared", "../shared"))
        .resolve("reference/samples/claude");
  }

  /**
   * The Claude Code samples' directory (one folder per scenario); aborts the calling test when it
   * is absent, or fails it under CI ({@code CI=true}).
   */
  public static Path claudeSamples() {
    var samples = claudeSamplesLocation();
    if (!Files.isDirectory(samples)) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(
            "../shared/reference/samples is required under CI but is absent (looked in "
                + samples.toAbsolutePath().normalize()
                + ")");
      }
      Assumptions.abort(
          "../shared/reference/samples absent (as on a user's clone): skipping this test on real"
              + " Claude Code transcripts (looked in "
              + samples.toAbsolutePath().normalize()
              + ")");
    }
    return samples;
  }
}
