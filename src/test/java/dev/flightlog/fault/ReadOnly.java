package dev.flightlog.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a folder read-only for the daemon, and writable again on {@link #restore}. As root (for
 * whom permissions are no obstacle) the folder is bind-mounted read-only over itself, which Linux
 * allows only while no file in it is open for writing; otherwise its permissions lose their write
 * bits.
 */
final class ReadOnly {

  private final Path dir;
  private final boolean mounted;

  private ReadOnly(Path dir, boolean mounted) {
    this.dir = dir;
    this.mounted = mounted;
  }

  static ReadOnly make(Path dir) {
    if (root()) {
      var bind = run("mount", "--bind", dir.toString(), dir.toString());
      Assumptions.assumeTrue(
          bind.isEmpty(), "running as root, but mount --bind is not allowed here: " + bind);
      // Busy while a file in it is open for writing (a spooler mid-write): try again shortly.
      var ro = run("mount", "-o", "remount,bind,ro", dir.toString());
      for (int attempt = 0; !ro.isEmpty() && attempt < 100; attempt++) {
        Rig.sleep(20);
        ro = run("mount", "-o", "remount,bind,ro", dir.toString());
      }
      if (!ro.isEmpty()) {
        run("umount", dir.toString());
        throw new AssertionError("cannot remount " + dir + " read-only: " + ro);
      }
      return new ReadOnly(dir, true);
    }
    permissions(dir, "r-xr-xr-x");
    return new ReadOnly(dir, false);
  }

  void restore() {
    if (mounted) {
      // Busy while the daemon lists the folder (every poll): try again shortly.
      var out = run("umount", dir.toString());
      for (int attempt = 0; !out.isEmpty() && attempt < 100; attempt++) {
        Rig.sleep(20);
        out = run("umount", dir.toString());
      }
      if (!out.isEmpty()) {
        throw new AssertionError("cannot unmount " + dir + ": " + out);
      }
    } else {
      permissions(dir, "rwx------");
    }
  }

  private static void permissions(Path dir, String permissions) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean root() {
    return "0".equals(run("id", "-u").strip());
  }

  /** Runs a command; its output when it failed (or, for {@code id}, always), else "". */
  private static String run(String... command) {
    try {
      var process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "timed out: " + String.join(" ", command);
      }
      var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (command[0].equals("id")) {
        return out;
      }
      return process.exitValue() == 0 ? "" : "exit " + process.exitValue() + ": " + out;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
