package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.store.Filter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report in every format, and the export, on the {@link Fixture} world, compared byte for
 * byte with the files in {@code src/test/resources/dev/flightlog/report/golden/}.
 *
 * <p>After an intended change of output, regenerate the files and review the diff:
 *
 * <pre>
 * mvn test -Dtest=GoldenTest -Dflightlog.regenerate=true
 * git diff src/test/resources/dev/flightlog/report/golden/
 * </pre>
 */
class GoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/dev/flightlog/report/golden");
  private static final boolean REGENERATE = Boolean.getBoolean("flightlog.regenerate");
  private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

  /** The session of {@code report session}: s1, the one with every kind of record. */
  private static final Filter S1 = new Filter(null, null, null, null, null, "s1");

  @TempDir static Path dir;

  @BeforeAll
  static void world() {
    Fixture.write(dir.resolve("world.db"));
  }

  /** One golden file: what produces it. */
  record Case(String file, ReportName report, Format format, boolean terminal) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Case> cases() {
    var cases = new ArrayList<Case>();
    for (var report : ReportName.values()) {
      for (var format : Format.values()) {
        cases.add(new Case(report.wireName() + "." + format.wireName(), report, format, false));
      }
    }
    cases.add(new Case("daily.terminal.table", ReportName.DAILY, Format.TABLE, true));
    return cases;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reportsMatchTheirGoldenFiles(Case golden) throws IOException {
    var out = new StringWriter();
    try (var store = Fixture.open(dir.resolve("world.db"))) {
      new Reports(store.reads(), PriceTable.load(Fixture.NO_USER_PRICES), store.clock())
          .write(
              golden.report(),
              new ReportQuery(golden.report() == ReportName.SESSION ? S1 : Filter.NONE, ZONE, 50),
              golden.format(),
              golden.terminal(),
              out);
    }
    compare(golden.file(), out.toString());
  }

  static List<String> exports() {
    return List.of("tool_calls.jsonl", "tool_calls.csv");
  }

  @ParameterizedTest
  @MethodSource("exports")
  void exportsMatchTheirGoldenFiles(String file) throws IOException {
    var out = new StringWriter();
    var format = file.endsWith(".csv") ? ExportFormat.CSV : ExportFormat.JSONL;
    try (var store = Fixture.open(dir.resolve("world.db"))) {
      assertThat(Export.toolCalls(store.reads(), Filter.NONE, format, out)).isEqualTo(16);
    }
    compare(file, out.toString());
  }

  private static void compare(String file, String actual) throws IOException {
    var path = GOLDEN.resolve(file);
    if (REGENERATE) {
      Files.createDirectories(GOLDEN);
      Files.writeString(path, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(path)
        .as("golden file %s is missing: run with -Dflightlog.regenerate=true", path)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
  }
}
