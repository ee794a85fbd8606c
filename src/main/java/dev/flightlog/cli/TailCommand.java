package dev.flightlog.cli;

import dev.flightlog.live.Change;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "tail",
    description = {
      "Follow the live stream of a running daemon (flightlog serve): one line per stored",
      "change (tool calls, prompts, sessions, model requests, …) as it happens.",
      "If the daemon goes away, tail waits and reconnects, resuming where it stopped.",
      ""
    },
    footer = {
      "",
      "Kinds: session, thread, prompt, tool_call, model_request, cost_state, hook_event,",
      "metric_point.",
      "",
      "Examples:",
      "  flightlog tail",
      "  flightlog tail --kind tool_call,prompt",
      "  flightlog tail --format json | jq .tool",
      "",
      "Exit codes: 0 stopped (Ctrl-C, or --limit reached); 1 no daemon at the address, or it",
      "refused the stream; 2 bad command line."
    },
    mixinStandardHelpOptions = true)
final class TailCommand implements Callable<Integer> {

  /** The daemon's default address, as {@code flightlog serve} binds it. */
  private static final String DEFAULT_ADDR = "127.0.0.1:4780";

  /** How long to wait before reconnecting when the daemon did not say ({@code retry:}). */
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final Environment environment;
  private final Clock clock;

