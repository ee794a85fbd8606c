package dev.flightlog.report;

import dev.flightlog.store.Reads;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;

/** Computes reports from a store's reads and the price table, and writes them in a format. */
public final class Reports {

  private final Reads reads;
  private final PriceTable prices;
  private final Clock clock;

  /** Reports whose "now" (the active 5-hour block) is the system clock's. */
  public Reports(Reads reads, PriceTable prices) {
    this(reads, prices, Clock.systemUTC());
  }

  /** Reports whose "now" (the active 5-hour block) is {@code clock}'s. */
  public Reports(Reads reads, PriceTable prices, Clock clock) {
    this.reads = reads;
    this.prices = prices;
    this.clock = clock;
  }

  /**
   * Computes a report and writes it to {@code out} in {@code format}. {@code terminal} says whether
   * {@code out} is a terminal, where the table may use bold text and box-drawing characters.
   */
  public void write(
      ReportName report, ReportQuery query, Format format, boolean terminal, Writer out) {
    var result = compute(report, query);
    try {
      switch (format) {
        case TABLE -> new TableOutput(out, terminal, query.zone()).result(result);
        case JSON -> new JsonOutput(out).result(result);
        case CSV -> new CsvOutput(out).result(result);
      }
    } catch (IOException e) {
      throw new ReportException("cannot write the report: " + e.getMessage(), e);
    }
  }

  /**
   * Writes one stored tool call as the JSON object of {@code export --kind tool_calls}.
   *
   * @return whether {@code agent} has a call with that tool use id
   */
  public boolean toolCall(String agent, String toolUseId, Writer out) {
    return Export.toolCall(reads, agent, toolUseId, out);
  }

  /** The state of capture as the database records it (see {@link dev.flightlog.store.Health}). */
  public dev.flightlog.store.Health capture() {
    return reads.health();
  }

  Result compute(ReportName report, ReportQuery query) {
    return switch (report) {
      case OVERVIEW -> Overview.compute(reads, prices, query);
      case TOOLS -> Tools.compute(reads, query);
      case SESSIONS -> Sessions.compute(reads, prices, query);
      case DAILY -> Daily.compute(reads, prices, query);
      case COVERAGE -> Coverage.compute(reads, query);
      case WEEKLY -> Weekly.compute(reads, prices, query);
      case MONTHLY -> Monthly.compute(reads, prices, query);
      case BLOCKS -> FiveHourBlocks.compute(reads, prices, query, clock.instant());
      case MODELS -> Models.compute(reads, prices, query);
      case PROJECTS -> Projects.compute(reads, prices, query);
      case SESSION -> SessionTimeline.compute(reads, prices, query);
      case ERRORS -> Errors.compute(reads, query);
      case RECOVERY -> Recovery.compute(reads, query);
      case FLOW -> Flow.compute(reads, query);
      case REDACTIONS -> Redactions.compute(reads, query);
    };
  }
}
