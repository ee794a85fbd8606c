package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.ID;
import static dev.flightlog.report.Column.Shape.LIST;
import static dev.flightlog.report.Column.Shape.MONEY;
import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PATH;
import static dev.flightlog.report.Column.Shape.PERCENT;
import static dev.flightlog.report.Column.Shape.TEXT;
import static dev.flightlog.report.Column.Shape.TIME;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three renderers on small hand-made results. */
class OutputTest {

  private static final List<Column> COLUMNS =
      List.of(
          Column.of("name", "Name", TEXT),
          Column.of("count", "Count", NUMBER),
          Column.of("cost_usd", "Cost", MONEY),
          Column.of("rate", "Rate", PERCENT),
          Column.of("at", "At", TIME),
          Column.of("tags", null, LIST));

  private static final List<Value> ROW =
      List.of(
          Value.text("a \"quoted\", multi\nline name"),
          Value.count(1234567),
          Value.usd(new BigDecimal("1234.5678915")),
          Value.ratio(2.0 / 3),
          Value.time(Instant.parse("2026-11-01T18:30:00.250Z")),
          Value.names(List.of("x", "y")));

  private static final List<Value> UNKNOWNS =
      List.of(
          Value.UNKNOWN,
          Value.UNKNOWN,
          Value.UNKNOWN,
          Value.UNKNOWN,
          Value.UNKNOWN,
          Value.names(List.of()));

  private static final Result RESULT =
      new Result(COLUMNS, List.of(ROW, UNKNOWNS), false, null, List.of("A note."));

  @Test
  void jsonWritesNumbersPlainlyRoundedTimesInUtcAndNulls() throws IOException {
    var out = new StringWriter();
    new JsonOutput(out).result(RESULT);
    assertThat(out.toString())
        .isEqualTo(
            """
            [
              {"name":"a \\"quoted\\", multi\\nline name","count":1234567,\
            "cost_usd":1234.567892,"rate":0.666667,"at":"2026-11-01T18:30:00.250Z","tags":["x","y"]},
              {"name":null,"count":null,"cost_usd":null,"rate":null,"at":null,"tags":[]}
            ]
            """);
  }

  @Test
  void jsonWritesASingleResultAsOneObjectAndNoRowsAsAnEmptyArray() throws IOException {
    var out = new StringWriter();
    new JsonOutput(out)
        .result(
            new Result(COLUMNS.subList(0, 2), List.of(ROW.subList(0, 2)), true, null, List.of()));
    assertThat(out.toString())
        .isEqualTo(
            """
            {
              "name": "a \\"quoted\\", multi\\nline name",
              "count": 1234567
            }
            """);
    var empty = new StringWriter();
    new JsonOutput(empty).result(new Result(COLUMNS, List.of(), false, null, List.of()));
    assertThat(empty.toString()).isEqualTo("[]\n");
  }

  @Test
  void csvQuotesAsRfc4180SaysAndLeavesUnknownsEmpty() throws IOException {
    var out = new StringWriter();
    new CsvOutput(out).result(RESULT);
    assertThat(out.toString())
        .isEqualTo(
            """
            name,count,cost_usd,rate,at,tags
            "a ""quoted"", multi
            line name",1234567,1234.567892,0.666667,2026-11-01T18:30:00.250Z,x y
            ,,,,,
            """);
  }

  @Test
  void theTableAlignsNumbersCutsTextAndIsPlainAsciiOffATerminal() throws IOException {
    var result =
        new Result(
            List.of(
                Column.of("id", "Session", ID),
                Column.of("project", "Project", PATH),
                Column.of("name", "Name", TEXT),
                Column.of("calls", "Calls", NUMBER),
                Column.of("cost_usd", "Cost", MONEY),
                Column.of("hidden", null, NUMBER)),
            List.of(
                List.of(
                    Value.text("0123456789abcdef"),
                    Value.text("/home/someone/work/a/very/long/path/to/project"),
                    Value.text("a name that is longer than twenty-eight characters"),
                    Value.count(1234),
                    Value.usd(new BigDecimal("0.004")),
                    Value.count(1)),
                List.of(
                    Value.text("s2"),
                    Value.UNKNOWN,
                    Value.text("short"),
                    Value.count(5),
                    Value.UNKNOWN,
                    Value.count(2))),
            false,
            List.of(
                Value.text("Total"),
                Value.UNKNOWN,
                Value.UNKNOWN,
                Value.count(1239),
                Value.UNKNOWN,
                Value.UNKNOWN),
            List.of("Cost unknown (-): no price."));
    var plain = new StringWriter();
    new TableOutput(plain, false, ZoneId.of("UTC")).result(result);
    assertThat(plain.toString())
        .isEqualTo(
            """
            Session   Project                   Name                          Calls   Cost
            ------------------------------------------------------------------------------
            01234567  .../long/path/to/project  a name that is longer tha...  1,234  $0.00
            s2        -                         short                             5      -
            ------------------------------------------------------------------------------
            Total     -                         -                             1,239      -

            Cost unknown (-): no price.
            """);
    var terminal = new StringWriter();
    new TableOutput(terminal, true, ZoneId.of("UTC")).result(result);
    assertThat(terminal.toString())
        .startsWith("\u001b[1mSession   Project")
        .contains("─────")
        .contains("…ry/long/path/to/project")
        .contains("a name that is longer than …");
  }

  @Test
  void theTableNarrowsTextColumnsToFitAHundredCharacters() throws IOException {
    var columns =
        List.of(
            Column.of("a", "A", TEXT),
            Column.of("b", "B", TEXT),
            Column.of("c", "C", PATH),
            Column.of("d", "D", LIST),
            Column.of("n", "N", NUMBER));
    var row =
        List.of(
            Value.text("a".repeat(40)),
            Value.text("b".repeat(40)),
            Value.text("c".repeat(40)),
            Value.names(List.of("d".repeat(40))),
            Value.count(123_456_789_012L));
    var out = new StringWriter();
    new TableOutput(out, false, ZoneId.of("UTC"))
        .result(new Result(columns, List.of(row), false, null, List.of()));
    for (var line : out.toString().lines().toList()) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(TableOutput.WIDTH);
    }
    assertThat(out.toString()).contains("123,456,789,012");
  }

  @Test
  void aSingleResultIsHeadingsAndRightAlignedValuesOnOneLineEach() throws IOException {
    var out = new StringWriter();
    new TableOutput(out, false, ZoneId.of("Asia/Kolkata"))
        .result(new Result(COLUMNS, List.of(ROW), true, null, List.of()));
    assertThat(out.toString())
        .isEqualTo(
            """
            Name   a "quoted", multi line name
            Count                    1,234,567
            Cost                     $1,234.57
            Rate                         66.7%
            At                2026-11-02 00:00
            """);
  }
}
