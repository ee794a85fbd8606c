package dev.flightlog.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Normalising an error's first line is idempotent: the normalised line is its own first line, so
 * signatures stored once and texts normalised again agree. Also: the result is one line of at most
 * 160 characters with no digit left.
 */
class FirstLineProperty {

  /** Pieces of real error texts, mixed so that the folds meet each other. */
  @Provide
  Arbitrary<String> errorTexts() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Exit code 1",
                "Exit code: 0",
                "Error: ",
                "<tool_use_error>",
                "</tool_use_error>",
                "No such file or directory",
                "doesn't",
                "'",
                "\"",
                "`",
                "/home/dev/project/a.txt",
                "./src/Main.java:12:3",
                "C:\\Users\\dev\\x.txt",
                "https://example.com/a?b=1",
                "9b2f6c1e-4d3a-4f5b-8c7d-0e1f2a3b4c5d",
                "toolu_01ABCdef23456789xyz",
                "0xdeadbeef",
                "3f9c2a1b7e4d",
                "127.0.0.1:8080",
                "2m 0.0s",
                " ",
                "\t",
                "\n",
                "\r\n",
                ".",
                ":",
                "(",
                ")",
                "<n>",
                "<path>"),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6),
            Arbitraries.strings().ofMaxLength(8));
    return piece.list().ofMaxSize(60).map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<String> anyTexts() {
    return Arbitraries.strings().ofMaxLength(400);
  }

  @Property(tries = 2000)
  void normalisingIsIdempotent(@ForAll("errorTexts") String text) {
    check(text);
  }

  @Property(tries = 1000)
  void normalisingAnyStringIsIdempotent(@ForAll("anyTexts") String text) {
    check(text);
  }

  private static void check(String text) {
    var line = FirstLine.of(text);
    assertThat(FirstLine.of(line)).isEqualTo(line);
    assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(FirstLine.MAX);
    assertThat(line).doesNotContain("\n", "\r").doesNotContainPattern("[0-9]");
    assertThat(List.of(line.strip())).containsExactly(line);
  }
}
