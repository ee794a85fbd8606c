package dev.flightlog.cli;

import dev.flightlog.report.Format;
import dev.flightlog.report.PriceTable;
import dev.flightlog.report.ReportName;
import dev.flightlog.report.ReportQuery;
import dev.flightlog.report.ReportRequest;
import dev.flightlog.report.ReportRequest.Spelling;
import dev.flightlog.report.Reports;
import dev.flightlog.store.Dsn;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Store;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    description = {
      "Print a report computed from the database; works without the daemon.",
      "",
      "Reports:",
      "  overview    sessions, prompts, tool calls by outcome, recovery, active",
      "              time, tokens and cost",
      "  tools       per tool: calls, ok, errors, denied, interrupted, success",
      "              rate, p50 and p95 duration",
      "  errors      failed calls grouped by signature (tool, category, first",
      "              line normalised): count, sessions, first and last seen",
      "  recovery    episodes after a failed call: recovered, unrecovered,",
      "              interrupted, attempts and time to recover, by tool and",
      "              by signature",
      "  flow        per turn: wall, tool, model and waiting time, calls per",
      "              minute, longest streak of successful calls, idle gaps",
      "  sessions    the most recently active sessions with their totals",
      "  session ID  one session's timeline: prompts, tool calls, model",
      "              requests, subagents (ID: a session id, or its start if",
      "              only one session matches)",
      "  daily       per day in --tz: tokens, cost and models",
      "  weekly      the same per ISO week (Monday first) in --tz",
      "  monthly     the same per calendar month in --tz",
      "  blocks      Claude's 5-hour usage blocks: tokens, cost, the active one",
      "  models      per model: tokens, cost, where each request's cost came",
      "              from, Claude Code's cost-state beside flightlog's figure",
      "  projects    per project: sessions, prompts, tool calls, errors,",
      "              success rate, tokens and cost",
      "  coverage    which channels saw each session's tool calls",
      "  redactions  secrets replaced by markers, per kind and source: count,",
      "              sessions, first and last seen (never a secret value)",
      "",
      "Every number is defined in docs/metrics.md. The same reports are served",
      "as JSON by 'flightlog serve' at /api/report/NAME.",
      "",
      "Cost is Claude Code's own figure where it has one, else tokens x the price",
      "table (override it in $FLIGHTLOG_HOME/prices.json), else Claude Code's",
      "cost-state; a model with no price from any source makes the cost unknown",
      "(null in JSON, - in the table), never $0.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  flightlog report overview --since 2026-11-01",
      "  flightlog report daily --tz Europe/Berlin --format csv > daily.csv",
      "  flightlog report tools --project myrepo --format json",
      "  flightlog report session 3f2a9c1e",
      "  flightlog report recovery --since 2026-11-01 --format json",
      "  flightlog report errors --agent claude --limit 10",
      "",
      "Exit codes: 0 printed; 1 failed (e.g. no database, malformed prices.json,",
      "no session with that ID); 2 bad command line (e.g. report session without",
      "an ID)."
    },
    mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  @Mixin Filters filters;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description =
          "The report: overview, tools, errors, recovery, flow, sessions, session, daily,"
              + " weekly, monthly, blocks, models, projects, coverage or redactions.")
  String name = "";

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "ID",
      description = "session: the session id, or its start when only one session's id starts so.")
  @Nullable String id;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "Only this session (its exact id); for 'report session', the same as ID.")
  @Nullable String session;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table (for people), json or csv (the same stable columns, for scripts)"
              + " (default: ${DEFAULT-VALUE}).")
  String format = "table";

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "Only requests to this model id: narrows tokens, requests and cost (tool calls,"
              + " prompts and sessions have no model).")
  @Nullable String model;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "At most N rows, 0 for all (default: ${DEFAULT-VALUE}): the latest sessions of"
              + " sessions, the latest turns of flow, the most frequent signatures of errors,"
              + " the tools and signatures of recovery, the sessions of coverage.")
  int limit = 50;

  @Option(
      names = "--breakdown",
      arity = "0..1",
      description =
          "daily, weekly, monthly: one row per period and model (tokens, requests and cost of"
              + " that model), instead of one per period.")
  boolean breakdown;

  ReportCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var line = spec.commandLine();
    var report = parse("", () -> ReportName.fromWireName(name));
    var output = parse("--format: ", () -> Format.fromWireName(format));
    if (limit < 0) {
      throw new ParameterException(line, "--limit must be 0 (all) or more, was " + limit);
    }
    var zone = filters.zone(line);
    var filter = filters.filter(line, zone, model, session(line, report));
    var prices = PriceTable.load(environment.dataHome().resolve("prices.json"));
    boolean terminal = environment.interactive() && environment.get("NO_COLOR") == null;
    try (var db = openExisting(store, environment)) {
      new Reports(db.reads(), prices, db.clock())
          .write(
              report,
              new ReportQuery(filter, zone, limit, breakdown),
              output,
              terminal,
              line.getOut());
    }
    return Main.OK;
  }

  /**
   * The session of the filter: for {@code report session} the ID (or {@code --session}), which it
   * needs; for any other report {@code --session}, and no ID.
   */
  private @Nullable String session(picocli.CommandLine line, ReportName report) {
    if (report != ReportName.SESSION) {
      if (id != null) {
        throw new ParameterException(
            line,
            "only 'report session' takes an ID; to narrow '"
                + name
                + "' to one session use --session "
                + id);
      }
      return session;
    }
    if (id != null && session != null && !id.equals(session)) {
      throw new ParameterException(
          line, "report session: ID " + id + " and --session " + session + " differ; give one");
    }
    var chosen = id != null ? id : session;
    if (chosen == null || chosen.isBlank()) {
      throw new ParameterException(
          line,
          "report session needs a session id: flightlog report session ID"
              + " ('flightlog report sessions' lists them)");
    }
    return chosen;
  }

  private <T> T parse(String option, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + e.getMessage());
    }
  }

  /** Opens the database, refusing to create one: a report on a new, empty file helps no one. */
  static Store openExisting(StoreOption store, Environment environment) {
    if (store.dsn(environment) instanceof Dsn.Sqlite(var file)) {
      requireDatabase(file);
    }
    return store.open(environment);
  }

  /** Throws unless the SQLite database {@code file} exists. */
  static void requireDatabase(java.nio.file.Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "no database at "
              + file
              + ": run 'flightlog import' first, or point --db (or FLIGHTLOG_DB) at a database");
    }
  }

  /** The options that choose records, shared by {@code report} and {@code export}. */
  static final class Filters {

    @Option(
        names = "--since",
        paramLabel = "TIME",
        description =
            "Only what happened at or after TIME: a date YYYY-MM-DD (the start of that day in"
                + " --tz) or an RFC 3339 time such as 2026-11-01T09:30:00Z.")
    @Nullable String since;

    @Option(
        names = "--until",
        paramLabel = "TIME",
        description =
            "Only what happened before TIME: a date YYYY-MM-DD includes that whole day in --tz;"
                + " an RFC 3339 time is the exclusive end.")
    @Nullable String until;

    @Option(
        names = "--project",
        paramLabel = "PROJECT",
        description =
            "Only this project: its full path, or its last path components (myrepo matches"
                + " /home/me/src/myrepo).")
    @Nullable String project;

    @Option(
        names = "--agent",
        paramLabel = "AGENT",
        description = "Only this agent: claude, codex or gemini.")
    @Nullable String agent;

    @Option(
        names = "--tz",
        paramLabel = "ZONE",
        description =
            "Time zone of dates, days and times, e.g. Europe/Berlin, Asia/Kolkata or UTC"
                + " (default: the system's).")
    @Nullable String tz;

    ZoneId zone(picocli.CommandLine line) {
      return parsed(line, () -> ReportRequest.zone(tz, Spelling.OPTION));
    }

    Filter filter(
        picocli.CommandLine line, ZoneId zone, @Nullable String model, @Nullable String session) {
      return parsed(
          line,
          () ->
              ReportRequest.filter(
                  since, until, project, agent, model, session, zone, Spelling.OPTION));
    }

    /** Parsing shared with the HTTP API ({@link ReportRequest}); its errors are usage errors. */
    private static <T> T parsed(picocli.CommandLine line, Supplier<T> parser) {
      try {
        return parser.get();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(line, String.valueOf(e.getMessage()));
      }
    }
  }
}
