package dev.flightlog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.live.Broker;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PRODUCT.md §7 off loopback: an address other than loopback is bound only with a token and TLS
 * (served here, or by a proxy in front); HTTPS with a PKCS#12 key store made by {@code keytool}.
 */
class TlsTest {

  private static final String PASSWORD = "changeit-test";

  @TempDir static Path dir;
  static Path keystore;
  static Path passwordFile;

  /** A self-signed key for 127.0.0.1 and localhost, made with the JDK's keytool. */
  @BeforeAll
  static void keystore() throws Exception {
    keystore = dir.resolve("server.p12");
    var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    var process =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "flightlog",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    var output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
    passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
  }

  private static Server start(String host, Access access) {
    return Server.start(
        Server.Config.of(host, 0).withAccess(access),
        new FakeReceivers(),
        new Broker(),
        () -> {
          throw new IllegalStateException("no health in this test");
        },
        () -> {
          throw new IllegalStateException("no reports in this test");
        },
        Clock.systemUTC());
  }

  private static HttpClient trusting() throws Exception {
    var store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    var context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void anyAddressIsServedOverHttpsWithTheTokenAndASecureCookie() throws Exception {
    var tls = Access.loadTls(keystore, passwordFile);
    // 0.0.0.0: every interface; this test reaches it through loopback.
    try (var server = start("0.0.0.0", new Access(TokenTest.TOKEN, tls, false, List.of()));
        var client = trusting()) {
      assertThat(server.url()).isEqualTo("https://0.0.0.0:" + server.port());
      var base = "https://127.0.0.1:" + server.port();
      var anonymous =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      var hook =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/hook"))
                  .header("Authorization", "Bearer " + TokenTest.TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(hook.statusCode()).isEqualTo(200);
      var login =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/login?token=" + TokenTest.TOKEN)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().firstValue("Set-Cookie"))
          .hasValue(
              "flightlog_token=" + TokenTest.TOKEN + "; HttpOnly; SameSite=Strict; Path=/; Secure");
      // Plain HTTP on the TLS port gets no HTTP answer (a TLS alert, or nothing).
      try (var socket =
          new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var answer = socket.getInputStream().readNBytes(5);
        assertThat(new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotStartWith("HTTP");
      }
    }
  }

  @Test
  void anAddressOtherThanLoopbackNeedsATokenAndTls() throws Exception {
    assertThatThrownBy(() -> start("0.0.0.0", Access.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "flightlog listens on '0.0.0.0', which is not a loopback address, only with an access"
                + " token and TLS (served here or by a proxy in front); missing: the access token"
                + " and TLS");
    assertThatThrownBy(() -> start("0.0.0.0", new Access(TokenTest.TOKEN, null, false, List.of())))
        .hasMessageEndingWith("missing: TLS");
    var tls = Access.loadTls(keystore, passwordFile);
    assertThatThrownBy(() -> start("0.0.0.0", new Access(null, tls, false, List.of())))
        .hasMessageEndingWith("missing: the access token");
    // A TLS-terminating proxy in front: plain HTTP, and the cookie is still marked Secure.
    try (var server = start("0.0.0.0", new Access(TokenTest.TOKEN, null, true, List.of()));
        var raw = new RawHttp(server.port())) {
      assertThat(server.url()).startsWith("http://");
      var login = raw.get("/login?token=" + TokenTest.TOKEN);
      assertThat(login.status()).isEqualTo(303);
      assertThat(login.header("Set-Cookie")).endsWith("; Secure");
    }
  }

  @Test
  void keyStoreAndPasswordFilesMustBePrivateAndRight() throws Exception {
    var wrong = Files.writeString(dir.resolve("wrong"), "nope");
    Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> Access.loadTls(keystore, wrong))
        .hasMessageStartingWith(
            "cannot load the TLS key store "
                + keystore
                + " (a PKCS#12 file with its password in --tls-password-file): ");
    var open = Files.writeString(dir.resolve("open"), PASSWORD);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Access.loadTls(keystore, open))
        .hasMessage(
            "the TLS password file "
                + open
                + " is open to other users (rw-r--r--); make it private with: chmod 600 "
                + open);
    assertThatThrownBy(() -> Access.loadTls(dir.resolve("missing.p12"), passwordFile))
        .hasMessage("the TLS key store " + dir.resolve("missing.p12") + " does not exist");
  }
}
