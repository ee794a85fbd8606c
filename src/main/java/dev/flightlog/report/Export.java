package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PATH;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;

import dev.flightlog.Channel;
import dev.flightlog.store.Filter;
import dev.flightlog.store.Reads;
import dev.flightlog.store.ToolCallRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code export}: records as JSON lines or CSV, streamed in a stable order without holding them in
 * memory. The tool call columns are a stable interface (PRODUCT.md §10); {@code id} is the tool use
 * id, {@code sources} the channels that saw the call, {@code duration_ms} the agent's measured
 * duration, else end minus start.
 */
public final class Export {
  private Export() {}

  static final List<Column> TOOL_CALL_COLUMNS =
      List.of(
          Column.of("id", null, ID),
          Column.of("agent", null, TEXT),
          Column.of("session_id", null, ID),
          Column.of("thread_id", null, TEXT),
          Column.of("prompt_id", null, ID),
          Column.of("tool", null, TEXT),
          Column.of("mcp_server", null, TEXT),
          Column.of("summary", null, TEXT),
          Column.of("status", null, TEXT),
          Column.of("error", null, TEXT),
          Column.of("started_at", null, TIME),
          Column.of("ended_at", null, TIME),
          Column.of("duration_ms", null, NUMBER),
          Column.of("output_bytes", null, NUMBER),
          Column.of("project", null, PATH),
          Column.of("message_id", null, ID),
          Column.of("sources", null, LIST),
          Column.of("input", null, TEXT),
          Column.of("output_excerpt", null, TEXT));

  /**
   * Writes every tool call matching {@code filter}, ordered by start time (unknown first), agent
   * and id, and flushes.
   *
   * @return how many tool calls were written
   */
  public static long toolCalls(Reads reads, Filter filter, ExportFormat format, Writer out) {
    try {
      long count =
          switch (format) {
            case JSONL -> {
              var json = new JsonOutput(out);
              long written =
                  reads.toolCalls(
                      filter, row -> unchecked(() -> json.line(TOOL_CALL_COLUMNS, values(row))));
              json.flush();
              yield written;
            }
            case CSV -> {
              var csv = new CsvOutput(out);
              csv.header(TOOL_CALL_COLUMNS);
              yield reads.toolCalls(filter, row -> unchecked(() -> csv.row(values(row))));
            }
          };
      out.flush();
      return count;
    } catch (IOException e) {
      throw new ReportException("cannot write the export: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new ReportException("cannot write the export: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the tool call of {@code agent} with the tool use id {@code toolUseId} as one JSON object
   * with the fields of {@link #toolCalls} (and a newline), or nothing when there is none.
   *
   * @return whether the call exists
   */
  public static boolean toolCall(Reads reads, String agent, String toolUseId, Writer out) {
    var row = reads.toolCall(agent, toolUseId);
    if (row == null) {
      return false;
    }
    try {
      var json = new JsonOutput(out);
      json.line(TOOL_CALL_COLUMNS, values(row));
      json.flush();
      out.flush();
      return true;
    } catch (IOException e) {
      throw new ReportException("cannot write the tool call: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Write {
    void run() throws IOException;
  }

  private static void unchecked(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Value> values(ToolCallRow row) {
    return List.of(
        Value.text(row.toolUseId()),
        Value.text(row.agent()),
        Value.text(row.sessionId()),
        Value.text(row.threadId()),
        Value.text(row.promptId()),
        Value.text(row.tool()),
        Value.text(row.mcpServer()),
        Value.text(row.summary()),
        Value.text(row.status().wireName()),
        Value.text(row.error()),
        Value.time(row.startedAt()),
        Value.time(row.endedAt()),
        Value.count(row.durationMs()),
        Value.count(row.outputBytes()),
        Value.text(row.project().isEmpty() ? null : row.project()),
        Value.text(row.messageId()),
        Value.names(Channel.names(row.sources())),
        Value.text(row.input()),
        Value.text(row.outputExcerpt()));
  }
}
