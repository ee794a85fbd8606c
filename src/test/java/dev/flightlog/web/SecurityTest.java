package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.live.Broker;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §7: Host allow-list, Origin on every request, no CORS, safe headers, loopback only.
 */
class SecurityTest {

  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private static RawHttp.Response request(
      Running running, String method, String path, @Nullable String host, @Nullable String origin)
      throws Exception {
    try (var client = running.client()) {
      var headers = new HashMap<String, @Nullable String>();
      headers.put("Host", host);
      if (origin != null) {
        headers.put("Origin", origin);
      }
      if (method.equals("POST")) {
        headers.put("Content-Type", "application/json");
      }
      return client.exchange(method, path, headers, method.equals("POST") ? BODY : new byte[0]);
    }
  }

  @Test
  void onlyTheBoundHostAndLoopbackNamesOnItsPortAreAllowed() throws Exception {
    try (var running = Running.start()) {
      int port = running.port();
      for (var host :
          new String[] {
            "127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port
          }) {
        assertThat(request(running, "POST", "/hook", host, null).status())
            .as("Host %s", host)
            .isEqualTo(200);
        assertThat(request(running, "GET", "/api/health", host, null).status()).isEqualTo(200);
      }
      var allowed = "127.0.0.1:" + port + " or [::1]:" + port + " or localhost:" + port;
      for (var host :
          new String[] {
            "evil.example:" + port, "127.0.0.1:" + (port + 1), "127.0.0.1", "localhost"
          }) {
        for (var method : new String[] {"POST", "GET"}) {
          var path = method.equals("POST") ? "/hook" : "/api/health";
          var response = request(running, method, path, host, null);
          assertThat(response.status()).as("%s %s with Host %s", method, path, host).isEqualTo(403);
          assertThat(response.text())
              .isEqualTo("{\"error\":\"host not allowed: '" + host + "' (use " + allowed + ")\"}");
        }
      }
      var missing = request(running, "GET", "/api/events", null, null);
      assertThat(missing.status()).isEqualTo(403);
      assertThat(missing.text()).startsWith("{\"error\":\"host not allowed: '' (use ");
      // A rebinding attack never reaches an endpoint, not even a 404.
      assertThat(request(running, "GET", "/nope", "evil.example:" + port, null).status())
          .isEqualTo(403);
      assertThat(running.receivers.hooks).hasSize(4);
      assertThat(running.rejected("hook", "host_not_allowed")).isEqualTo(4);
      assertThat(running.rejected("health", "host_not_allowed")).isEqualTo(4);
      assertThat(running.rejected("events", "host_not_allowed")).isEqualTo(1);
    }
  }

  @Test
  void aRequestFromAnotherOriginIsRefusedAndNoResponseCarriesCorsHeaders() throws Exception {
    try (var running = Running.start()) {
      int port = running.port();
      var host = "127.0.0.1:" + port;
      for (var origin :
          new String[] {
            "http://evil.example", "null", "https://127.0.0.1:" + port, "http://127.0.0.1:1"
          }) {
        var response = request(running, "POST", "/hook", host, origin);
        assertThat(response.status()).as("Origin %s", origin).isEqualTo(403);
        assertThat(response.text())
            .isEqualTo("{\"error\":\"origin not allowed: '" + origin + "'\"}");
        assertThat(response.headers().keySet())
            .noneMatch(name -> name.startsWith("access-control"));
      }
      for (var origin : new String[] {"http://127.0.0.1:" + port, "http://localhost:" + port}) {
        assertThat(request(running, "POST", "/hook", host, origin).status()).isEqualTo(200);
      }
      // Reads from another origin are refused too (pages, API and stream alike), and never carry
      // CORS headers; same-origin reads (no Origin, or ours) pass.
      for (var path : new String[] {"/api/health", "/", "/api/events"}) {
        var read = request(running, "GET", path, host, "http://evil.example");
        assertThat(read.status()).as(path).isEqualTo(403);
        assertThat(read.headers().keySet()).noneMatch(name -> name.startsWith("access-control"));
      }
      assertThat(request(running, "GET", "/", host, "http://127.0.0.1:" + port).status())
          .isEqualTo(200);
      assertThat(running.rejected("hook", "origin_not_allowed")).isEqualTo(4);
      assertThat(running.rejected("health", "origin_not_allowed")).isEqualTo(1);
      assertThat(running.receivers.hooks).hasSize(2);
    }
  }

