package dev.flightlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.report.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  private static final Path GOLDEN = Path.of("src/test/resources/dev/flightlog/report/golden");

  @TempDir static Path dir;

  @BeforeAll
  static void world() {
    Fixture.write(dir.resolve("world.db"));
  }

  private static ReportCommandTest.Run export(String... args) {
    var all = new ArrayList<>(List.of("export"));
    all.addAll(List.of(args));
    all.addAll(List.of("--db", dir.resolve("world.db").toString()));
    return ReportCommandTest.run(dir.resolve("home"), all.toArray(String[]::new));
  }

  private static String golden(String file) throws IOException {
    return Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
  }

  @Test
  void toolCallsExportAsJsonLinesOrCsvWithTheGoldenColumns() throws IOException {
    var jsonl = golden("tool_calls.jsonl");
    assertThat(export("--kind", "tool_calls")).isEqualTo(new ReportCommandTest.Run(0, jsonl, ""));
    assertThat(export("--kind", "tool_calls", "--format", "jsonl").out()).isEqualTo(jsonl);
    assertThat(export("--kind", "tool_calls", "--format", "json").out()).isEqualTo(jsonl);
    assertThat(export("--kind", "tool_calls", "--format", "csv").out())
        .isEqualTo(golden("tool_calls.csv"));
  }

  @Test
  void filtersChooseTheToolCalls() {
    assertThat(export("--kind", "tool_calls", "--session", "s2").out().lines())
        .singleElement()
        .asString()
        .startsWith("{\"id\":\"t7\",");
    assertThat(export("--kind", "tool_calls", "--since", "2026-11-01", "--tz", "UTC").out().lines())
        .extracting(line -> line.substring(7, 9))
        .containsExactly(
            "t3", "t4", "t5", "t6", "t7", "t8", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8");
    assertThat(export("--kind", "tool_calls", "--project", "beta", "--format", "csv").out().lines())
        .hasSize(3);
  }

  @Test
  void wrongCommandLinesExitWithTwoAndSayWhy() {
    var kind = export("--kind", "prompts");
    assertThat(kind.code()).isEqualTo(2);
    assertThat(kind.err())
        .startsWith("--kind: unknown kind 'prompts' (expected one of: tool_calls)\n");
    var format = export("--kind", "tool_calls", "--format", "xml");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err())
        .startsWith("--format: unknown export format 'xml' (expected jsonl or csv)\n");
    var missing = export();
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("Missing required option: '--kind=KIND'\n");
  }

  @Test
  void helpDescribesTheKindsAndColumns() {
    var help = ReportCommandTest.run(dir.resolve("home"), "export", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("Usage: flightlog export")
        .contains("tool_calls  one record per tool call")
        .contains("--kind=KIND")
        .contains("--format=FORMAT")
        .contains("--session=SESSION_ID");
    for (var line : help.out().lines().toList()) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
  }
}