  @Spec CommandSpec spec;

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      defaultValue = DEFAULT_ADDR,
      description = "The daemon's address (default: ${DEFAULT-VALUE}).")
  String addr = DEFAULT_ADDR;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      split = ",",
      description = "Only these kinds (comma-separated, or the option repeated).")
  List<String> kinds = new ArrayList<>();

  @Option(
      names = "--session",
      paramLabel = "SESSION_ID",
      description = "Only the events of this session.")
  @Nullable String session;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (one readable line per event; coloured on a terminal unless NO_COLOR is set) or"
              + " json (each event's data object, one per line) (default: ${DEFAULT-VALUE}).")
  String format = "text";

  @Option(
      names = "--tz",
      paramLabel = "ZONE",
      description = "Time zone of the times shown (default: the system's).")
  @Nullable String tz;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N events (default: 0, follow until Ctrl-C).")
  long limit;

  TailCommand(Environment environment) {
    this(environment, Clock.systemUTC());
  }

  TailCommand(Environment environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    var line = spec.commandLine();
    for (var kind : kinds) {
      if (!Change.KINDS.contains(kind)) {
        throw new ParameterException(
            line,
            "--kind: unknown kind '"
                + kind
                + "' (expected one of: "
                + String.join(", ", Change.KINDS)
                + ")");
      }
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(
          line, "--format: unknown format '" + format + "' (expected text or json)");
    }
    if (limit < 0) {
      throw new ParameterException(line, "--limit must be 0 (no limit) or more, was " + limit);
    }
    URI uri;
    try {
      uri = URI.create("http://" + addr.strip() + "/api/events" + query());
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("no host or port");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          line, "--addr: '" + addr + "' is not HOST:PORT (e.g. " + DEFAULT_ADDR + ")");
    }
    var printer =
        format.equals("json")
            ? null
            : new EventLine(
                zone(), environment.interactive() && environment.get("NO_COLOR") == null);
    var out = line.getOut();
    var stopOnInterrupt = Thread.ofPlatform().unstarted(() -> onInterrupt(out));
    Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
    try (var client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build()) {
      return new Follow(client, uri, printer, out, line.getErr()).run();
    } catch (InterruptedException e) {
      // Asked to stop (an interrupt is how an embedding program says Ctrl-C): a normal end.
      out.flush();
      return Main.OK;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs and exits 0.
      }
    }
  }

  /** Ctrl-C ends tail as a normal stop: flush what was printed and exit 0 rather than 130. */
  private static void onInterrupt(PrintWriter out) {
    out.flush();
    Runtime.getRuntime().halt(Main.OK);
  }

  private String query() {
    var parameters = new ArrayList<String>();
    if (!kinds.isEmpty()) {
      parameters.add("kind=" + String.join(",", kinds));
    }
    if (session != null) {
      parameters.add("session=" + URLEncoder.encode(session, StandardCharsets.UTF_8));
    }
    return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
  }

  private ZoneId zone() {
    if (tz == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--tz: unknown time zone '" + tz + "' (use a region such as Europe/Berlin, or UTC)");
    }
  }

  /** One run of following the stream, reconnecting as long as it once connected. */
  private final class Follow {
    private final HttpClient client;
    private final URI uri;
    private final @Nullable EventLine printer;
    private final PrintWriter out;
    private final PrintWriter err;
    private @Nullable String lastEventId;
    private Duration retry = RETRY;
    private long printed;

    Follow(
        HttpClient client, URI uri, @Nullable EventLine printer, PrintWriter out, PrintWriter err) {
      this.client = client;
      this.uri = uri;
      this.printer = printer;
      this.out = out;
      this.err = err;
    }

    int run() throws InterruptedException {
      boolean connected = false;
      boolean waiting = false;
      while (true) {
        HttpResponse<java.io.InputStream> response;
        try {
          var request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
          if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
          }
          response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpTimeoutException e) {
          if (!connected) {
            err.println("flightlog: no daemon at " + addr + " — start it with `flightlog serve`");
            return Main.FAILED;
          }
          if (!waiting) {
            err.println("flightlog: waiting for the daemon at " + addr + " to come back…");
            waiting = true;
          }
          Thread.sleep(retry);
          continue;
        } catch (IOException e) {
          if (Thread.currentThread().isInterrupted()) {
            return Main.OK;
          }
          if (!connected) {
            err.println(
                "flightlog: cannot reach a daemon at "
                    + addr
                    + " ("
                    + e.getMessage()
                    + ") — start it with `flightlog serve`");
            return Main.FAILED;
          }
          Thread.sleep(retry);
          continue;
        }
        if (response.statusCode() != 200) {
          String body;
          try (var in = response.body()) {
            body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
          } catch (IOException e) {
            body = "";
          }
          var fields = EventLine.fields(body);
          var reason = fields == null ? null : fields.get("error");
          err.println(
              "flightlog: the daemon at "
                  + addr
                  + " refused the stream: HTTP "
                  + response.statusCode()
                  + (reason == null ? "" : ": " + reason));
          return Main.FAILED;
        }
        if (connected) {
          err.println("flightlog: reconnected to " + addr);
        }
        connected = true;
        waiting = false;
        try (var reader =
            new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8), 16384)) {
          if (read(reader)) {
            return Main.OK;
          }
        } catch (IOException e) {
          if (Thread.currentThread().isInterrupted()) {
            return Main.OK;
          }
        }
        err.println("flightlog: lost the daemon at " + addr + "; reconnecting…");
        Thread.sleep(retry);
      }
    }

    /**
     * Reads Server-Sent Events until the stream ends (false) or the limit is reached (true). Fields
     * per the HTML specification: {@code id}, {@code event}, {@code data} (lines joined with a
     * newline), {@code retry}; lines starting with a colon are comments.
     */
    private boolean read(BufferedReader reader) throws IOException {
      String id = null;
      String event = null;
      var data = new StringBuilder();
      boolean hasData = false;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        if (text.isEmpty()) {
          if (hasData && dispatch(event, data.toString())) {
            return true;
          }
          if (id != null) {
            lastEventId = id;
          }
          id = null;
          event = null;
          data.setLength(0);
          hasData = false;
          continue;
        }
        if (text.startsWith(":")) {
          continue;
        }
        int colon = text.indexOf(':');
        var field = colon < 0 ? text : text.substring(0, colon);
        var value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "id" -> id = value;
          case "event" -> event = value;
          case "data" -> {
            if (hasData) {
              data.append('\n');
            }
            data.append(value);
            hasData = true;
          }
          case "retry" -> {
            try {
              retry = Duration.ofMillis(Long.parseLong(value));
            } catch (NumberFormatException e) {
              // Not a number: ignored, as the specification says.
            }
          }
          default -> {
            // Unknown fields are ignored, as the specification says.
          }
        }
      }
      return false;
    }

    /** Handles one event; true when the limit is reached. */
    private boolean dispatch(@Nullable String event, String data) {
      if (event == null || event.equals("message")) {
        if (printer == null) {
          out.println(data);
        } else {
          var text = printer.format(data, clock.instant());
          out.println(text == null ? data : text);
        }
        out.flush();
        return limit > 0 && ++printed >= limit;
      }
      var fields = EventLine.fields(data);
      switch (event) {
        case "reset" -> {
          var boot = fields == null ? null : fields.get("boot_id");
          if (lastEventId != null && boot != null && !lastEventId.startsWith(boot + "-")) {
            err.println("flightlog: the daemon restarted; following its new run");
          } else {
            err.println(
                "flightlog: the daemon cannot replay what this tail missed ("
                    + (fields == null ? "no reason given" : fields.get("reason"))
                    + "); following from now");
          }
        }
        case "dropped" ->
            err.println(
                "flightlog: "
                    + (fields == null ? "some" : fields.get("dropped"))
                    + " events dropped: this terminal fell behind the daemon");
        default -> {
          // A control event newer than this tail.
        }
      }
      return false;
    }
  }
}
