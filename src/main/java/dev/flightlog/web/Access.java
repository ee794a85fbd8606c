package dev.flightlog.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Who may use the server, and how it is reached (PRODUCT.md §7): an access token every request must
 * carry (required off loopback), TLS served here or a TLS-terminating proxy in front (one of them
 * required off loopback), and the public host names the Host allow-list takes besides the bound
 * address.
 *
 * @param token the access token, or null for none (loopback only)
 * @param tls the TLS context to serve HTTPS with, or null for plain HTTP
 * @param behindTlsProxy the user says a TLS-terminating proxy is in front of plain HTTP
 * @param publicHosts Host header values (lower case, {@code NAME} or {@code NAME:PORT}) allowed
 *     besides the bound address and the loopback names
 */
public record Access(
    @Nullable String token,
    @Nullable SSLContext tls,
    boolean behindTlsProxy,
    List<String> publicHosts) {

  /** The shortest access token taken, in characters. */
  public static final int MIN_TOKEN_LENGTH = 32;

  /** Loopback without a token: the default. */
  public static final Access NONE = new Access(null, null, false, List.of());

  /** Characters a token may have: those of a cookie value and a bearer token alike. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");

  private static final Pattern HOST =
      Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:[0-9]{1,5})?");

  public Access {
    if (token != null) {
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "the access token has "
                + token.length()
                + " characters; it needs at least "
                + MIN_TOKEN_LENGTH
                + " (e.g. from: openssl rand -hex 32)");
      }
      if (!TOKEN.matcher(token).matches()) {
        throw new IllegalArgumentException(
            "the access token may hold only letters, digits and . _ ~ + / = -"
                + " (e.g. from: openssl rand -hex 32)");
      }
    }
    if (tls != null && behindTlsProxy) {
      throw new IllegalArgumentException(
          "TLS is served here or by a proxy in front, not both: give --tls-keystore or"
              + " --behind-tls-proxy");
    }
    var hosts = new java.util.LinkedHashSet<String>();
    for (var host : publicHosts) {
      var normal = host.strip().toLowerCase(Locale.ROOT);
      if (!HOST.matcher(normal).matches()) {
        throw new IllegalArgumentException(
            "public host '"
                + host
                + "' is not NAME or NAME:PORT as browsers send it in the Host header"
                + " (e.g. flightlog.example.com or flightlog.example.com:8443)");
      }
      hosts.add(normal);
    }
    publicHosts = List.copyOf(hosts);
  }

  /** Whether browsers reach the server over HTTPS (served here or by the proxy in front). */
  boolean secure() {
    return tls != null || behindTlsProxy;
  }

  /**
   * The access token in {@code file}: its content without surrounding white space. The file must be
   * readable by its owner only (it is a password).
   *
   * @throws IllegalArgumentException with what is wrong and what to do
   */
  public static String readToken(Path file) {
    try {
      requirePrivate(file, "token file");
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the token file " + file + ": " + e, e);
    }
  }

  /**
   * A TLS context serving the key and certificate of a PKCS#12 key store, whose password is the
   * content of {@code passwordFile} (without surrounding white space); both files must be readable
   * by their owner only.
   *
   * @throws IllegalArgumentException with what is wrong and what to do
   */
  public static SSLContext loadTls(Path keystore, Path passwordFile) {
    char[] password;
    try {
      requirePrivate(passwordFile, "TLS password file");
      requirePrivate(keystore, "TLS key store");
      password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the TLS password: " + e, e);
    }
    try (InputStream in = Files.newInputStream(keystore)) {
      var store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      if (!store.aliases().hasMoreElements()) {
        throw new IllegalArgumentException("the TLS key store " + keystore + " holds no key");
      }
      var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      var context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot load the TLS key store "
              + keystore
              + " (a PKCS#12 file with its password in --tls-password-file): "
              + e.getMessage(),
          e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** Refuses a missing file, or one other users may read or change (it holds a secret). */
  private static void requirePrivate(Path file, String what) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "the " + what + " " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
    }
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    var permissions = Files.getPosixFilePermissions(file);
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)
        || permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " "
              + file
              + " is open to other users ("
              + PosixFilePermissions.toString(permissions)
              + "); make it private with: chmod 600 "
              + file);
    }
  }
}
