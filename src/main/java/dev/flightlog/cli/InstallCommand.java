package dev.flightlog.cli;

import dev.flightlog.install.ClaudeSettings;
import dev.flightlog.install.Commands;
import dev.flightlog.install.SettingsEdit;
import dev.flightlog.install.Spooler;
import dev.flightlog.install.UserService;
import dev.flightlog.install.Wiring;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "install",
    description = {
      "Wire Claude Code to flightlog: add flightlog's hooks to Claude Code's settings,",
      "keeping every other setting and every hook already there. Events Claude Code can",
      "POST go over HTTP to the daemon; SessionStart and Setup (which HTTP cannot carry)",
      "go through the spooler, a small shell script written to",
      "$FLIGHTLOG_HOME/bin/flightlog-spool that drops the payload in $FLIGHTLOG_HOME/spool",
      "for the daemon, even while it is down. Running it again changes nothing; a",
      "settings file that changes is backed up first (<file>.flightlog-backup-<time>).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  flightlog install                  HTTP hooks to 127.0.0.1:4780, spooler for the rest",
      "  flightlog install --dry-run        show the diff, write nothing",
      "  flightlog install --durable --otel every event through the spooler, plus OTLP export",
      "  flightlog install --service        also run the daemon at login",
      "  flightlog install --scope project  this project's .claude/settings.json",
      "",
      "Exit codes: 0 wired; 1 failed (e.g. the settings file is not valid JSON, or the",
      "service could not be started); 2 bad command line."
    },
    mixinStandardHelpOptions = true)
