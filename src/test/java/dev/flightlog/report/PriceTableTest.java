package dev.flightlog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flightlog.Usage;
import dev.flightlog.store.ModelUsage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTableTest {

  @TempDir Path dir;

  private static @Nullable String input(PriceTable table, String model) {
    var price = table.find(model);
    return price == null ? null : price.input().toPlainString();
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        "claude-opus-4-5, 5",
        "claude-opus-4-5-20251101, 5",
        "claude-opus-4-1-20250805, 15",
        "claude-opus-4-20250514, 15",
        "claude-sonnet-4-5-20250929, 3",
        "claude-sonnet-4-20250514, 3",
        "claude-3-7-sonnet-20250219, 3",
        "claude-haiku-4-5-20251001, 1",
        "claude-3-5-haiku-20241022, 0.80",
        "claude-sonnet-4-5@20250929, 3",
        // not a snapshot date of a listed model: a newer model, not priced by an older family
        "claude-opus-4-6, none",
        "claude-opus-5-5, none",
        "claude-sonnet-4-50, none",
        "claude-opus-4-5-2025110, none",
        "<synthetic>, none",
        "'', none"
      })
  void builtInPricesMatchIdsAndSnapshotsButNoOtherModels(String model, @Nullable String input) {
    assertThat(input(PriceTable.builtIn(), model)).isEqualTo(input);
  }

  @Test
  void builtInPricesFollowAnthropicsCacheMultipliers() {
    var table = PriceTable.builtIn();
    assertThat(table.asOf()).isEqualTo("2026-11-24");
    assertThat(table.source())
        .startsWith("https://platform.claude.com/docs/en/about-claude/pricing");
    for (var model :
        new String[] {
          "claude-opus-4-5", "claude-opus-4-1", "claude-opus-4", "claude-sonnet-4-5",
          "claude-sonnet-4", "claude-3-7-sonnet", "claude-haiku-4-5", "claude-3-5-haiku"
        }) {
      var price = Objects.requireNonNull(table.find(model), model);
      var derived = Price.fromInput(price.input(), price.output());
      assertThat(price.cacheRead()).as(model).isEqualByComparingTo(derived.cacheRead());
      assertThat(price.cacheWrite5m()).as(model).isEqualByComparingTo(derived.cacheWrite5m());
      assertThat(price.cacheWrite1h()).as(model).isEqualByComparingTo(derived.cacheWrite1h());
    }
  }

  @Test
  void aUserFileReplacesEntriesAddsModelsAndFamiliesAndDerivesCachePrices() throws IOException {
    var file = dir.resolve("prices.json");
    Files.writeString(
        file,
        """
        {"models": {
          "claude-sonnet-4-5": {"input": 2, "output": 10},
          "claude-opus-5*": {"input": 4, "output": 20, "cache_read": 0.2},
          "claude-opus-5-9": {"input": 1, "output": 2}
        }}
        """);
    var table = PriceTable.load(file);
    var sonnet = Objects.requireNonNull(table.find("claude-sonnet-4-5-20250929"));
    assertThat(sonnet.cacheWrite5m()).isEqualByComparingTo("2.5");
    assertThat(sonnet.cacheWrite1h()).isEqualByComparingTo("4");
    assertThat(sonnet.cacheRead()).isEqualByComparingTo("0.2");
    assertThat(input(table, "claude-opus-5-5")).isEqualTo("4");
    assertThat(input(table, "claude-opus-5-9")).isEqualTo("1");
    assertThat(input(table, "claude-haiku-4-5")).isEqualTo("1");
    assertThat(table.userFile()).isEqualTo(file);
  }

  @Test
  void aMissingUserFileMeansTheBuiltInPrices() {
    var table = PriceTable.load(dir.resolve("absent.json"));
    assertThat(input(table, "claude-haiku-4-5")).isEqualTo("1");
  }

  @Test
  void malformedJsonIsReportedWithTheFileLineColumnAndByte() throws IOException {
    var file = dir.resolve("prices.json");
    Files.writeString(file, "{\"models\": {\n  \"x\": {\"input\": 1,, \"output\": 2}}}\n");
    assertThatThrownBy(() -> PriceTable.load(file))
        .isInstanceOf(ReportException.class)
        .hasMessage(
            "malformed the price file "
                + file
                + " at line 2, column 20 (byte 32): Unexpected character (',' (code 44)): was"
                + " expecting double-quote to start field name; fix it, or remove it to use the"
                + " built-in prices");
  }

  @Test
  void pricesOutOfRangeAndBytesThatAreNoTextAreRefusedAsMalformed() throws IOException {
    var file = dir.resolve("prices.json");
    for (var price : List.of("1e-2147483648", "1e-2147483647", "1e-31", "1000001", "0E+31")) {
      Files.writeString(file, "{\"models\": {\"x\": {\"input\": " + price + ", \"output\": 2}}}");
      assertThatThrownBy(() -> PriceTable.load(file))
          .as(price)
          .isInstanceOf(ReportException.class)
          .hasMessage(
              "malformed the price file "
                  + file
                  + " at line 1, column 28 (byte 27): the price \"input\" of x is out of range (0"
                  + " to 1000000, at most 30 decimals); fix it, or remove it to use the built-in"
                  + " prices");
    }
    Files.write(file, new byte[] {0, 0, 0, '{', 0, 0, 0, '}', -1, -1, -1, -1});
    assertThatThrownBy(() -> PriceTable.load(file))
        .isInstanceOf(ReportException.class)
        .hasMessageStartingWith("malformed the price file " + file + ": it is not UTF-8 text (")
        .hasMessageEndingWith("); fix it, or remove it to use the built-in prices");
  }

  @Test
  void unknownFieldsMissingPricesAndNegativePricesAreRefused() throws IOException {
    var file = dir.resolve("prices.json");
    Files.writeString(file, "{\"models\": {\"x\": {\"input\": 1, \"ouput\": 2}}}");
    assertThatThrownBy(() -> PriceTable.load(file))
        .hasMessage(
            "malformed the price file "
                + file
                + " at line 1, column 31 (byte 30): unknown price \"ouput\" for x (expected input,"
                + " output, cache_read, cache_write_5m, cache_write_1h); fix it, or remove it to use"
                + " the built-in prices");
    Files.writeString(file, "{\"models\": {\"x\": {\"input\": 1}}}");
    assertThatThrownBy(() -> PriceTable.load(file))
        .hasMessageContaining("x needs both an \"input\" and an \"output\" price");
    Files.writeString(file, "{\"models\": {\"x\": {\"input\": -1, \"output\": 2}}}");
    assertThatThrownBy(() -> PriceTable.load(file))
        .hasMessageContaining("the price \"input\" of x cannot be negative");
    Files.writeString(file, "{\"model\": {}}");
    assertThatThrownBy(() -> PriceTable.load(file))
        .hasMessageContaining("unknown field \"model\" (expected models, and optionally as_of");
    Files.writeString(file, "[]");
    assertThatThrownBy(() -> PriceTable.load(file))
        .hasMessageContaining(
            "at line 1, column 1 (byte 0): expected an object but found an array");
  }

  private static ModelUsage usage(
      String model,
      long requests,
      Usage usage,
      double agentCost,
      long agentRequests,
      Usage rest,
      double stateCost,
      long stateRequests) {
    return new ModelUsage(
        model, requests, usage, agentCost, agentRequests, rest, stateCost, stateRequests);
  }

  @Test
  void costIsTheAgentsFigureThenThePriceTableThenTheCostStateThenUnknown() {
    var prices = PriceTable.builtIn();
    var tokens = new Usage(1_000_000, 0, 0, 0, 0);
    // all requests carry the agent's own cost
    assertThat(Cost.of(usage("claude-x", 2, tokens, 0.7, 2, Usage.ZERO, 0, 0), prices).usd())
        .isEqualByComparingTo("0.7");
    // one request priced by the agent, the other by the table: 0.7 + 1M x $3
    assertThat(Cost.of(usage("claude-sonnet-4-5", 2, tokens, 0.7, 1, tokens, 0, 0), prices).usd())
        .isEqualByComparingTo("3.7");
    // an unknown model whose every remaining request has a cost-state share
    assertThat(Cost.of(usage("claude-x", 2, tokens, 0, 0, tokens, 0.25, 2), prices).usd())
        .isEqualByComparingTo("0.25");
    // one of them without a share: unknown, and named
    var unknown = Cost.of(usage("claude-x", 2, tokens, 0, 0, tokens, 0.25, 1), prices);
    assertThat(unknown.usd()).isNull();
    assertThat(unknown.unpricedModels()).containsExactly("claude-x");
    assertThat(unknown.plus(Cost.ZERO).usd()).isNull();
    // no tokens cost nothing, whatever the model
    assertThat(Cost.of(usage("", 1, Usage.ZERO, 0, 0, Usage.ZERO, 0, 0), prices).usd())
        .isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(Cost.of(usage("", 1, tokens, 0, 0, tokens, 0, 0), prices).unpricedModels())
        .containsExactly("(unknown)");
  }
}
