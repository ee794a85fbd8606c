package dev.flightlog.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard: its pages ({@code /}, {@code /live}, {@code /sessions}, {@code /session/ID},
 * {@code /tools}, {@code /errors}, {@code /recovery}, {@code /flow}, {@code /cost}, {@code
 * /health}) all answer the one HTML shell, whose ES modules under {@code /ui/} read the JSON API
 * and build the page in the browser (see RATIONALE.md, "Dashboard"). The files are the jar's
 * resources under {@code dev/flightlog/web/ui/}, named in its {@code manifest.txt}; nothing else is
 * served, so a path cannot reach another resource. Each file is read and gzipped once, on first
 * request, and answered with an ETag ({@code 304} when the browser has it) and gzip when the
 * browser takes it.
 */
final class Dashboard implements Router.Handler {

  /** The folder of the dashboard's files among the jar's resources. */
  static final String RESOURCES = "/dev/flightlog/web/ui/";

  /** The HTML shell answered for every page. */
  static final String SHELL = "index.html";

  /** The pages with no argument; {@code /session/ID} is the one page that takes one. */
  static final List<String> PAGES =
      List.of(
          "/", "/live", "/sessions", "/tools", "/errors", "/recovery", "/flow", "/cost", "/health");

  private static final String SESSION_PAGE = "/session/";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "txt", "text/plain; charset=utf-8");

  /** A file ready to send (a class, not a record: it holds arrays, compared by identity). */
  private static final class Asset {
    private final String type;
    private final byte[] plain;
    private final byte[] gzip;
    private final String etag;

    Asset(String type, byte[] plain, byte[] gzip, String etag) {
      this.type = type;
      this.plain = plain;
      this.gzip = gzip;
      this.etag = etag;
    }

    String type() {
      return type;
    }

    byte[] plain() {
      return plain;
    }

    byte[] gzip() {
      return gzip;
    }

    String etag() {
      return etag;
    }
  }

  private final Set<String> files;
  private final Traffic traffic;
  private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

  private Dashboard(Set<String> files, Traffic traffic) {
    this.files = files;
    this.traffic = traffic;
  }

  /** The dashboard of the files named in the resources' manifest. */
  static Dashboard of(Traffic traffic) {
    var manifest = new String(resource("manifest.txt"), StandardCharsets.UTF_8);
    var files =
        manifest
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    if (!files.contains(SHELL)) {
      throw new IllegalStateException("the dashboard's manifest does not name " + SHELL);
    }
    for (var file : files) {
      if (file.contains("..") || Dashboard.class.getResource(RESOURCES + file) == null) {
        throw new IllegalStateException(
            "the dashboard's manifest names " + file + ", which the jar does not have");
      }
    }
    return new Dashboard(files, traffic);
  }

  /** Whether {@code path} is one of the dashboard's pages. */
  static boolean isPage(String path) {
    if (PAGES.contains(path)) {
      return true;
    }
    return path.startsWith(SESSION_PAGE)
        && path.length() > SESSION_PAGE.length()
        && path.indexOf('/', SESSION_PAGE.length()) < 0;
  }

  /** The names of the files served under {@code /ui/}. */
  Set<String> files() {
    return files;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Bodies.read(exchange, Router.GET_MAX_BYTES);
    var path = exchange.getRequestURI().getRawPath();
    String name;
    Endpoint endpoint;
    if (path.startsWith(Endpoint.ASSET.path())) {
      name = path.substring(Endpoint.ASSET.path().length());
      endpoint = Endpoint.ASSET;
      if (name.equals(SHELL) || !files.contains(name)) {
        throw new Rejection(Rejection.Reason.NOT_FOUND, "not found: " + path);
      }
    } else {
      name = SHELL;
      endpoint = Endpoint.PAGE;
    }
    var asset = loaded.computeIfAbsent(name, Dashboard::load);
    traffic.received(endpoint);
    var headers = exchange.getResponseHeaders();
    headers.set("ETag", asset.etag());
    headers.set("Vary", "Accept-Encoding");
    // Revalidated on every use: a new jar's files show at once, an unchanged file costs a 304.
    headers.set("Cache-Control", "no-cache");
    var ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    var body = asset.plain();
    if (acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
      headers.set("Content-Encoding", "gzip");
      body = asset.gzip();
    }
    Router.respond(exchange, 200, asset.type(), body);
  }

  private static boolean acceptsGzip(@Nullable String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (var part : acceptEncoding.toLowerCase(Locale.ROOT).split(",", -1)) {
      var coding = part.strip();
      if (coding.equals("gzip") || (coding.startsWith("gzip;") && !coding.endsWith("q=0"))) {
        return true;
      }
    }
    return false;
  }

  private static Asset load(String name) {
    var plain = resource(name);
    var extension = name.substring(name.lastIndexOf('.') + 1);
    var type = TYPES.getOrDefault(extension, "application/octet-stream");
    return new Asset(type, plain, gzip(plain), etag(plain));
  }

  /** A dashboard file's bytes; throws when the jar lacks it (a broken build). */
  static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no dashboard file " + RESOURCES + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard file " + name, e);
    }
  }

  static byte[] gzip(byte[] plain) {
    var out = new ByteArrayOutputStream(plain.length / 3 + 64);
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String etag(byte[] plain) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(plain);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