final class InstallCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin ClaudeTarget target;

  @Option(
      names = "--durable",
      description = {
        "Send every event through the spooler instead of HTTP, so hooks are kept while",
        "the daemon is stopped (each event then starts a small shell script)."
      })
  boolean durable;

  @Option(
      names = "--otel",
      description = {
        "Also make Claude Code export its OpenTelemetry logs and metrics to the daemon",
        "(adds CLAUDE_CODE_ENABLE_TELEMETRY and OTEL_* to the settings' env; values you",
        "set yourself are kept)."
      })
  boolean otel;

  @Option(
      names = "--service",
      description = {
        "Also install and start a user service that runs flightlog serve at login and",
        "restarts it when it fails (systemd user unit on Linux, launchd agent on macOS)."
      })
  boolean service;

  @Option(
      names = "--launcher",
      paramLabel = "PATH",
      description = {
        "The program the service runs (default: the bin/flightlog that started this",
        "command, else java -jar with this jar)."
      })
  @Nullable Path launcher;

  InstallCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var line = spec.commandLine();
    var out = line.getOut();
    var addr = target.addr(line);
    var script = ClaudeTarget.spoolerScript(environment);
    var spoolDir = ClaudeTarget.spoolDir(environment);
    var wiring = new Wiring(addr, Spooler.command(script), durable, otel);
    var edit = ClaudeSettings.install(target.settingsFile(environment), wiring);
    UserService userService = null;
    UserService.Spec serviceSpec = null;
    if (service) {
      userService = userService(environment);
      serviceSpec = serviceSpec(line, addr);
    }

    if (target.dryRun) {
      out.println("flightlog install --dry-run: nothing was written.");
      printEdit(out, edit);
      out.println("Would write the spooler " + script + " (spool: " + spoolDir + ").");
      if (userService != null && serviceSpec != null) {
        out.println("Would write " + userService.file() + ":");
        userService.content(serviceSpec).lines().forEach(l -> out.println("  " + l));
        for (var command : userService.startCommands(false)) {
          out.println("Would run: " + String.join(" ", command));
        }
      }
      return Main.OK;
    }

    DataHome.prepare(ClaudeTarget.home(environment));
    Spooler.write(script, spoolDir);
    var backup = edit.apply(Clock.systemUTC());

    out.println("Claude Code now reports to flightlog at " + addr + ".");
    out.println(
        "  settings:   "
            + edit.file()
            + " ("
            + ClaudeTarget.scopeName(target.scope)
            + " scope; "
            + (!edit.changed()
                ? "already wired, unchanged"
                : backup != null ? "backup " + backup.getFileName() : "created")
            + ")");
    var http = ClaudeSettings.names(wiring.httpEvents());
    var spooled = ClaudeSettings.names(wiring.spooledEvents());
    out.println(
        "  over HTTP:  "
            + (http.isEmpty()
                ? "none (--durable)"
                : http.size() + " events to " + wiring.hookUrl()));
    out.print(wrapped("  spooler:    ", spooled));
    out.println("              " + script + " -> " + spoolDir);
    out.println(
        "  OpenTelemetry export: "
            + (otel ? "yes, to " + Wiring.otlpEndpoint(addr) : "no (add --otel)"));
    for (var warning : edit.warnings()) {
      out.println("  note: " + warning);
    }
    if (userService == null || serviceSpec == null) {
      out.println("  service:    no (add --service to run the daemon at login)");
      out.println("Next: start the daemon: flightlog serve" + addrFlag(addr));
      return Main.OK;
    }
    var outcome = userService.install(serviceSpec);
    var failure = outcome.failure();
    if (failure != null) {
      out.println("  service:    " + outcome.file() + " written, not started");
      line.getErr()
          .println(
              "flightlog: the service file is in place ("
                  + outcome.file()
                  + "), but "
                  + failure.describe()
                  + ".\nStart the daemon by hand: flightlog serve"
                  + addrFlag(addr)
                  + "\n(or, once the service manager works for your user, run: "
                  + String.join(" ", userService.startCommands(false).getLast())
                  + ")");
      return Main.FAILED;
    }
    out.println("  service:    started, and at every login (" + outcome.file() + ")");
    out.println("Next: use Claude Code as usual; flightlog report overview shows what it did.");
    return Main.OK;
  }

  static void printEdit(PrintWriter out, SettingsEdit edit) {
    if (!edit.changed()) {
      out.println(edit.file() + ": no change.");
    } else {
      out.println("Would " + (edit.existed() ? "change " : "create ") + edit.file() + ":");
      out.print(edit.diff());
    }
    for (var warning : edit.warnings()) {
      out.println("note: " + warning);
    }
  }

  /** Names after a label, comma-separated, in lines of at most 96 columns. */
  private static String wrapped(String label, List<String> names) {
    var out = new StringBuilder(label);
    int column = label.length();
    for (int i = 0; i < names.size(); i++) {
      var word = names.get(i) + (i < names.size() - 1 ? "," : "");
      if (column + 1 + word.length() > 96 && column > label.length()) {
        out.append('\n').append(" ".repeat(label.length()));
        column = label.length();
      } else if (column > label.length()) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
    }
    return out.append('\n').toString();
  }

  private static String addrFlag(String addr) {
    return addr.equals(Wiring.DEFAULT_ADDR) ? "" : " --addr " + addr;
  }

  static UserService userService(Environment environment) {
    return UserService.forPlatform(
        environment.osName(),
        environment.userHome(),
        environment.get("XDG_CONFIG_HOME"),
        Commands.onPath(environment.get("PATH"), Duration.ofSeconds(30)));
  }

  private UserService.Spec serviceSpec(CommandLine line, String addr) {
    var command = new java.util.ArrayList<>(launcher(line));
    command.addAll(List.of("serve", "--addr", addr));
    var variables = new LinkedHashMap<String, String>();
    var home = ClaudeTarget.home(environment);
    variables.put("FLIGHTLOG_HOME", home.toString());
    for (var name : List.of("CLAUDE_CONFIG_DIR", "FLIGHTLOG_DB", "JAVA_HOME")) {
      var value = environment.get(name);
      if (value != null) {
        variables.put(name, value);
      }
    }
    return new UserService.Spec(command, variables, home.resolve("serve.log"));
  }

  /** How the service starts flightlog: --launcher, else bin/flightlog, else java -jar. */
  private List<String> launcher(CommandLine line) {
    if (launcher != null) {
      return List.of(launcher.toAbsolutePath().toString());
    }
    var fromScript = System.getProperty("flightlog.launcher");
    if (fromScript != null && !fromScript.isBlank()) {
      return List.of(Path.of(fromScript).toAbsolutePath().normalize().toString());
    }
    try {
      var location = Main.class.getProtectionDomain().getCodeSource().getLocation();
      var jar = Path.of(location.toURI());
      var java = ProcessHandle.current().info().command();
      if (jar.toString().endsWith(".jar") && java.isPresent()) {
        return List.of(java.get(), "-jar", jar.toString());
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through to the message below
    }
    throw new ParameterException(
        line,
        "--service: cannot tell how to start flightlog (it is not running from bin/flightlog"
            + " or a jar); give the program with --launcher PATH");
  }
}
