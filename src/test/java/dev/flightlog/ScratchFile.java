package dev.flightlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file in a fresh temporary folder, both deleted when the JVM exits: for fuzz tests that write
 * every input to one file (a folder per input would cost more than what is tested).
 */
public final class ScratchFile {
  private ScratchFile() {}

  /** {@code name} in a new temporary folder whose name starts with {@code prefix}. */
  public static Path create(String prefix, String name) {
    try {
      var dir = Files.createTempDirectory(prefix);
      dir.toFile().deleteOnExit();
      var file = dir.resolve(name);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
