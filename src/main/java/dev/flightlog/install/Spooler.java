package dev.flightlog.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * The command-hook spooler: a POSIX shell script that Claude Code runs for the events HTTP cannot
 * carry (and for every event with {@code --durable}). It copies the hook payload from stdin into
 * the spool directory with the spool's protocol (write {@code .<pid>-<n>.tmp} with noclobber, then
 * rename it to {@code <pid>-<n>.json}), prints nothing and exits 0 whatever happens, so it can
 * neither block nor break the agent. It writes with {@code umask 077} and never through a symbolic
 * link: names where a link is are skipped, and noclobber creates the temp file exclusively (a link
 * planted in its place between the check and the write fails the write, losing that one payload,
 * never writing elsewhere). On the usual path it starts two programs, {@code cat} and {@code mv};
 * {@code mkdir} only when the spool directory is missing, {@code rm} only on failure.
 *
 * <p>The name {@code <pid>-<n>} can never be one a file still waiting in the spool has: only one
 * live process has a given PID, and {@code n} counts past any leftover of an earlier process with
 * the same PID.
 */
public final class Spooler {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Spooler() {}

  /** The script, with the spool directory's absolute path written into it. */
  public static String script(Path spoolDir) {
    return """
        #!/bin/sh
        # flightlog command-hook spooler, written by `flightlog install` (it is rewritten there).
        # Claude Code runs it with a hook payload on stdin; it leaves the payload in the spool
        # directory for the flightlog daemon, prints nothing and always exits 0.
        command exec >/dev/null 2>&1
        umask 077
        d=%s
        [ -d "$d" ] || mkdir -p "$d" || exit 0
        # A name no waiting file has: this PID, and a counter past leftovers of a reused PID.
        set -C
        n=0
        # -L too: a dangling symbolic link is not -e, and is never written through.
        while [ -e "$d/$$-$n.json" ] || [ -L "$d/$$-$n.json" ] ||
          [ -e "$d/.$$-$n.tmp" ] || [ -L "$d/.$$-$n.tmp" ]; do n=$((n + 1)); done
        t="$d/.$$-$n.tmp"
        command exec 3>"$t" || exit 0
        trap 'rm -f "$t"; exit 0' HUP INT TERM
        if cat >&3 && [ -s "$t" ]; then
          mv -f "$t" "$d/$$-$n.json" || rm -f "$t"
        else
          rm -f "$t"
        fi
        exit 0
        """
        .formatted(quote(spoolDir.toAbsolutePath().normalize().toString()));
  }

  /**
   * Writes the script to {@code script} (owner-executable), replacing an older one in one step, and
   * creates the spool directory (owner-only: payloads may hold secrets).
   *
   * @throws InstallException when either cannot be written
   */
  public static void write(Path script, Path spoolDir) {
    var dir =
        java.util.Objects.requireNonNull(script.toAbsolutePath().getParent(), "a file's folder");
    Path temp = null;
    try {
      Files.createDirectories(dir);
      if (!Files.isDirectory(spoolDir)) {
        // Owner-only from the start: the umask can only take bits away from what is asked.
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(
              spoolDir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(spoolDir);
        }
      }
      temp = Files.createTempFile(dir, ".flightlog-spool-", ".tmp");
      Files.writeString(temp, script(spoolDir), StandardCharsets.UTF_8);
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx------"));
      }
      Files.move(temp, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (IOException e) {
      throw new InstallException("cannot write the spooler " + script + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // best effort
        }
      }
    }
  }

  /** The command line Claude Code runs (through a shell) to start the script. */
  public static String command(Path script) {
    return quote(script.toAbsolutePath().normalize().toString());
  }

  /** A string as one POSIX shell word: as it is when plain, else in single quotes. */
  static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
