package dev.flightlog.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server's endpoints, each with its methods (one, but for {@link #LOGIN}); every other path is
 * {@link #OTHER}. {@link #REPORT} is every path under {@code /api/report/}, {@link #TOOL_CALL}
 * every path under {@code /api/tool_call/}, {@link #ASSET} every path under {@code /ui/}, and
 * {@link #PAGE} the dashboard's pages ({@link Dashboard#isPage}).
 */
enum Endpoint {
  HOOK("/hook", "hook", "POST"),
  OTLP_LOGS("/v1/logs", "otlp_logs", "POST"),
  OTLP_METRICS("/v1/metrics", "otlp_metrics", "POST"),
  EVENTS("/api/events", "events", "GET"),
  HEALTH("/api/health", "health", "GET"),
  REPORT("/api/report/", "report", "GET"),
  TOOL_CALL("/api/tool_call/", "tool_call", "GET"),
  PAGE("/", "page", "GET"),
  ASSET("/ui/", "asset", "GET"),
  LOGIN("/login", "login", "GET, POST"),
  OTHER("", "other", "");

  private final String path;
  private final String wireName;
  private final String method;

  Endpoint(String path, String wireName, String method) {
    this.path = path;
    this.wireName = wireName;
    this.method = method;
  }

  static Endpoint of(@Nullable String path) {
    if (path == null) {
      return OTHER;
    }
    for (var endpoint : values()) {
      if (endpoint != OTHER && endpoint != PAGE && endpoint.path.equals(path)) {
        return endpoint;
      }
    }
    for (var prefixed : List.of(REPORT, TOOL_CALL, ASSET)) {
      if (path.startsWith(prefixed.path)) {
        return prefixed;
      }
    }
    return Dashboard.isPage(path) ? PAGE : OTHER;
  }

  String path() {
    return path;
  }

  /** The endpoint's name in the counters of {@code /api/health}. */
  String wireName() {
    return wireName;
  }

  /** The methods the endpoint answers, as the {@code Allow} header lists them. */
  String method() {
    return method;
  }

  boolean allows(String requestMethod) {
    return List.of(method.split(", ", -1)).contains(requestMethod);
  }

  boolean isOtlp() {
    return this == OTLP_LOGS || this == OTLP_METRICS;
  }
}
