package dev.flightlog.cli;

import dev.flightlog.daemon.Daemon;
import dev.flightlog.ingest.TranscriptFollower;
import dev.flightlog.web.Access;
import dev.flightlog.web.Server;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    description = {
      "Run the flightlog daemon: record Claude Code's activity as it happens.",
      "Follows every Claude Code transcript (under $CLAUDE_CONFIG_DIR/projects, else",
      "~/.claude/projects and ~/.config/claude/projects, including folders that appear",
      "later), reading each file on from where it was left; on the first start it",
      "reads everything already there (the backfill), newest first. Runs until",
      "stopped: Ctrl-C or SIGTERM stops it gracefully (everything read is stored);",
      "a second signal exits at once.",
      ""
    },
    footer = {
      "",
      "Off loopback, --addr needs --token-file and either --tls-keystore with",
      "--tls-password-file, or --behind-tls-proxy (see docs/interfaces.md).",
      "",
      "Exit codes: 0 stopped on request; 1 failed (the message says why); 2 bad",
      "command line or an unsafe one (a non-loopback --addr without a token and",
      "TLS, a token file other users can read)."
    },
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

  /** Where the daemon listens by default; the same value as {@code flightlog install}'s. */
  private static final String DEFAULT_ADDR = "127.0.0.1:4780";

  private static final int LINE_CAP = 32 << 20;
  private static final long MIN_SCAN_MS = 100;
  private static final long MAX_SCAN_MS = 3_600_000;

  /** How long a wake-up from a hook waits for more before reading (bursts coalesce). */
  private static final Duration DEBOUNCE = Duration.ofMillis(5);

  private static final System.Logger LOG = System.getLogger("dev.flightlog.serve");

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  @Mixin CaptureOption capture;

  @Mixin ArchiveOption archive;

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      defaultValue = DEFAULT_ADDR,
      description =
          "Address for hooks and OTLP (default: ${DEFAULT-VALUE}; port 0: any free port).")
  String addr;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Require this access token (the file's content, at least 32 characters; the file"
              + " readable by you only) on every request: Authorization: Bearer TOKEN, or the"
              + " cookie /login sets. Required off loopback.")
  @Nullable Path tokenFile;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "Serve HTTPS with the key and certificate in this PKCS#12 file.")
  @Nullable Path tlsKeystore;

  @Option(
      names = "--tls-password-file",
      paramLabel = "FILE",
      description = "The password of --tls-keystore (the file readable by you only).")
  @Nullable Path tlsPasswordFile;

  @Option(
      names = "--behind-tls-proxy",
      description =
          "Serve plain HTTP because a TLS-terminating proxy is in front (needs --token-file).")
  boolean behindTlsProxy;

  @Option(
      names = "--public-host",
      paramLabel = "NAME[:PORT]",
      description =
          "Also accept this Host header (the name browsers and hooks use to reach the daemon,"
              + " e.g. through a proxy); repeatable.")
  List<String> publicHosts = new ArrayList<>();

  @Option(
      names = "--scan-interval",
      paramLabel = "MS",
      defaultValue = "2000",
      description =
          "How often to look for changed transcripts no hook mentioned, in milliseconds, "
              + MIN_SCAN_MS
              + " to "
              + MAX_SCAN_MS
              + " (default: ${DEFAULT-VALUE}).")
  long scanIntervalMs;

  @Option(
      names = "--no-backfill",
      description =
          "Do not read the transcripts' history: files never read before are followed from their"
              + " current end (import them with flightlog import).")
  boolean noBackfill;

  ServeCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var parsed = address(addr);
    var address = parsed.withAccess(access(parsed.host()));
    if (scanIntervalMs < MIN_SCAN_MS || scanIntervalMs > MAX_SCAN_MS) {
      throw new ParameterException(
          spec.commandLine(),
          "--scan-interval must be between "
              + MIN_SCAN_MS
              + " and "
              + MAX_SCAN_MS
              + " ms, was "
              + scanIntervalMs);
    }
    concise();
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    var roots = environment.claudeConfigDirs().stream().map(d -> d.resolve("projects")).toList();
    var settings =
        new Daemon.Settings(
            store.dsn(environment),
            DataHome.prepare(environment.dataHome()).resolve("native"),
            address,
            environment.dataHome().toAbsolutePath().normalize(),
            String.join(" ", new Main.Version().getVersion()),
            new TranscriptFollower.Settings(
                roots,
                Duration.ofMillis(scanIntervalMs),
                DEBOUNCE,
                LINE_CAP,
                Math.clamp(Runtime.getRuntime().availableProcessors() - 1L, 1, 4),
                !noBackfill,
                archive.archive(environment)),
            capture.gate(environment));

    // Signals first, so that one arriving while the daemon starts still stops it gracefully.
    var running = new AtomicReference<@Nullable Daemon>();
    var stopRequested = new AtomicBoolean();
    boolean handled =
        StopSignals.install(
            () -> {
              LOG.log(System.Logger.Level.INFO, "stopping… (signal again to exit at once)");
              stopRequested.set(true);
              var daemon = running.get();
              if (daemon != null) {
                daemon.requestStop();
              }
            },
            signal -> {
              err.println("flightlog: second signal: exiting at once");
              err.flush();
              Runtime.getRuntime().halt(128 + signal);
            });
    if (!handled) {
      LOG.log(
          System.Logger.Level.WARNING,
          "this Java runtime offers no signal handlers (sun.misc.Signal): Ctrl-C stops the"
              + " daemon gracefully through a shutdown hook, and a second Ctrl-C does not"
              + " interrupt that");
    }
    var daemon = Daemon.start(settings, Clock.systemUTC());
    running.set(daemon);
    if (stopRequested.get()) {
      daemon.requestStop();
    }
    // One shutdown hook, for every other way the JVM may end (SIGHUP, no signal handlers).
    var hook = new Thread(daemon::close, "flightlog-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "flightlog serve: capturing on "
            + (tlsKeystore == null ? "http://" : "https://")
            + daemon.addr()
            + " — database "
            + daemon.database()
            + ", transcripts under "
            + daemon.transcriptRoots().stream()
                .map(Path::toString)
                .collect(Collectors.joining(" and ")));
    out.flush();
    try {
      daemon.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    daemon.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already; the hook finds the daemon closed.
    }
    var failure = daemon.failure();
    if (failure != null) {
      err.println("flightlog: serve stopped: " + failure.getMessage());
      return Main.FAILED;
    }
    return Main.OK;
  }

  /** Parses {@code HOST:PORT} ({@code [::1]:PORT} for IPv6) into the server's settings. */
  private Server.Config address(String text) {
    try {
      return Server.Config.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--addr: " + e.getMessage());
    }
  }

  /**
   * The token, TLS and public host names from the options, refused unless they make listening on
   * {@code host} safe: off loopback, a token and TLS (served here or by a proxy in front).
   */
  private Access access(String host) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw usage("--addr: unknown host '" + host + "'");
    }
    if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
      throw usage("--tls-keystore and --tls-password-file go together: give both or neither");
    }
    if (tlsKeystore != null && behindTlsProxy) {
      throw usage(
          "--tls-keystore and --behind-tls-proxy exclude each other: TLS is served here or by the"
              + " proxy in front");
    }
    if (behindTlsProxy && tokenFile == null) {
      throw usage(
          "--behind-tls-proxy needs --token-file: the proxy makes the daemon reachable by others");
    }
    if (!loopback && (tokenFile == null || (tlsKeystore == null && !behindTlsProxy))) {
      var missing = new ArrayList<String>();
      if (tokenFile == null) {
        missing.add("an access token (--token-file FILE)");
      }
      if (tlsKeystore == null && !behindTlsProxy) {
        missing.add(
            "TLS (--tls-keystore FILE.p12 with --tls-password-file FILE, or --behind-tls-proxy"
                + " when a TLS-terminating proxy is in front)");
      }
      throw usage(
          "--addr "
              + addr
              + " is not a loopback address; listening there needs "
              + String.join(" and ", missing));
    }
    String token = null;
    if (tokenFile != null) {
      try {
        token = new Access(Access.readToken(tokenFile), null, false, List.of()).token();
      } catch (IllegalArgumentException e) {
        throw usage("--token-file: " + e.getMessage());
      }
    }
    SSLContext tls = null;
    if (tlsKeystore != null && tlsPasswordFile != null) {
      try {
        tls = Access.loadTls(tlsKeystore, tlsPasswordFile);
      } catch (IllegalArgumentException e) {
        throw usage("--tls-keystore: " + e.getMessage());
      }
    }
    try {
      return new Access(token, tls, behindTlsProxy, publicHosts);
    } catch (IllegalArgumentException e) {
      throw usage("--public-host: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * One line per log record on stderr: time, level, message. {@code System.Logger} goes to
   * java.util.logging, whose default is two lines per record; a format the user set wins.
   */
  private static void concise() {
    var key = "java.util.logging.SimpleFormatter.format";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "%1$tF %1$tT %4$s %5$s%6$s%n");
    }
  }
}
