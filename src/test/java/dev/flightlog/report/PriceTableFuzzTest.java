package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flightlog.ScratchFile;
import dev.flightlog.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Arbitrary bytes as the user's price file ({@code $FLIGHTLOG_HOME/prices.json}, read by {@link
 * PriceTable#load}): a table comes back, or a {@link ReportException} whose message names the file
 * and the line and column, nothing else (no other exception, no hang, no overflow). A plain {@code
 * mvn test} replays the seeds (and any crash kept as a regression case) under {@code
 * src/test/resources/dev/flightlog/report/PriceTableFuzzTestInputs/load/}; {@code JAZZER_FUZZ=1}
 * fuzzes. See docs/fuzzing.md.
 */
class PriceTableFuzzTest {

  private static final Usage USAGE = new Usage(1_000_000, 2, 3, 4, Long.MAX_VALUE / 2);

  /** One file for every input: a temp dir per input would cost more than the parse. */
  private static final Path FILE = ScratchFile.create("flightlog-price-fuzz", "prices.json");

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "\"models\"",
    "\"as_of\"",
    "\"source\"",
    "\"unit\"",
    "\"notes\"",
    "\"USD per million tokens\"",
    "\"input\"",
    "\"output\"",
    "\"cache_read\"",
    "\"cache_write_5m\"",
    "\"cache_write_1h\"",
    "\"claude-sonnet-4-5\"",
    "\"claude-*\"",
    "\"*\"",
    "1e2147483647",
    "1e-2147483648",
    "-0",
    "0.000000000000000000001"
  })
  void load(byte[] content) throws IOException {
    Files.write(FILE, content);
    PriceTable table;
    try {
      table = PriceTable.load(FILE);
    } catch (ReportException expected) {
      var message = expected.getMessage();
      // Where: line and column; bytes that are no text at all get Jackson's reason instead
      // (with the byte when it gives one: not for an "Unsupported UCS-4 endianness").
      assertThat(message)
          .satisfiesAnyOf(
              m -> assertThat(m).startsWith("malformed the price file " + FILE + " at line "),
              m ->
                  assertThat(m)
                      .startsWith("malformed the price file " + FILE + ": it is not UTF-8 text ("));
      assertThat(message).endsWith("; fix it, or remove it to use the built-in prices");
      return;
    }
    assertThat(table.userFile()).isEqualTo(FILE);
    // Every price it holds can be used: looking a model up and pricing with it throws nothing.
    for (var model : new String[] {"claude-sonnet-4-5-20250929", "claude-opus-4-6", "x"}) {
      var price = table.find(model);
      if (price != null) {
        assertThat(price.cost(USAGE).signum()).isNotNegative();
      }
    }
  }
}
