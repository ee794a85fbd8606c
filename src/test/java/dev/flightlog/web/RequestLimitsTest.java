package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §7, "request bodies and lines are size-limited": the request target, the query's
 * parameters, the header section and every body, each refused with its own status and message.
 */
class RequestLimitsTest {

  private static RawHttp.Response get(Running running, String target, Map<String, String> headers)
      throws Exception {
    try (var client = running.client()) {
      return client.exchange(
          "GET", target, new HashMap<String, @Nullable String>(headers), new byte[0]);
    }
  }

  @Test
  void aRequestTargetLongerThan8KiBGets414() throws Exception {
    try (var running = Running.start()) {
      var prefix = "/api/health?pad=";
      var fits = prefix + "x".repeat(Router.URI_MAX_CHARS - prefix.length());
      assertThat(get(running, fits, Map.of()).status()).isEqualTo(200);
      var response = get(running, fits + "x", Map.of());
      assertThat(response.status()).isEqualTo(414);
      assertThat(response.text())
          .isEqualTo("{\"error\":\"request target of 8193 characters exceeds 8 KiB\"}");
      assertThat(running.rejected("health", "uri_too_long")).isEqualTo(1);
      // Before any endpoint looks at it: the report endpoint and the event stream alike.
      assertThat(get(running, "/api/report/daily?q=" + "y".repeat(9000), Map.of()).status())
          .isEqualTo(414);
      assertThat(get(running, "/api/events?agent=" + "y".repeat(9000), Map.of()).status())
          .isEqualTo(414);
    }
  }

  @Test
  void moreThan64QueryParametersGet400() throws Exception {
    try (var running = Running.start()) {
      var many = new StringBuilder("/api/health?p0=0");
      for (int i = 1; i < Router.MAX_QUERY_PARAMETERS; i++) {
        many.append("&p").append(i).append("=").append(i);
      }
      assertThat(get(running, many.toString(), Map.of()).status()).isEqualTo(200);
      var response = get(running, many + "&one=more", Map.of());
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.text())
          .isEqualTo("{\"error\":\"too many query parameters (at most 64)\"}");
    }
  }

  @Test
  void headersOver16KiBGet431() throws Exception {
    try (var running = Running.start()) {
      assertThat(get(running, "/api/health", Map.of("X-Pad", "x".repeat(15_000))).status())
          .isEqualTo(200);
      // A Last-Event-ID the size of the whole header budget, on the event stream.
      var response = get(running, "/api/events", Map.of("Last-Event-ID", "1".repeat(17_000)));
      assertThat(response.status()).isEqualTo(431);
      assertThat(response.text()).isEqualTo("{\"error\":\"request headers exceed 16 KiB\"}");
      assertThat(running.rejected("events", "headers_too_large")).isEqualTo(1);
    }
  }

  @Test
  void theJdkServerIsToldItsRequestTimeAndHeaderCaps() {
    try (var running = Running.start()) {
      assertThat(running.port()).isPositive();
      // Set before the JDK server's classes read them, unless the user set them first.
      assertThat(System.getProperty("sun.net.httpserver.maxReqTime"))
          .isEqualTo(String.valueOf(Server.MAX_REQUEST_SECONDS));
      assertThat(System.getProperty("sun.net.httpserver.maxReqHeaderSize"))
          .isEqualTo(String.valueOf(Server.JDK_MAX_HEADER_BYTES));
    }
  }

  @Test
  void everyBodyIsCappedTheLoginFormAt4KiB() throws Exception {
    try (var running =
            Running.start(
                config ->
                    config.withAccess(
                        new Access(TokenTest.TOKEN, null, false, java.util.List.of())));
        var client = running.client()) {
      var response =
          client.exchange(
              "POST",
              "/login",
              Map.of("Content-Type", "application/x-www-form-urlencoded"),
              ("token=" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8));
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.text()).isEqualTo("{\"error\":\"request body exceeds 4 KiB\"}");
      assertThat(response.header("Connection")).isEqualTo("close");
    }
    // The GET endpoints read at most 64 KiB of a body they have no use for.
    try (var running = Running.start()) {
      for (var path : new String[] {"/api/health", "/api/events", "/", "/api/report/daily"}) {
        try (var client = running.client()) {
          client.send("GET", path, Map.of("Content-Length", "70000"), new byte[0]);
          var response = client.read();
          assertThat(response.status()).as(path).isEqualTo(413);
          assertThat(response.text()).isEqualTo("{\"error\":\"request body exceeds 64 KiB\"}");
        }
      }
    }
  }
}
