package dev.flightlog.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import dev.flightlog.claude.CleanupPeriod;
import dev.flightlog.ingest.TranscriptRetention;
import dev.flightlog.install.ClaudeSettings;
import dev.flightlog.install.Commands;
import dev.flightlog.install.InstallException;
import dev.flightlog.install.Spooler;
import dev.flightlog.install.Wiring;
import dev.flightlog.spool.Spool;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    description = {
      "Check the whole capture pipeline and say what to fix: the database, Claude Code's",
      "hooks and where they point, the spooler, the daemon, its user service, the spool",
      "backlog, when each channel last delivered, what the hooks missed lately, inputs",
      "skipped, and whether Claude Code's transcript clean-up would delete history flightlog",
      "has not read yet.",
      ""
    },
    footer = {
      "",
      "Each line starts with ok, warn or FAIL. Exit codes: 0 nothing failed (warnings allowed);",
      "1 something failed; 2 bad command line."
    },
    mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOption store;

  @Option(
      names = "--addr",
      paramLabel = "HOST:PORT",
      defaultValue = Wiring.DEFAULT_ADDR,
      description = "The daemon's address (default: ${DEFAULT-VALUE}).")
  String addr = Wiring.DEFAULT_ADDR;

  private int failures;
  private int warnings;

  DoctorCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (var db = store.open(environment)) {
      database(out, db);
      var settings = environment.claudeConfigDirs().getFirst().resolve("settings.json");
      boolean hooks = hooks(out, settings);
      var health = daemon(out, db);
      service(out);
      spool(out, health != null);
      channels(out, db, hooks);
      coverage(out, db);
      retention(out, db, settings);
    }
    out.println();
    out.println(
        failures == 0
            ? "flightlog doctor: nothing failed"
                + (warnings == 0 ? "." : " (" + warnings + " warning(s)).")
            : "flightlog doctor: " + failures + " check(s) failed.");
    out.flush();
    return failures == 0 ? Main.OK : Main.FAILED;
  }

  /** The {@code --addr} option to repeat in advice, when the address is not the default. */
  private String addrOption() {
    return addr.equals(Wiring.DEFAULT_ADDR) ? "" : " --addr " + addr;
  }

  private void ok(PrintWriter out, String text) {
    out.println("ok    " + text);
  }

  private void warn(PrintWriter out, String text) {
    warnings++;
    out.println("warn  " + text);
  }

  private void fail(PrintWriter out, String text) {
    failures++;
    out.println("FAIL  " + text);
  }

  private void database(PrintWriter out, Store db) {
    var problems = db.reads().integrityProblems();
    var health = db.reads().health();
    if (problems.isEmpty()) {
      ok(
          out,
          "database "
              + db.file()
              + ": sound; "
              + health.sessions()
              + " sessions, "
              + health.toolCalls()
              + " tool calls, "
              + health.hookEvents()
              + " hook payloads");
    } else {
      fail(
          out,
          "database "
              + db.file()
              + " is damaged: "
              + String.join("; ", problems)
              + " — stop the daemon and restore it from a backup, or move it away and run"
              + " flightlog import");
    }
  }

  /** Whether installing again would change nothing, for any of the wirings install makes. */
  private boolean hooks(PrintWriter out, Path settings) {
    var spooler = ClaudeTarget.spoolerCommand(environment);
    try {
      for (boolean durable : new boolean[] {false, true}) {
        for (boolean otel : new boolean[] {false, true}) {
          var edit = ClaudeSettings.install(settings, new Wiring(addr, spooler, durable, otel));
          if (!edit.changed()) {
            ok(
                out,
                "hooks in "
                    + settings
                    + " point at http://"
                    + addr
                    + (durable ? " (durable: every event through the spooler)" : "")
                    + (otel ? ", with OpenTelemetry export" : ""));
            return spoolerScript(out);
          }
        }
      }
      var text = Files.exists(settings) ? Files.readString(settings) : "";
      if (text.contains("/hook\"") || text.contains("flightlog-spool")) {
        fail(
            out,
            "the hooks in "
                + settings
                + " are incomplete or point at another daemon or data directory than this one"
                + " (http://"
                + addr
                + ", "
                + ClaudeTarget.home(environment)
                + ") — run: flightlog install"
                + addrOption());
      } else {
        fail(out, "no flightlog hooks in " + settings + " — run: flightlog install" + addrOption());
      }
    } catch (InstallException | IOException e) {
      fail(out, "cannot check the hooks: " + e.getMessage());
    }
    return false;
  }

  private boolean spoolerScript(PrintWriter out) {
    var script = ClaudeTarget.spoolerScript(environment);
    try {
      if (!Files.isExecutable(script)) {
        fail(
            out,
            "the spooler " + script + " is missing or not executable — run: flightlog install");
        return false;
      }
      if (!Files.readString(script).equals(Spooler.script(ClaudeTarget.spoolDir(environment)))) {
        fail(out, "the spooler " + script + " is out of date — run: flightlog install");
        return false;
      }
      ok(out, "spooler " + script + " writes to " + ClaudeTarget.spoolDir(environment));
      return true;
    } catch (IOException e) {
      fail(out, "cannot read the spooler " + script + ": " + e.getMessage());
      return false;
    }
  }

  /** The daemon's health, or null when it cannot be reached. */
  private @Nullable Map<String, String> daemon(PrintWriter out, Store db) {
    Map<String, String> health;
    try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      var response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://" + addr + "/api/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        fail(
            out,
            "something answers at "
                + addr
                + " but not as flightlog does (HTTP "
                + response.statusCode()
                + ") — choose another --addr for flightlog serve and flightlog install");
        return null;
      }
      health = fields(response.body());
    } catch (IOException e) {
      fail(
          out,
          "no daemon at http://"
              + addr
              + " — start it: flightlog serve"
              + addrOption()
              + " (or once for good: flightlog install --service"
              + addrOption()
              + ")");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    var theirs = health.getOrDefault("db", "");
    if (!theirs.equals(db.file().toString())) {
      fail(
          out,
          "the daemon at "
              + addr
              + " writes "
              + theirs
              + ", not "
              + db.file()
              + " — set the same FLIGHTLOG_HOME (or --db) for both");
    } else {
      ok(
          out,
          "daemon at http://"
              + addr
              + " (pid "
              + health.getOrDefault("pid", "?")
              + ", version "
              + health.getOrDefault("version", "?")
              + ", up since "
              + health.getOrDefault("started_at", "?")
              + ")");
    }
    return health;
  }

  private static Map<String, String> fields(byte[] json) throws IOException {
    var fields = new HashMap<String, String>();
    try (var parser = new JsonFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return fields;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var name = parser.currentName();
        var value = parser.nextToken();
        if (value.isScalarValue()) {
          fields.put(name, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    }
    return fields;
  }

  private void service(PrintWriter out) {
    try {
      var service = InstallCommand.userService(environment);
      if (!Files.exists(service.file())) {
        ok(out, "no user service installed (optional: flightlog install --service)");
        return;
      }
      var commands = Commands.onPath(environment.get("PATH"), Duration.ofSeconds(5));
      if (commands.find("systemctl") == null) {
        warn(out, "user service " + service.file() + " exists, but systemctl is not on PATH");
        return;
      }
      var state =
          commands.run(java.util.List.of("systemctl", "--user", "is-active", "flightlog.service"));
      if (state.ok()) {
        ok(out, "user service " + service.file() + " is active");
      } else {
        fail(
            out,
            "user service "
                + service.file()
                + " is not running ("
                + state.output().strip()
                + ") — see: systemctl --user status flightlog.service");
      }
    } catch (InstallException e) {
      ok(out, "no user service on this platform (" + e.getMessage() + ")");
    }
  }

  private void spool(PrintWriter out, boolean daemonUp) {
    var spool = new Spool(ClaudeTarget.spoolDir(environment));
    int backlog = spool.backlog();
    if (backlog == 0) {
      ok(out, "spool " + spool.dir() + " is empty");
    } else if (!daemonUp) {
      warn(
          out,
          backlog
              + " hook payload(s) wait in "
              + spool.dir()
              + "; they are stored when the daemon starts");
    } else {
      fail(
          out,
          backlog
              + " hook payload(s) wait in "
              + spool.dir()
              + " although the daemon runs — is it reading another FLIGHTLOG_HOME?");
    }
  }

  private void channels(PrintWriter out, Store db, boolean hooksInstalled) {
    var health = db.reads().health();
    var now = Clock.systemUTC().instant();
    if (health.lastHookAt() == null) {
      if (hooksInstalled) {
        warn(out, "no hook payload received yet (they arrive once Claude Code runs)");
      }
    } else {
      ok(out, "last hook payload " + age(health.lastHookAt(), now) + " ago");
    }
    if (health.lastTranscriptReadAt() == null) {
      warn(out, "no transcript read yet — start flightlog serve, or run flightlog import");
    } else {
      ok(
          out,
          "last transcript read "
              + age(health.lastTranscriptReadAt(), now)
              + " ago ("
              + health.followedFiles()
              + " files followed)");
    }
    var day = now.minus(Duration.ofDays(1));
    for (var skip : health.skips()) {
      if (skip.lastSeen().isAfter(day)) {
        warn(
            out,
            skip.count()
                + " "
                + skip.channel()
                + " input(s) skipped as "
                + skip.reason()
                + ", the last "
                + age(skip.lastSeen(), now)
                + " ago: "
                + skip.lastDetail());
      }
    }
  }

  private void coverage(PrintWriter out, Store db) {
    var now = Clock.systemUTC().instant();
    var week = new Filter(now.minus(Duration.ofDays(7)), null, null, null, null, null);
    long missed = 0;
    long calls = 0;
    long hooked = 0;
    for (var session : db.reads().coverage(week)) {
      calls += session.toolCalls();
      missed += session.transcriptOnly();
      hooked += session.byHooks();
    }
    if (calls == 0) {
      ok(out, "no tool calls in the last 7 days");
    } else if (hooked > 0 && missed > 0) {
      warn(
          out,
          missed
              + " of "
              + calls
              + " tool calls of the last 7 days reached flightlog only through the transcript"
              + " (the daemon was down, or the hooks missing then): flightlog report coverage");
    } else {
      ok(out, hooked + " of " + calls + " tool calls of the last 7 days came through the hooks");
    }
  }

  private void retention(PrintWriter out, Store db, Path settings) {
    int days = TranscriptRetention.cleanupDays(settings);
    var roots = environment.claudeConfigDirs().stream().map(d -> d.resolve("projects")).toList();
    var check = TranscriptRetention.check(roots, db.positions(), days, Clock.systemUTC().instant());
    for (var problem : check.problems()) {
      warn(out, problem);
    }
    var setting =
        "Claude Code deletes transcripts after "
            + days
            + " days"
            + (days == CleanupPeriod.DEFAULT_DAYS ? " (its default cleanupPeriodDays)" : "");
    if (check.atRisk() > 0) {
      fail(
          out,
          setting
              + ": "
              + check.atRisk()
              + " transcript(s) flightlog has not fully read will be deleted within "
              + TranscriptRetention.MARGIN.toDays()
              + " days — run: flightlog import (or keep flightlog serve running)");
    } else if (check.unread() > 0) {
      warn(out, setting + "; " + check.unread() + " transcript(s) not fully read yet");
    } else {
      ok(out, setting + "; flightlog has read every transcript, and keeps its records after that");
    }
  }

  private static String age(Instant then, Instant now) {
    long seconds = Math.max(0, Duration.between(then, now).toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min";
    }
    if (seconds < 172_800) {
      return seconds / 3600 + " h";
    }
    return seconds / 86_400 + " days";
  }
}
