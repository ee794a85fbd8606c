package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Decoded;
import dev.flightlog.SharedSamples;
import dev.flightlog.SkipReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pre-scan that lets lines of ignored types skip Jackson: what it recognises, what it leaves to
 * Jackson, and that decoding with it gives exactly what decoding without it gives — on every line
 * of every real transcript sample and on generated lines.
 */
class TypeScanTest {

  private static @Nullable String scanned(String line) {
    var bytes = line.getBytes(StandardCharsets.UTF_8);
    var ignorable = TypeScan.scan(bytes, 0, bytes.length);
    return ignorable == null ? null : "ignored, version " + ignorable.version();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"mode\"}",
        "  {\"type\" : \"mode\"}\r",
        "{\"type\"\t:\n\"mode\" , \"x\":1}",
        // An attachment's own type comes after the nested one.
        "{\"attachment\":{\"type\":\"file\",\"content\":{\"type\":\"user\"}},\"type\":\"attachment\"}",
        "{\"a\":\"\\\"type\\\":\\\"user\\\"\",\"type\":\"system\"}",
        "{\"a\":\"ends in a backslash \\\\\",\"type\":\"system\"}",
        "{\"a\":[{\"type\":\"user\"},[\"type\",\"user\"]],\"type\":\"api-request-blob\"}",
        "{\"a\":\"é 𝄞 \\u00e9\",\"type\":\"summary\"}",
        "{\"type\":\"queue-operation\",\"version\":\" \"}"
      })
  void findsTheTopLevelTypeOfIgnoredLines(String line) {
    assertThat(scanned(line)).isEqualTo("ignored, version null");
  }

  @Test
  void takesTheVersionWherever() {
    assertThat(scanned("{\"version\":\"2.1.9\",\"x\":{\"version\":\"no\"},\"type\":\"mode\"}"))
        .isEqualTo("ignored, version 2.1.9");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Types that matter, unknown types, and no type.
        "{\"type\":\"user\",\"message\":{}}",
        "{\"type\":\"assistant\"}",
        "{\"type\":\"cost-state\",\"totalCostUSD\":1}",
        "{\"type\":\"brand-new\"}",
        "{\"attachment\":{\"type\":\"attachment\"}}",
        "{\"x\":\"type\",\"y\":\"mode\"}",
        // A message first is a conversation line's shape: not scanned to the end.
        "{\"message\":{},\"type\":\"mode\"}",
        // Not plainly a string, or possibly spelled another way.
        "{\"type\":null}",
        "{\"type\":[\"mode\"]}",
        "{\"type\":\"mo\\u0064e\"}",
        "{\"typ\\u0065\":\"user\",\"type\":\"mode\"}",
        "{\"type\":\"mode\",\"type\":\"user\"}",
        "{\"type\":\"mode\",\"version\":2}",
        "{\"type\":\"mode\",\"version\":\"1\",\"version\":\"2\"}",
        // Malformed: Jackson says how.
        "",
        "[]",
        "{\"type\":\"mode\"",
        "{\"type\":\"mode\",\"a\":{\"b\":[}]}",
        "{\"type\":\"mode\",\"a\":[1}",
        "{\"type\":\"mode\"}]",
        "{\"type\":\"mode\"} {\"type\":\"mode\"}",
        "{\"type\":\"mode\",\"a\":\"unclosed}",
        "{\"type\":\"mode\",\"a\":\"bad escape \\x\"}",
        "{\"type\":\"mode\",\"a\":\"short \\u12\"}",
        "{\"type\":\"mode\",\"a\":\"raw\ttab\"}",
        "{\"type\":\"mode\",\"a\":\"\\\"}"
      })
  void leavesEverythingElseToJackson(String line) {
    assertThat(scanned(line)).isNull();
  }

  @Test
  void leavesBytesThatAreNotTextToJackson() {
    var invalid = "{\"type\":\"mode\",\"a\":\"?\"}".getBytes(StandardCharsets.UTF_8);
    invalid[20] = (byte) 0xFF;
    var nul = "{\"type\":\"mode\",\"a\":\"?\"}".getBytes(StandardCharsets.UTF_8);
    nul[20] = 0;
    var cut = "{\"type\":\"mode\",\"a\":\"??\"}".getBytes(StandardCharsets.UTF_8);
    cut[20] = (byte) 0xE2;
    cut[21] = (byte) 0x82;

    for (var line : List.of(invalid, nul, cut)) {
      assertThat(TypeScan.scan(line, 0, line.length)).isNull();
      assertThat(decode(line, true)).isEqualTo(decode(line, false));
      assertThat(decode(line, true)).isInstanceOf(Decoded.Skipped.class);
    }
  }

  @Test
  void nestsAsDeepAsJacksonAndNoDeeper() {
    var deepest = "{\"type\":\"mode\",\"a\":" + "[".repeat(999) + "]".repeat(999) + "}";
    var deeper = "{\"type\":\"mode\",\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

    assertThat(scanned(deepest)).isEqualTo("ignored, version null");
    assertThat(scanned(deeper)).isNull();
    var bytes = deeper.getBytes(StandardCharsets.UTF_8);
    assertThat(decode(bytes, true))
        .isEqualTo(decode(bytes, false))
        .isInstanceOf(Decoded.Skipped.class);
  }

  @Test
  void aTruncatedIgnoredLineIsStillMalformed() {
    var line = "{\"type\":\"api-request-shape\",\"body\":{\"messages\":[{\"type\":\"text\"}]}}";
    for (int cut = 1; cut < line.length(); cut++) {
      var bytes = line.substring(0, cut).getBytes(StandardCharsets.UTF_8);
      var decoded = decode(bytes, true);

      assertThat(decoded).isEqualTo(decode(bytes, false));
      assertThat(decoded)
          .isInstanceOfSatisfying(
              Decoded.Skipped.class,
              s -> assertThat(s.reason()).isEqualTo(SkipReason.MALFORMED_JSON));
    }
  }

  /**
   * The documented gap: between strings, the scan checks structure, not grammar. A line of an
   * ignored type with a broken literal yields no facts instead of being counted malformed.
   */
  @Test
  void grammarInsideAnIgnoredLineIsNotChecked() {
    var line = "{\"type\":\"mode\",\"a\":tru}".getBytes(StandardCharsets.UTF_8);

    assertThat(decode(line, false)).isInstanceOf(Decoded.Skipped.class);
    assertThat(decode(line, true)).isEqualTo(new Decoded.Facts(List.of(), List.of()));
  }

  @Test
  void anIgnoredLineStillSetsTheVersionOfTheState() {
    var line =
        "{\"type\":\"system\",\"version\":\"2.1.400\"}\n{\"type\":\"brand-new\"}"
            .getBytes(StandardCharsets.UTF_8);
    for (boolean preScan : new boolean[] {true, false}) {
      var decoder = new TranscriptDecoder(Lines.MAIN, "", preScan);
      decoder.decode(line, 0, 37);
      var drift = decoder.decode(line, 38, line.length - 38);

      assertThat(decoder.state()).contains("2.1.400");
      assertThat(drift)
          .isInstanceOfSatisfying(
              Decoded.Facts.class,
              f -> assertThat(f.drift().getFirst().agentVersion()).isEqualTo("2.1.400"));
    }
  }

  // ---- equivalence on real transcripts ----

  static Stream<Path> transcripts() throws IOException {
    var paths = new ArrayList<Path>();
    var samples = SampleGroundTruthTest.samplesDir();
    if (Files.isDirectory(samples)) {
      try (var walk = Files.walk(samples)) {
        walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(paths::add);
      }
    }
    try (var walk = Files.walk(Path.of("src/test/resources/claude"))) {
      walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(paths::add);
    }
    return paths.stream();
  }

  @Test
  void theRealSamplesAreThere() throws IOException {
    SharedSamples.claudeSamples();
    assertThat(transcripts().count()).isGreaterThan(2);
  }

  /** Every line of a real transcript, in order, decodes to the same with and without the scan. */
  @ParameterizedTest
  @MethodSource("transcripts")
  void everyLineOfARealTranscriptDecodesTheSame(Path path) throws IOException {
    var file = TranscriptFile.of(path);
    var transcript = file != null ? file : Lines.MAIN;
    var bytes = Files.readAllBytes(path);
    var fast = new TranscriptDecoder(transcript, "", true);
    var slow = new TranscriptDecoder(transcript, "", false);
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i > start) {
          var where = path + " at byte " + start;
          assertThat(fast.decode(bytes, start, i - start))
              .as(where)
              .isEqualTo(slow.decode(bytes, start, i - start));
          assertThat(fast.state()).as(where).isEqualTo(slow.state());
        }
        start = i + 1;
      }
    }
  }

  // ---- equivalence on generated lines ----

  private static final List<String> TYPES =
      Stream.concat(
              Schema.IGNORED_TYPES.stream().sorted(),
              Stream.of("user", "assistant", "cost-state", "brand-new"))
          .toList();

  /** A JSON string with what makes scanning hard: quotes, backslashes, escapes, non-ASCII. */
  @Provide
  Arbitrary<String> jsonStrings() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withChars("ab \"\\/{}[]:,é𝄞\n\t\u0001").ofMaxLength(12),
            Arbitraries.of("type", "version", "user", "mode"))
        .map(TypeScanTest::quote);
  }

  static String quote(String text) {
    var out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '/' -> out.append(i % 2 == 0 ? "\\/" : "/");
        case 'e' -> out.append(i % 3 == 0 ? "\\u0065" : "e");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.recursive(
        () ->
            Arbitraries.oneOf(
                jsonStrings(), Arbitraries.of("1", "-2.5e3", "true", "false", "null", "0")),
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                Combinators.combine(jsonStrings(), inner)
                    .as((name, value) -> name + ":" + value)
                    .list()
                    .ofMaxSize(4)
                    .map(fields -> "{" + String.join(",", fields) + "}")),
        0,
        4);
  }

  /** A line: fields (some named type, nested types first), a top-level type and version. */
  @Provide
  Arbitrary<String> lines() {
    var field =
        Combinators.combine(
                Arbitraries.oneOf(jsonStrings(), Arbitraries.of("\"type\"", "\"attachment\"")),
                Arbitraries.of("", " ", "\t"),
                values())
            .as((name, space, value) -> name + space + ":" + space + value);
    var type = Arbitraries.of(TYPES).map(t -> "\"type\":\"" + t + "\"");
    var version = Arbitraries.of("", "\"version\":\"2.1.9\"", "\"version\":\" \"");
    return Combinators.combine(
            field.list().ofMaxSize(5), type, version, Arbitraries.integers().between(0, 5))
        .as(
            (fields, t, v, at) -> {
              var all = new ArrayList<>(fields);
              all.add(Math.min(at, all.size()), t);
              if (!v.isEmpty()) {
                all.add(Math.min(at / 2, all.size()), v);
              }
              return "{" + String.join(",", all) + "}";
            });
  }

  @Property(tries = 2000)
  void aGeneratedLineDecodesTheSame(@ForAll("lines") String line) {
    var bytes = line.getBytes(StandardCharsets.UTF_8);
    assertSame(bytes);
  }

  @Property(tries = 1000)
  void aTruncatedOrExtendedGeneratedLineDecodesTheSame(
      @ForAll("lines") String line, @ForAll("cuts") int cut, @ForAll("tails") String tail) {
    var bytes = line.getBytes(StandardCharsets.UTF_8);
    var truncated = Arrays.copyOf(bytes, Math.floorMod(cut, bytes.length));
    assertSame(truncated);
    assertSame((line + tail).getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 100_000);
  }

  @Provide
  Arbitrary<String> tails() {
    return Arbitraries.of(" ", "\r\n", "}", "]", "x", " {\"type\":\"mode\"}", ",");
  }

  private static void assertSame(byte[] line) {
    var fast = new TranscriptDecoder(Lines.MAIN, "", true);
    var slow = new TranscriptDecoder(Lines.MAIN, "", false);
    assertThat(fast.decode(line, 0, line.length)).isEqualTo(slow.decode(line, 0, line.length));
    assertThat(fast.state()).isEqualTo(slow.state());
  }

  private static Decoded decode(byte[] line, boolean preScan) {
    return new TranscriptDecoder(Lines.MAIN, "", preScan).decode(line, 0, line.length);
  }
}
