package dev.flightlog.web;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.flightlog.live.Broker;
import dev.flightlog.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon's HTTP surface on the JDK's {@code com.sun.net.httpserver}, one virtual thread per
 * request: {@code POST /hook}, {@code POST /v1/logs}, {@code POST /v1/metrics}, {@code GET
 * /api/events} (SSE), {@code GET /api/health} and {@code GET /api/report/NAME} (docs/interfaces.md,
 * "HTTP API"). It binds a loopback address, or any other with an access token and TLS ({@link
 * Access}). Close it to stop accepting, let requests in flight finish (bounded by {@link
 * Config#stopTimeout()}), and end every event stream.
 */
public final class Server implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Server.class.getName());

  /**
   * How the server listens and its limits.
   *
   * @param host the host name or address literal to bind; one other than loopback ({@code
   *     127.0.0.1}, {@code localhost}, {@code ::1}) needs a token and TLS in {@code access}
   * @param port the port, 0 for any free one
   * @param hookMaxBytes the largest {@code /hook} body
   * @param otlpMaxBytes the largest OTLP body, compressed and inflated alike
   * @param heartbeat the silence after which an event stream sends a comment
   * @param streamQueue the events a slow stream client may fall behind before it loses the oldest
   * @param stopTimeout how long {@link #close()} waits for requests in flight
   * @param access the token, TLS and public host names; off loopback a token and TLS (here or in a
   *     proxy in front) are required
   */
  public record Config(
      String host,
      int port,
      int hookMaxBytes,
      int otlpMaxBytes,
      Duration heartbeat,
      int streamQueue,
      Duration stopTimeout,
      Access access) {

    public static final int DEFAULT_HOOK_MAX_BYTES = 16 << 20;
    public static final int DEFAULT_OTLP_MAX_BYTES = 32 << 20;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_STREAM_QUEUE = 1024;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(2);

    public Config {
      if (host.isBlank()) {
        throw new IllegalArgumentException("the host cannot be empty");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
      }
      if (hookMaxBytes < 1 || otlpMaxBytes < 1 || streamQueue < 1) {
        throw new IllegalArgumentException("body limits and the stream queue must be positive");
      }
      if (heartbeat.isNegative() || heartbeat.isZero() || stopTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "the heartbeat must be positive and the stop timeout not negative");
      }
    }

    /** The defaults on the given host and port. */
    public static Config of(String host, int port) {
      return new Config(
          host,
          port,
          DEFAULT_HOOK_MAX_BYTES,
          DEFAULT_OTLP_MAX_BYTES,
          DEFAULT_HEARTBEAT,
          DEFAULT_STREAM_QUEUE,
          DEFAULT_STOP_TIMEOUT,
          Access.NONE);
    }

    /**
     * The defaults on an address written {@code HOST:PORT} ({@code [::1]:PORT} for IPv6), as {@code
     * --addr} takes it; throws with what is wrong.
     */
    public static Config parse(String addr) {
      var text = addr.strip();
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IllegalArgumentException(
            "address '" + addr + "' is not HOST:PORT (e.g. 127.0.0.1:4780)");
      }
      var host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new IllegalArgumentException(
            "address '" + addr + "': write an IPv6 host in brackets, e.g. [::1]:4780");
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "address '" + addr + "': the port must be a number from 0 to 65535");
      }
      return of(host, port);
    }

    public Config withHeartbeat(Duration heartbeat) {
      return new Config(
          host, port, hookMaxBytes, otlpMaxBytes, heartbeat, streamQueue, stopTimeout, access);
    }

    public Config withLimits(int hookMaxBytes, int otlpMaxBytes) {
      return new Config(
          host, port, hookMaxBytes, otlpMaxBytes, heartbeat, streamQueue, stopTimeout, access);
    }

    public Config withStreamQueue(int streamQueue) {
      return new Config(
          host, port, hookMaxBytes, otlpMaxBytes, heartbeat, streamQueue, stopTimeout, access);
    }

    public Config withAccess(Access access) {
      return new Config(
          host, port, hookMaxBytes, otlpMaxBytes, heartbeat, streamQueue, stopTimeout, access);
    }
  }

  /**
   * Requests since the server started, by endpoint name ({@code hook}, {@code otlp_logs}, {@code
   * otlp_metrics}, {@code events}, {@code health}, {@code report}, {@code other}): received are
   * those accepted, rejected are counted by reason ({@code too_large}, {@code
   * unsupported_media_type}, {@code malformed}, {@code host_not_allowed}, {@code
   * origin_not_allowed}, {@code method_not_allowed}, {@code not_found}, {@code internal}, and
   * {@code receiver_failed} for hook payloads the receiver threw on after the answer).
   */
  public record Counts(Map<String, Long> received, Map<String, Map<String, Long>> rejected) {
    public Counts {
      received = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(received));
      rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
    }
  }

  private final HttpServer http;
  private final ExecutorService executor;
  private final EventStream events;
  private final Traffic traffic;
  private final String url;
  private final Duration stopTimeout;
  private boolean closed;

  private Server(
      HttpServer http,
      ExecutorService executor,
      EventStream events,
      Traffic traffic,
      String url,
      Duration stopTimeout) {
    this.http = http;
    this.executor = executor;
    this.events = events;
    this.traffic = traffic;
    this.url = url;
    this.stopTimeout = stopTimeout;
  }

  /** How many idle kept-alive connections the JDK server keeps open (its default is 200). */
  static final int MAX_IDLE_CONNECTIONS = 4096;

  /**
   * The longest a client may take to send a request's line, headers and body, in seconds: a slow
   * sender (slowloris) is cut off then. The largest OTLP body at 1 MiB/s fits.
   */
  static final int MAX_REQUEST_SECONDS = 60;

  /**
   * The largest header section the JDK server reads at all (request line included); past it the
   * connection is closed without an answer. {@link Router#HEADERS_MAX_BYTES} answers 431 below it.
   */
  static final int JDK_MAX_HEADER_BYTES = 64 << 10;

  /**
   * Sets the JDK server's limits, unless the user set them ({@code -D} on the java command line):
   * {@code sun.net.httpserver.maxIdleConnections} ({@link #MAX_IDLE_CONNECTIONS}), {@code
   * sun.net.httpserver.maxReqTime} ({@link #MAX_REQUEST_SECONDS}) and {@code
   * sun.net.httpserver.maxReqHeaderSize} ({@link #JDK_MAX_HEADER_BYTES}). The response time stays
   * unlimited: the event stream is one endless response. Idle kept-alive connections close after
   * the JDK's idle interval (30 s).
   *
   * <p>Idle connections: past the cap the server closes a connection right after answering on it,
   * without {@code Connection: close}; a client that has just taken that connection from its pool
   * for its next request then reads nothing, and a POST is not retried: a burst of more than 200
   * concurrent hooks lost some of them that way. The JDK reads the properties once, when its server
   * classes load, so this runs before the first server is created.
   */
  private static void configureJdkServer() {
    setUnlessSet("sun.net.httpserver.maxIdleConnections", MAX_IDLE_CONNECTIONS);
    setUnlessSet("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    setUnlessSet("sun.net.httpserver.maxReqHeaderSize", JDK_MAX_HEADER_BYTES);
  }

  private static void setUnlessSet(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }

  /**
   * Binds the address and starts serving.
   *
   * @param receivers where hook payloads and OTLP requests go
   * @param broker the source of the live event stream
   * @param health what the daemon reports about itself, asked once per {@code /api/health}
   * @param reports the reports over the store's reads and the current price table, asked once per
   *     {@code /api/report} request
   * @param clock the receipt time of hook payloads
   * @throws IllegalArgumentException if the host is not a loopback address and the access lacks a
   *     token or TLS (served here or by a proxy in front)
   * @throws UncheckedIOException if the address cannot be bound (say, the port is taken)
   */
  public static Server start(
      Config config,
      Receivers receivers,
      Broker broker,
      Supplier<Health> health,
      Supplier<Reports> reports,
      Clock clock) {
    var access = config.access();
    var address = address(config.host(), access);
    configureJdkServer();
    var tls = access.tls();
    HttpServer http;
    try {
      var socket = new InetSocketAddress(address, config.port());
      if (tls == null) {
        http = HttpServer.create(socket, 1024);
      } else {
        var https = HttpsServer.create(socket, 1024);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        http = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + hostPort(config.host(), config.port())
              + ": "
              + e.getMessage()
              + " (is another flightlog serve running? choose another --addr)",
          e);
    }
    int port = http.getAddress().getPort();
    var addr = hostPort(config.host(), port);
    var hosts = new LinkedHashSet<String>();
    hosts.add(addr.toLowerCase(Locale.ROOT));
    hosts.add("localhost:" + port);
    hosts.add("127.0.0.1:" + port);
    hosts.add("[::1]:" + port);
    hosts.addAll(access.publicHosts());
    var traffic = new Traffic();
    var events = new EventStream(broker, config.heartbeat(), config.streamQueue(), traffic);
    var executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("flightlog-http-", 0).factory());
    var router =
        new Router(
            hosts,
            access,
            traffic,
            new HookEndpoint(receivers, clock, config.hookMaxBytes(), traffic),
            new OtlpEndpoint(Receivers.Signal.LOGS, receivers, config.otlpMaxBytes(), traffic),
            new OtlpEndpoint(Receivers.Signal.METRICS, receivers, config.otlpMaxBytes(), traffic),
            events,
            new HealthEndpoint(addr, health, traffic, events, reports),
            new ReportEndpoint(reports, traffic),
            new ToolCallEndpoint(reports, traffic),
            Dashboard.of(traffic),
            new Login(access, traffic));
    var scheme = tls == null ? "http://" : "https://";
    var server = new Server(http, executor, events, traffic, scheme + addr, config.stopTimeout());
    http.createContext("/", router);
    http.setExecutor(executor);
    http.start();
    LOG.log(
        Level.INFO,
        "listening on "
            + scheme
            + addr
            + (access.token() == null ? "" : " (access token required)")
            + (access.behindTlsProxy() ? " behind a TLS-terminating proxy" : ""));
    return server;
  }

  /** The address actually bound, {@code HOST:PORT} (the port is real even when 0 was asked). */
  public String addr() {
    return url.substring(url.indexOf("://") + 3);
  }

  /** The server's URL: {@code http://HOST:PORT}, or {@code https://} when it serves TLS. */
  public String url() {
    return url;
  }

  /** The bound port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The request counters, as {@code /api/health} shows them. */
  public Counts counts() {
    return traffic.snapshot();
  }

  /**
   * Stops accepting, ends the event streams, lets requests in flight (hook payloads being handed to
   * the receiver included) finish within the stop timeout, then interrupts what is left.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + stopTimeout.toNanos();
    events.closeAll();
    http.stop((int) Math.ceil(stopTimeout.toMillis() / 1000.0));
    executor.shutdown();
    try {
      long left = deadline - System.nanoTime();
      if (!executor.awaitTermination(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
        LOG.log(Level.WARNING, "requests still running after " + stopTimeout + "; interrupting");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.log(Level.INFO, "stopped listening on " + url);
  }

  /**
   * The address to bind: a loopback one, or any other when the access has a token and TLS (served
   * here or by a proxy in front).
   */
  private static InetAddress address(String host, Access access) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host '" + host + "'", e);
    }
    if (!address.isLoopbackAddress() && (access.token() == null || !access.secure())) {
      throw new IllegalArgumentException(
          "flightlog listens on '"
              + host
              + "', which is not a loopback address, only with an access token and TLS (served"
              + " here or by a proxy in front); missing: "
              + (access.token() == null ? "the access token" : "")
              + (access.token() == null && !access.secure() ? " and " : "")
              + (access.secure() ? "" : "TLS"));
    }
    return address;
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
