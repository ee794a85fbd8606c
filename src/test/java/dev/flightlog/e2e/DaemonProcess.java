package dev.flightlog.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code flightlog serve} as a real process, started the way a user (or the user service) starts
 * it, on this test's class path: it can be stopped with SIGTERM or killed with SIGKILL.
 */
public final class DaemonProcess implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A free loopback port (for the daemon and the hooks that point at it). */
  public static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code flightlog serve --addr 127.0.0.1:PORT --db DB} with the given environment and
   * waits until it says it is capturing.
   */
  public static DaemonProcess start(Map<String, String> environment, Path db, int port, Path log) {
    return start(List.of(), List.of(), environment, db, port, log);
  }

  /**
   * Like {@link #start(Map, Path, int, Path)}, with a command run in front of {@code java} (e.g.
   * {@code prlimit --fsize=N}, which then execs it) and more JVM options (e.g. {@code -Xmx128m}).
   */
  public static DaemonProcess start(
      List<String> prefix,
      List<String> jvmOptions,
      Map<String, String> environment,
      Path db,
      int port,
      Path log) {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<>(prefix);
    command.add(java);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.flightlog.cli.Main",
            "serve",
            "--addr",
            "127.0.0.1:" + port,
            "--db",
            db.toString(),
            "--scan-interval",
            "250"));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      long offset = Files.exists(log) ? Files.size(log) : 0;
      var process = builder.start();
      var daemon = new DaemonProcess(process, log);
      long deadline = System.nanoTime() + READY.toNanos();
      while (System.nanoTime() < deadline) {
        var text = daemon.output(offset);
        if (text.contains("flightlog serve: capturing on")) {
          return daemon;
        }
        if (!process.isAlive()) {
          throw new AssertionError(
              "flightlog serve exited with " + process.exitValue() + ":\n" + text);
        }
        Thread.sleep(50);
      }
      process.destroyForcibly();
      throw new AssertionError(
          "flightlog serve did not get ready in " + READY + ":\n" + daemon.output(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What the daemon printed since {@code offset} bytes into its log. */
  public String output(long offset) {
    try {
      var bytes = Files.readAllBytes(log);
      return new String(
          bytes,
          (int) Math.min(offset, bytes.length),
          (int) Math.max(0, bytes.length - offset),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Whether the daemon still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The daemon's log so far (what it printed since this log file was created). */
  public String output() {
    return output(0);
  }

  /** Waits up to {@code within} for the daemon to exit on its own; its exit code, or null. */
  public @Nullable Integer awaitExit(Duration within) {
    try {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** SIGTERM, and the exit code of the graceful stop. */
  public int stop() {
    process.destroy();
    return await();
  }

  /** SIGKILL: the daemon gets no chance to clean up. */
  public void kill() {
    process.destroyForcibly();
    await();
  }

  private int await() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("flightlog serve did not stop in 30 s:\n" + output(0));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      await();
    }
  }
}
