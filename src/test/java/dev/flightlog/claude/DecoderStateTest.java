package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flightlog.Decoded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A transcript read in several sittings — each a new decoder continuing from the state the last one
 * left — gives exactly the facts of one decoder reading it all.
 */
class DecoderStateTest {

  record Transcript(TranscriptFile file, List<byte[]> lines) {
    @Override
    public String toString() {
      return file.path() + " (" + lines.size() + " lines)";
    }
  }

  static final List<Transcript> TRANSCRIPTS =
      List.of(
          fixture("s-9.jsonl", "claude/session.jsonl"),
          fixture("s-9/subagents/agent-a9.jsonl", "claude/subagent.jsonl"));

  static Transcript fixture(String path, String resource) {
    var file = TranscriptFile.of(Path.of("/h/.claude/projects/-p").resolve(path));
    try (var in =
        Objects.requireNonNull(
            DecoderStateTest.class.getClassLoader().getResourceAsStream(resource), resource)) {
      var lines = new ArrayList<byte[]>();
      for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        lines.add(line.getBytes(StandardCharsets.UTF_8));
      }
      return new Transcript(Objects.requireNonNull(file), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes every line, starting a new decoder from the stored state before each cut. */
  static List<Decoded> decodeInSittings(Transcript transcript, Set<Integer> cuts) {
    var decoded = new ArrayList<Decoded>();
    var decoder = new TranscriptDecoder(transcript.file(), "");
    for (int i = 0; i < transcript.lines().size(); i++) {
      if (cuts.contains(i)) {
        decoder = new TranscriptDecoder(transcript.file(), decoder.state());
      }
      var line = transcript.lines().get(i);
      decoded.add(decoder.decode(line, 0, line.length));
    }
    return decoded;
  }

  @Provide
  Arbitrary<Transcript> transcripts() {
    return Arbitraries.of(TRANSCRIPTS);
  }

  @Property
  void readingInSittingsChangesNothing(
      @ForAll("transcripts") Transcript transcript,
      @ForAll Set<@IntRange(min = 0, max = 24) Integer> cuts) {
    var inOneGo = decodeInSittings(transcript, Set.of());

    assertThat(decodeInSittings(transcript, new TreeSet<>(cuts))).isEqualTo(inOneGo);
  }

  @Example
  void everyCutOfTheFixturesChangesNothing() {
    for (var transcript : TRANSCRIPTS) {
      var inOneGo = decodeInSittings(transcript, Set.of());
      assertThat(inOneGo).allMatch(Decoded.Facts.class::isInstance);
      for (int cut = 0; cut <= transcript.lines().size(); cut++) {
        assertThat(decodeInSittings(transcript, Set.of(cut)))
            .as("cut at %d", cut)
            .isEqualTo(inOneGo);
      }
    }
  }

  @Example
  void theStateIsEmptyForAFreshDecoderAndCompactAfterwards() {
    var transcript = TRANSCRIPTS.getFirst();
    var decoder = new TranscriptDecoder(transcript.file(), "");
    assertThat(decoder.state()).isEmpty();

    for (var line : transcript.lines()) {
      decoder.decode(line, 0, line.length);
    }

    assertThat(decoder.state()).isEqualTo("{\"p\":\"p-b\",\"v\":\"2.1.328\",\"t\":true}");
  }

  @Property
  void anyStateStringIsAcceptedAndReencodesStably(@ForAll String state) {
    var decoder = new TranscriptDecoder(TRANSCRIPTS.getFirst().file(), state);
    var again = new TranscriptDecoder(TRANSCRIPTS.getFirst().file(), decoder.state());

    assertThat(again.state()).isEqualTo(decoder.state());
  }

  @Example
  void aStateFromAnotherVersionIsReadAsFresh() {
    var decoder = new TranscriptDecoder(TRANSCRIPTS.getFirst().file(), "v2;p=abc");

    assertThat(decoder.state()).isEmpty();
  }

  @Example
  void theSamplesReadInSittingsChangeNothing() throws IOException {
    var samples = dev.flightlog.SharedSamples.claudeSamples();
    try (var paths = Files.walk(samples)) {
      for (var path : paths.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        var file = TranscriptFile.of(path);
        if (file == null) {
          continue;
        }
        var lines = new ArrayList<byte[]>();
        for (var line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
          lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        var transcript = new Transcript(file, lines);
        var inOneGo = decodeInSittings(transcript, Set.of());
        for (int cut = 0; cut <= lines.size(); cut++) {
          assertThat(decodeInSittings(transcript, Set.of(cut)))
              .as("%s cut at %d", path, cut)
              .isEqualTo(inOneGo);
        }
      }
    }
  }
}