  @Test
  void aCorsPreflightIsRefusedAndNoResponseEverAllowsAnotherOrigin() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      for (var origin :
          new String[] {"http://evil.example", "http://127.0.0.1:" + running.port()}) {
        for (var path : new String[] {"/hook", "/api/health", "/v1/logs", "/"}) {
          var headers = new HashMap<String, @Nullable String>();
          headers.put("Origin", origin);
          headers.put("Access-Control-Request-Method", "POST");
          headers.put("Access-Control-Request-Headers", "content-type");
          var response = client.exchange("OPTIONS", path, headers, new byte[0]);
          // No endpoint answers OPTIONS: a preflight never succeeds, whatever the origin.
          assertThat(response.status()).as("OPTIONS %s from %s", path, origin).isEqualTo(405);
          assertThat(response.headers().keySet())
              .noneMatch(
                  name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control"));
        }
      }
      assertThat(running.receivers.hooks).isEmpty();
    }
  }

  @Test
  void everyResponseForbidsCachingSniffingAndAnyScriptButOurs() throws Exception {
    try (var running = Running.start()) {
      var host = "127.0.0.1:" + running.port();
      for (var response :
          new RawHttp.Response[] {
            request(running, "POST", "/hook", host, null),
            request(running, "GET", "/api/health", host, null),
            request(running, "GET", "/missing", host, null),
            request(running, "GET", "/hook", host, null),
            request(running, "GET", "/api/health", "evil:1", null),
            request(running, "POST", "/hook", host, "http://evil.example")
          }) {
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Content-Security-Policy"))
            .isEqualTo(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'");
      }
    }
  }

  @Test
  void getEndpointsCapTheirBodiesToo() throws Exception {
    try (var running = Running.start();
        var client = running.client()) {
      client.send("GET", "/api/health", Map.of("Content-Length", "70000"), new byte[0]);
      var response = client.read();
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.text()).isEqualTo("{\"error\":\"request body exceeds 64 KiB\"}");
    }
  }

  @Test
  void listensOnLoopbackOnlyWithoutTokenAndTlsAndSaysWhenThePortIsTaken() {
    var receivers = new FakeReceivers();
    assertThatThrownBy(
            () ->
                Server.start(
                    Server.Config.of("8.8.8.8", 0),
                    receivers,
                    new Broker(),
                    () -> {
                      throw new AssertionError("never asked");
                    },
                    () -> {
                      throw new AssertionError("never asked");
                    },
                    Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "flightlog listens on '8.8.8.8', which is not a loopback address, only with an access"
                + " token and TLS (served here or by a proxy in front); missing: the access token"
                + " and TLS");
    try (var running = Running.start()) {
      assertThatThrownBy(
              () ->
                  Server.start(
                      Server.Config.of("127.0.0.1", running.port()),
                      receivers,
                      new Broker(),
                      () -> {
                        throw new AssertionError("never asked");
                      },
                      () -> {
                        throw new AssertionError("never asked");
                      },
                      Clock.systemUTC()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + running.port() + ": ")
          .hasMessageEndingWith("(is another flightlog serve running? choose another --addr)");
    }
  }

  @Test
  void addressesParseWithClearErrors() {
    assertThat(Server.Config.parse("127.0.0.1:4780"))
        .isEqualTo(Server.Config.of("127.0.0.1", 4780));
    assertThat(Server.Config.parse("[::1]:80").host()).isEqualTo("::1");
    assertThatThrownBy(() -> Server.Config.parse("4780"))
        .hasMessage("address '4780' is not HOST:PORT (e.g. 127.0.0.1:4780)");
    assertThatThrownBy(() -> Server.Config.parse("::1:4780"))
        .hasMessage("address '::1:4780': write an IPv6 host in brackets, e.g. [::1]:4780");
    assertThatThrownBy(() -> Server.Config.parse("localhost:http"))
        .hasMessage("address 'localhost:http': the port must be a number from 0 to 65535");
    assertThatThrownBy(() -> Server.Config.parse("localhost:70000"))
        .hasMessage("port must be 0 to 65535, not 70000");
  }
}
