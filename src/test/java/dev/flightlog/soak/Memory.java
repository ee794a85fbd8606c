package dev.flightlog.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The memory of another process on this machine: its RSS from /proc, its Java heap from jcmd. */
public final class Memory {
  private Memory() {}

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /** VmRSS of a process in KB (0 once it is gone, or off Linux). */
  public static long rssKb(long pid) {
    try {
      for (var line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** The live heap in KB: {@code jcmd PID GC.run} (a full collection), then {@link #heapUsedKb}. */
  public static long liveHeapKb(long pid) {
    var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      var process =
          new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return -1;
      }
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    return heapUsedKb(pid);
  }

  /**
   * The Java heap in use in a JVM, in KB, as {@code jcmd PID GC.heap_info} reports it (the sum of
   * every "used" of its first lines: the generations of the serial collector, or G1's heap); -1
   * when it cannot be read.
   */
  public static long heapUsedKb(long pid) {
    var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      var process =
          new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return -1;
      }
      long used = 0;
      boolean any = false;
      for (var line : out.lines().toList()) {
        var trimmed = line.strip();
        // Serial: "DefNew total …, used NK" and "Tenured total …, used NK" (JDK 25; "def new
        // generation" and "tenured generation" before); G1: "garbage-first heap …, used NK".
        // Metaspace lines are not the heap.
        if (trimmed.startsWith("DefNew")
            || trimmed.startsWith("Tenured")
            || trimmed.startsWith("def new generation")
            || trimmed.startsWith("tenured generation")
            || trimmed.startsWith("garbage-first heap")) {
          var m = USED.matcher(trimmed);
          if (m.find()) {
            used += Long.parseLong(m.group(1));
            any = true;
          }
        }
      }
      return any ? used : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
