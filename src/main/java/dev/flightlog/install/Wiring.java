package dev.flightlog.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code flightlog install} connects Claude Code to: the daemon's address, the spooler's
 * command line, and whether every event goes through the spooler ({@code durable}) and whether
 * Claude Code's OpenTelemetry export is switched on ({@code otel}).
 */
public record Wiring(String addr, String spoolerCommand, boolean durable, boolean otel) {

  /** The daemon's default listen address, and so the default target of the hooks. */
  public static final String DEFAULT_ADDR = "127.0.0.1:4780";

  /** Seconds Claude Code waits for the daemon's answer to an HTTP hook. */
  static final int HTTP_TIMEOUT_SECONDS = 5;

  /** Seconds Claude Code gives the spooler (it takes milliseconds; this bounds a stuck disk). */
  static final int COMMAND_TIMEOUT_SECONDS = 10;

  private static final Pattern ADDR =
      Pattern.compile("(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(?<port>[0-9]{1,5})");

  public Wiring {
    checkAddr(addr);
    Objects.requireNonNull(spoolerCommand, "spoolerCommand");
    if (spoolerCommand.isBlank()) {
      throw new IllegalArgumentException("the spooler command is empty");
    }
  }

  /**
   * Checks a HOST:PORT address.
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  public static void checkAddr(String addr) {
    var match = ADDR.matcher(addr);
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "expected HOST:PORT (e.g. " + DEFAULT_ADDR + " or [::1]:4780), got '" + addr + "'");
    }
    int port = Integer.parseInt(match.group("port"));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "the port must be between 1 and 65535, got " + port + " in '" + addr + "'");
    }
  }

  /** The URL Claude Code POSTs hook payloads to. */
  public static String hookUrl(String addr) {
    return "http://" + addr + "/hook";
  }

  /** The OTLP/HTTP endpoint (Claude Code appends {@code /v1/logs} and {@code /v1/metrics}). */
  public static String otlpEndpoint(String addr) {
    return "http://" + addr;
  }

  public String hookUrl() {
    return hookUrl(addr);
  }

  /** The events delivered over HTTP, in Claude Code's order. */
  public List<HookEvent> httpEvents() {
    var events = new ArrayList<HookEvent>();
    for (var event : HookEvent.values()) {
      if (!spooled(event)) {
        events.add(event);
      }
    }
    return events;
  }

  /** The events delivered through the spooler, in Claude Code's order. */
  public List<HookEvent> spooledEvents() {
    var events = new ArrayList<HookEvent>();
    for (var event : HookEvent.values()) {
      if (spooled(event)) {
        events.add(event);
      }
    }
    return events;
  }

  /** Whether the event goes through the spooler: always where HTTP cannot carry it. */
  public boolean spooled(HookEvent event) {
    return durable || !event.httpSupported();
  }

  /**
   * The environment that makes Claude Code export OTLP logs and metrics to the daemon, in the order
   * it is written.
   */
  public java.util.SequencedMap<String, String> otelEnvironment() {
    var env = new java.util.LinkedHashMap<String, String>();
    env.put("CLAUDE_CODE_ENABLE_TELEMETRY", "1");
    env.put("OTEL_LOGS_EXPORTER", "otlp");
    env.put("OTEL_METRICS_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint(addr));
    env.put("OTEL_LOG_TOOL_DETAILS", "1");
    env.put("OTEL_LOGS_EXPORT_INTERVAL", "1000");
    env.put("OTEL_METRIC_EXPORT_INTERVAL", "10000");
    return env;
  }
}
