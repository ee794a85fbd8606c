package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Set;

/**
 * Every request passes here: the Host allow-list (DNS rebinding), the route and its method, the
 * Origin check (any method), then the endpoint. This is the one place where a refusal becomes a
 * status, a body and a counter (PRODUCT.md §7; see RATIONALE.md, "HTTP surface").
 */
final class Router implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  /** Request bodies of the GET endpoints, which have no use for one. */
  static final int GET_MAX_BYTES = 64 << 10;

  static final String JSON = "application/json";

  /**
   * Sent with every response, pages and API alike (PRODUCT.md §7): scripts, styles, images and
   * connections from this origin only; no inline script or style, no {@code eval}, no plugins, no
   * framing, no {@code <base>}, forms post only here. The dashboard builds its DOM with {@code
   * textContent} and {@code createElement}, which this allows; an injected {@code <script>} or
   * {@code onerror=} would be refused by the browser even if one got through.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  static final String PROTOBUF = "application/x-protobuf";

  /** An endpoint's work once the request passed the checks. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final Set<String> hosts;
  private final Set<String> origins;
  private final String hostHint;
  private final Traffic traffic;
  private final Handler hook;
  private final Handler otlpLogs;
  private final Handler otlpMetrics;
  private final Handler events;
  private final Handler health;
  private final Handler report;
  private final Handler toolCall;
  private final Handler dashboard;

  /**
   * @param hosts the allowed Host header values, lower case ({@code host:port})
   */
  Router(
      Set<String> hosts,
      Traffic traffic,
      Handler hook,
      Handler otlpLogs,
      Handler otlpMetrics,
      Handler events,
      Handler health,
      Handler report,
      Handler toolCall,
      Handler dashboard) {
    this.hosts = Set.copyOf(hosts);
    this.origins =
        hosts.stream().map(host -> "http://" + host).collect(java.util.stream.Collectors.toSet());
    this.hostHint = String.join(" or ", hosts.stream().sorted().toList());
    this.traffic = traffic;
    this.hook = hook;
    this.otlpLogs = otlpLogs;
    this.otlpMetrics = otlpMetrics;
    this.events = events;
    this.health = health;
    this.report = report;
    this.toolCall = toolCall;
    this.dashboard = dashboard;
  }

  @Override
  public void handle(HttpExchange exchange) {
    var endpoint = Endpoint.of(exchange.getRequestURI().getRawPath());
    var headers = exchange.getResponseHeaders();
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    try {
      checkHost(exchange);
      route(endpoint, exchange).handle(exchange);
    } catch (Rejection rejection) {
      traffic.rejected(endpoint, rejection.reason().wireName());
      refuse(exchange, endpoint, rejection);
    } catch (IOException e) {
      // The client went away mid-request or mid-response; there is nobody left to answer.
      LOG.log(Level.DEBUG, () -> "connection lost on " + endpoint.path() + ": " + e);
      exchange.close();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "request to " + exchange.getRequestURI().getRawPath() + " failed", e);
      var internal =
          new Rejection(Rejection.Reason.INTERNAL, "internal error (see the daemon log)");
      traffic.rejected(endpoint, internal.reason().wireName());
      refuse(exchange, endpoint, internal);
    }
  }

  private void checkHost(HttpExchange exchange) {
    var host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !hosts.contains(host.strip().toLowerCase(Locale.ROOT))) {
      throw new Rejection(
          Rejection.Reason.HOST_NOT_ALLOWED,
          "host not allowed: '" + (host == null ? "" : host) + "' (use " + hostHint + ")");
    }
  }

  private Handler route(Endpoint endpoint, HttpExchange exchange) {
    if (endpoint == Endpoint.OTHER) {
      throw new Rejection(
          Rejection.Reason.NOT_FOUND, "not found: " + exchange.getRequestURI().getRawPath());
    }
    var method = exchange.getRequestMethod();
    if (!endpoint.method().equals(method)) {
      exchange.getResponseHeaders().set("Allow", endpoint.method());
      throw new Rejection(
          Rejection.Reason.METHOD_NOT_ALLOWED,
          "method "
              + method
              + " not allowed on "
              + exchange.getRequestURI().getRawPath()
              + " (use "
              + endpoint.method()
              + ")");
    }
    // Every method, not only writes: a page of another origin gets neither our data (no CORS
    // headers are ever sent) nor the side effects of a read. Same-origin requests carry no Origin
    // or our own.
    var origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !origins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
      throw new Rejection(
          Rejection.Reason.ORIGIN_NOT_ALLOWED, "origin not allowed: '" + origin + "'");
    }
    return switch (endpoint) {
      case HOOK -> hook;
      case OTLP_LOGS -> otlpLogs;
      case OTLP_METRICS -> otlpMetrics;
      case EVENTS -> events;
      case HEALTH -> health;
      case REPORT -> report;
      case TOOL_CALL -> toolCall;
      case PAGE, ASSET -> dashboard;
      case OTHER -> throw new IllegalStateException("routed above");
    };
  }

  /**
   * Answers a refusal: OTLP endpoints with a {@code google.rpc.Status} in the request's encoding
   * (as the OTLP/HTTP specification asks), every other endpoint with {@code {"error": …}}.
   */
  private static void refuse(HttpExchange exchange, Endpoint endpoint, Rejection rejection) {
    var reason = rejection.reason();
    var message = rejection.message();
    if (reason == Rejection.Reason.TOO_LARGE) {
      // The rest of the body is not read; the connection cannot carry another request.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    try {
      if (endpoint.isOtlp() && PROTOBUF.equals(Bodies.mediaType(exchange))) {
        respond(
            exchange, reason.status(), PROTOBUF, OtlpEndpoint.status(reason.grpcCode(), message));
      } else if (endpoint.isOtlp()) {
        respond(
            exchange,
            reason.status(),
            JSON,
            Json.bytes(
                generator -> {
                  generator.writeStartObject();
                  generator.writeNumberField("code", reason.grpcCode());
                  generator.writeStringField("message", message);
                  generator.writeEndObject();
                }));
      } else {
        respond(exchange, reason.status(), JSON, Json.error(message));
      }
    } catch (IOException | RuntimeException e) {
      // Headers already sent (a stream that failed half-way) or the client is gone.
      LOG.log(Level.DEBUG, () -> "cannot answer " + reason.status() + ": " + e);
      exchange.close();
    }
  }

  /** Sends a whole response and closes the exchange. */
  static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      // Refused (no endpoint answers HEAD): the status and headers without the body.
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
