package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §7, the access token: with one configured every request carries it, as {@code
 * Authorization: Bearer} or as the cookie {@code /login} sets; {@code --public-host} extends the
 * Host allow-list.
 */
class TokenTest {

  static final String TOKEN = "0123456789abcdef0123456789abcdef-token";

  private static Running withToken() {
    return Running.start(
        config ->
            config.withAccess(new Access(TOKEN, null, false, List.of("Flightlog.Example.com"))));
  }

  private static RawHttp.Response send(
      Running running, String method, String path, Map<String, @Nullable String> headers)
      throws Exception {
    try (var client = running.client()) {
      var all = new HashMap<String, @Nullable String>(headers);
      byte[] body = new byte[0];
      if (method.equals("POST") && !all.containsKey("Content-Type")) {
        all.put("Content-Type", "application/json");
        body = "{}".getBytes(StandardCharsets.UTF_8);
      }
      return client.exchange(method, path, all, body);
    }
  }

  @Test
  void everyEndpointRefusesARequestWithoutTheTokenWith401() throws Exception {
    try (var running = withToken()) {
      for (var request :
          List.of(
              List.of("POST", "/hook"),
              List.of("POST", "/v1/logs"),
              List.of("GET", "/api/health"),
              List.of("GET", "/api/events"),
              List.of("GET", "/api/report/daily"),
              List.of("GET", "/api/tool_call/x"),
              List.of("GET", "/"),
              List.of("GET", "/ui/app.js"),
              List.of("GET", "/nope"))) {
        var response = send(running, request.get(0), request.get(1), Map.of());
        assertThat(response.status()).as("%s", request).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"flightlog\"");
        assertThat(response.header("Content-Security-Policy"))
            .isEqualTo(Router.CONTENT_SECURITY_POLICY);
        if (!request.get(1).equals("/v1/logs")) {
          assertThat(response.text())
              .isEqualTo(
                  "{\"error\":\"access token required: send Authorization: Bearer TOKEN"
                      + " (browsers: sign in at /login)\"}");
        }
      }
      var wrong =
          send(running, "GET", "/api/health", Map.of("Authorization", "Bearer " + TOKEN + "x"));
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.text()).isEqualTo("{\"error\":\"wrong access token\"}");
      var basic = send(running, "GET", "/api/health", Map.of("Authorization", "Basic " + TOKEN));
      assertThat(basic.status()).isEqualTo(401);
      assertThat(running.receivers.hooks).isEmpty();
      assertThat(running.rejected("hook", "unauthorized")).isEqualTo(1);
      assertThat(running.rejected("health", "unauthorized")).isEqualTo(3);
      assertThat(running.rejected("other", "unauthorized")).isEqualTo(1);
    }
  }

  @Test
  void theBearerTokenOpensEveryEndpointAndTheHostCheckStillComesFirst() throws Exception {
    try (var running = withToken()) {
      var bearer = Map.<String, @Nullable String>of("Authorization", "bearer " + TOKEN);
      assertThat(send(running, "POST", "/hook", bearer).status()).isEqualTo(200);
      assertThat(send(running, "GET", "/api/health", bearer).status()).isEqualTo(200);
      assertThat(send(running, "GET", "/", bearer).status()).isEqualTo(200);
      assertThat(running.receivers.hooks).hasSize(1);
      var evil = new HashMap<String, @Nullable String>(bearer);
      evil.put("Host", "evil.example");
      var refused = send(running, "GET", "/api/health", evil);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.text()).startsWith("{\"error\":\"host not allowed: 'evil.example' (use ");
      // The public host is allowed besides the loopback names, whatever its case.
      var proxied = new HashMap<String, @Nullable String>(bearer);
      proxied.put("Host", "flightlog.example.COM");
      assertThat(send(running, "GET", "/api/health", proxied).status()).isEqualTo(200);
      // A cross-origin write is refused even with the token.
      var crossOrigin = new HashMap<String, @Nullable String>(bearer);
      crossOrigin.put("Origin", "http://evil.example");
      assertThat(send(running, "POST", "/hook", crossOrigin).status()).isEqualTo(403);
      assertThat(running.receivers.hooks).hasSize(1);
    }
  }

  @Test
  void loginSetsAnHttpOnlyStrictCookieThatOpensTheDashboard() throws Exception {
    try (var running = withToken()) {
      var form = send(running, "GET", "/login", Map.of());
      assertThat(form.status()).isEqualTo(200);
      assertThat(form.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
      assertThat(form.text())
          .contains("<form method=\"post\" action=\"/login\">", "name=\"token\"");
      assertThat(form.header("Content-Security-Policy")).isEqualTo(Router.CONTENT_SECURITY_POLICY);

      var wrong =
          send(
              running,
              "POST",
              "/login",
              Map.of("Content-Type", "application/x-www-form-urlencoded"));
      assertThat(wrong.status()).isEqualTo(200); // an empty form: the form again
      var bad = loginPost(running, "token=nope", null);
      assertThat(bad.status()).isEqualTo(401);
      assertThat(bad.text()).isEqualTo("{\"error\":\"wrong access token\"}");
      assertThat(bad.header("Set-Cookie")).isNull();

      var good = loginPost(running, "token=" + TOKEN, null);
      assertThat(good.status()).isEqualTo(303);
      assertThat(good.header("Location")).isEqualTo("/");
      assertThat(good.header("Set-Cookie"))
          .isEqualTo("flightlog_token=" + TOKEN + "; HttpOnly; SameSite=Strict; Path=/");
      var viaQuery = send(running, "GET", "/login?token=" + TOKEN, Map.of());
      assertThat(viaQuery.status()).isEqualTo(303);

      var cookie = Map.<String, @Nullable String>of("Cookie", "a=b; flightlog_token=" + TOKEN);
      assertThat(send(running, "GET", "/", cookie).status()).isEqualTo(200);
      assertThat(send(running, "GET", "/api/health", cookie).status()).isEqualTo(200);
      var stale = Map.<String, @Nullable String>of("Cookie", "flightlog_token=old");
      assertThat(send(running, "GET", "/", stale).status()).isEqualTo(401);

      // Login from another origin (login CSRF) is refused.
      var crossOrigin = loginPost(running, "token=" + TOKEN, "http://evil.example");
      assertThat(crossOrigin.status()).isEqualTo(403);
      assertThat(crossOrigin.header("Set-Cookie")).isNull();
      assertThat(running.rejected("login", "unauthorized")).isEqualTo(1);
      assertThat(running.rejected("login", "origin_not_allowed")).isEqualTo(1);
    }
  }

  private static RawHttp.Response loginPost(Running running, String form, @Nullable String origin)
      throws Exception {
    try (var client = running.client()) {
      var headers = new HashMap<String, @Nullable String>();
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      headers.put("Origin", origin);
      return client.exchange("POST", "/login", headers, form.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void withoutATokenThereIsNoLoginAndNoTokenIsAsked() throws Exception {
    try (var running = Running.start()) {
      var login = send(running, "GET", "/login?token=" + TOKEN, Map.of());
      assertThat(login.status()).isEqualTo(404);
      assertThat(login.text())
          .isEqualTo("{\"error\":\"not found: /login (this server has no access token)\"}");
      assertThat(send(running, "GET", "/api/health", Map.of()).status()).isEqualTo(200);
    }
  }

  @Test
  void aShortOrOddTokenAndABadPublicHostAreRefused() {
    assertThatThrownBy(() -> new Access("short", null, false, List.of()))
        .hasMessage(
            "the access token has 5 characters; it needs at least 32 (e.g. from: openssl rand"
                + " -hex 32)");
    assertThatThrownBy(() -> new Access(TOKEN + " ;x", null, false, List.of()))
        .hasMessage(
            "the access token may hold only letters, digits and . _ ~ + / = - (e.g. from:"
                + " openssl rand -hex 32)");
    assertThatThrownBy(() -> new Access(TOKEN, null, false, List.of("http://x.example")))
        .hasMessage(
            "public host 'http://x.example' is not NAME or NAME:PORT as browsers send it in the"
                + " Host header (e.g. flightlog.example.com or flightlog.example.com:8443)");
  }
}
