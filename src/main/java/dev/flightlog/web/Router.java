package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every request passes here: the Host allow-list (DNS rebinding), the size of its URL and headers,
 * the access token when one is configured (all but {@code /login}), the route and its method, the
 * Origin check (any method), then the endpoint. This is the one place where a refusal becomes a
 * status, a body and a counter (PRODUCT.md §7; see RATIONALE.md, "HTTP surface").
 */
final class Router implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(Router.class.getName());

  /** Request bodies of the GET endpoints, which have no use for one. */
  static final int GET_MAX_BYTES = 64 << 10;

  /** The longest request target (path and query), in characters; longer ones get 414. */
  static final int URI_MAX_CHARS = 8 << 10;

  /** The most query parameters a request may have; more get 400. */
  static final int MAX_QUERY_PARAMETERS = 64;

  /**
   * The largest request header section (each field's name and value, plus 32 bytes per field as
   * HTTP/2 counts them); larger ones get 431. The JDK server closes the connection without an
   * answer past {@link Server#JDK_MAX_HEADER_BYTES}.
   */
  static final int HEADERS_MAX_BYTES = 16 << 10;

  /** The cookie {@code /login} sets: the access token, for the dashboard in a browser. */
  static final String COOKIE = "flightlog_token";

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
  private final byte @Nullable [] token;
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
  private final Handler login;

  /**
   * @param hosts the allowed Host header values, lower case ({@code host:port})
   * @param access the token every request needs, if any, and whether browsers see HTTPS
   */
  Router(
      Set<String> hosts,
      Access access,
      Traffic traffic,
      Handler hook,
      Handler otlpLogs,
      Handler otlpMetrics,
      Handler events,
      Handler health,
      Handler report,
      Handler toolCall,
      Handler dashboard,
      Handler login) {
    this.hosts = Set.copyOf(hosts);
    var schemes = access.secure() ? List.of("http://", "https://") : List.of("http://");
    this.origins =
        hosts.stream()
            .flatMap(host -> schemes.stream().map(scheme -> scheme + host))
            .collect(java.util.stream.Collectors.toSet());
    var secret = access.token();
    this.token = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
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
    this.login = login;
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
      checkSize(exchange);
      if (endpoint != Endpoint.LOGIN) {
        checkToken(exchange);
      }
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

  /** Refuses a request target or header section too large to be a request of flightlog's. */
  private static void checkSize(HttpExchange exchange) {
    var uri = exchange.getRequestURI();
    var target = uri.getRawPath() == null ? "" : uri.getRawPath();
    var query = uri.getRawQuery();
    long length = target.length() + (query == null ? 0 : query.length() + 1L);
    if (length > URI_MAX_CHARS) {
      throw new Rejection(
          Rejection.Reason.URI_TOO_LONG,
          "request target of " + length + " characters exceeds " + Bodies.size(URI_MAX_CHARS));
    }
    if (query != null && query.chars().filter(c -> c == '&').count() >= MAX_QUERY_PARAMETERS) {
      throw new Rejection(
          Rejection.Reason.MALFORMED,
          "too many query parameters (at most " + MAX_QUERY_PARAMETERS + ")");
    }
    long headerBytes = 0;
    for (var field : exchange.getRequestHeaders().entrySet()) {
      for (var value : field.getValue()) {
        headerBytes += field.getKey().length() + value.length() + 32L;
      }
    }
    if (headerBytes > HEADERS_MAX_BYTES) {
      throw new Rejection(
          Rejection.Reason.HEADERS_TOO_LARGE,
          "request headers exceed " + Bodies.size(HEADERS_MAX_BYTES));
    }
  }

  /**
   * With an access token configured, refuses a request that carries it neither as {@code
   * Authorization: Bearer TOKEN} nor in the cookie {@code /login} sets. Compared in constant time.
   */
  private void checkToken(HttpExchange exchange) {
    var expected = token;
    if (expected == null) {
      return;
    }
    var headers = exchange.getRequestHeaders();
    var authorization = headers.getFirst("Authorization");
    if (authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && matches(expected, authorization.substring(7).strip())) {
      return;
    }
    for (var cookies : headers.getOrDefault("Cookie", List.of())) {
      for (var cookie : cookies.split(";", -1)) {
        var pair = cookie.strip();
        if (pair.startsWith(COOKIE + "=")
            && matches(expected, pair.substring(COOKIE.length() + 1))) {
          return;
        }
      }
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"flightlog\"");
    throw new Rejection(
        Rejection.Reason.UNAUTHORIZED,
        authorization == null
            ? "access token required: send Authorization: Bearer TOKEN (browsers: sign in at"
                + " /login)"
            : "wrong access token");
  }

  /** Whether {@code given} is the token, in time independent of where they differ. */
  static boolean matches(byte[] token, String given) {
    return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private Handler route(Endpoint endpoint, HttpExchange exchange) {
    if (endpoint == Endpoint.OTHER) {
      throw new Rejection(
          Rejection.Reason.NOT_FOUND, "not found: " + exchange.getRequestURI().getRawPath());
    }
    var method = exchange.getRequestMethod();
    if (!endpoint.allows(method)) {
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
      case LOGIN -> login;
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
