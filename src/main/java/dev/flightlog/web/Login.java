package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * {@code /login}: how a browser gets the access token into a cookie, since it cannot send {@code
 * Authorization} with the dashboard's page loads and event stream. {@code GET /login} answers a
 * form; {@code POST /login} with the form's {@code token} (or {@code GET /login?token=TOKEN}) sets
 * the cookie ({@code HttpOnly; SameSite=Strict}, {@code Secure} over HTTPS) and redirects to {@code
 * /}. A wrong token gets 401. Without a configured token there is nothing to sign in to: 404.
 */
final class Login implements Router.Handler {

  /** The largest form body, far more than a token needs. */
  static final int MAX_BODY_BYTES = 4 << 10;

  private static final byte[] FORM =
      """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>flightlog — sign in</title></head>
      <body><form method="post" action="/login">
      <label>Access token <input type="password" name="token" autocomplete="current-password"\
       required autofocus></label>
      <button type="submit">Sign in</button>
      </form></body></html>
      """
          .getBytes(StandardCharsets.UTF_8);

  private final byte @Nullable [] token;
  private final boolean secure;
  private final Traffic traffic;

  Login(Access access, Traffic traffic) {
    var secret = access.token();
    this.token = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.secure = access.secure();
    this.traffic = traffic;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    var expected = token;
    if (expected == null) {
      Bodies.read(exchange, Router.GET_MAX_BYTES);
      throw new Rejection(
          Rejection.Reason.NOT_FOUND, "not found: /login (this server has no access token)");
    }
    String given;
    if (exchange.getRequestMethod().equals("POST")) {
      if (!"application/x-www-form-urlencoded".equals(Bodies.mediaType(exchange))) {
        throw new Rejection(
            Rejection.Reason.UNSUPPORTED_MEDIA_TYPE,
            "POST /login takes a form (application/x-www-form-urlencoded) with the field token");
      }
      given = field(new String(Bodies.read(exchange, MAX_BODY_BYTES), StandardCharsets.UTF_8));
    } else {
      Bodies.read(exchange, Router.GET_MAX_BYTES);
      given = field(exchange.getRequestURI().getRawQuery());
    }
    if (given == null) {
      traffic.received(Endpoint.LOGIN);
      Router.respond(exchange, 200, "text/html; charset=utf-8", FORM);
      return;
    }
    if (!Router.matches(expected, given)) {
      throw new Rejection(Rejection.Reason.UNAUTHORIZED, "wrong access token");
    }
    traffic.received(Endpoint.LOGIN);
    var headers = exchange.getResponseHeaders();
    headers.set(
        "Set-Cookie",
        Router.COOKIE
            + "="
            + given
            + "; HttpOnly; SameSite=Strict; Path=/"
            + (secure ? "; Secure" : ""));
    headers.set("Location", "/");
    Router.respond(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
  }

  /** The value of the field {@code token} in a form or query, or null when there is none. */
  private static @Nullable String field(@Nullable String form) {
    if (form == null) {
      return null;
    }
    for (var pair : form.split("&", -1)) {
      if (pair.startsWith("token=")) {
        return ReportEndpoint.decodeQuery(pair.substring("token=".length()));
      }
    }
    return null;
  }
}
