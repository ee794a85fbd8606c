package dev.flightlog.cli;

import dev.flightlog.report.Export;
import dev.flightlog.report.ExportFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    description = {
      "Print records as JSON lines or CSV, for scripts; works without the daemon.",
      "Records are streamed in a stable order (start time, then agent and id), so",
      "exports of any size use little memory.",
      "",
      "Kinds:",
      "  tool_calls  one record per tool call: id, agent, session_id, thread_id,",
      "              prompt_id, tool, mcp_server, summary, status, error,",
      "              started_at, ended_at, duration_ms, output_bytes, project,",
      "              message_id, sources, input, output_excerpt",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  flightlog export --kind tool_calls > tool_calls.jsonl",
      "  flightlog export --kind tool_calls --format csv --since 2026-11-01",
      "",
      "Exit codes: 0 exported; 1 failed (e.g. no database); 2 bad command line."
    },
    mixinStandardHelpOptions = true)
final class ExportCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec CommandSpec spec;

  @Mixin StoreOption store;

  @Mixin ReportCommand.Filters filters;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      required = true,
      description = "What to export: tool_calls.")
  String kind = "";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "jsonl",
      description =
          "jsonl (one JSON object per line; json is accepted as an alias) or csv (a header"
              + " row, then the same columns) (default: ${DEFAULT-VALUE}).")
  String format = "jsonl";

  @Option(
      names = "--session",
      paramLabel = "SESSION_ID",
      description = "Only the records of this session.")
  @org.jspecify.annotations.Nullable
  String session;

  ExportCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var line = spec.commandLine();
    if (!kind.equals("tool_calls")) {
      throw new ParameterException(
          line, "--kind: unknown kind '" + kind + "' (expected one of: tool_calls)");
    }
    ExportFormat output;
    try {
      output = ExportFormat.fromWireName(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(line, "--format: " + e.getMessage());
    }
    var zone = filters.zone(line);
    var filter = filters.filter(line, zone, null, session);
    try (var db = ReportCommand.openExisting(store, environment)) {
      Export.toolCalls(db.reads(), filter, output, line.getOut());
    }
    return Main.OK;
  }
}
