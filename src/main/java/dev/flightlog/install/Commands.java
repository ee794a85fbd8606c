package dev.flightlog.install;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs the platform's service tools ({@code systemctl}, {@code launchctl}): each program is looked
 * up on a search path given here (tests put a fake script first), run with a time limit, and its
 * exit code and output returned, never thrown.
 */
public final class Commands {

  /** How one command went: not found, or its exit code and combined output. */
  public record Result(List<String> command, boolean found, int exitCode, String output) {
    public Result {
      command = List.copyOf(command);
    }

    public boolean ok() {
      return found && exitCode == 0;
    }

    /** The command and its outcome, in words, e.g. for an error message. */
    public String describe() {
      var line = String.join(" ", command);
      if (!found) {
        return line + ": " + command.getFirst() + " not found";
      }
      var first = output.strip().lines().findFirst().orElse("");
      return line
          + (exitCode == 0 ? ": ok" : " failed (exit " + exitCode + ")")
          + (first.isEmpty() ? "" : ": " + first);
    }
  }

  private final List<Path> searchPath;
  private final Duration timeout;

  public Commands(List<Path> searchPath, Duration timeout) {
    this.searchPath = List.copyOf(searchPath);
    this.timeout = timeout;
  }

  /** The search path from a {@code PATH}-style variable (empty or null: none). */
  public static Commands onPath(@Nullable String path, Duration timeout) {
    var dirs = new ArrayList<Path>();
    if (path != null) {
      for (var dir : path.split(java.util.regex.Pattern.quote(File.pathSeparator), -1)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    return new Commands(dirs, timeout);
  }

  /** The program's executable on the search path, or null. */
  public @Nullable Path find(String program) {
    for (var dir : searchPath) {
      var candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs {@code program args…}; stdin is empty, stdout and stderr are collected together. */
  public Result run(List<String> command) {
    var program = find(command.getFirst());
    if (program == null) {
      return new Result(command, false, -1, "");
    }
    var argv = new ArrayList<>(command);
    argv.set(0, program.toString());
    Process process;
    try {
      process =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
    } catch (IOException e) {
      return new Result(command, true, -1, "cannot start: " + e.getMessage());
    }
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var output = executor.submit(() -> read(process.getInputStream()));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(command, true, -1, "timed out after " + timeout.toSeconds() + " s");
      }
      return new Result(command, true, process.exitValue(), output.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(command, true, -1, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      return new Result(command, true, process.exitValue(), "");
    }
  }

  private static String read(InputStream in) {
    try (in) {
      var bytes = in.readNBytes(64 * 1024);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
