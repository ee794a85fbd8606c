package dev.flightlog.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** What the fault tests share: the switch for their long variants, and where figures go. */
final class Faults {
  private Faults() {}

  /** {@code -Dflightlog.faults.long=true}: more kill rounds, bigger floods. */
  static final boolean LONG = Boolean.getBoolean("flightlog.faults.long");

  /**
   * Prints a figure of a fault test and appends it to {@code target/fault-figures.txt}, for
   * docs/benchmarks.md ("Fault injection").
   */
  static void record(String test, String figures) {
    var line = Instant.now() + " " + test + " " + figures;
    System.out.println("[fault figures] " + line);
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(
          Path.of("target", "fault-figures.txt"),
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
