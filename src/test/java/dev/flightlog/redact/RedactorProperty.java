package dev.flightlog.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ordinary text with secrets inserted: every inserted secret is replaced by its kind's marker, the
 * counts are the numbers inserted, and the text around them is unchanged.
 */
class RedactorProperty {

  private record Secret(String text, SecretKind kind) {}

  private static final List<Secret> SECRETS =
      List.of(
          new Secret(RedactorTest.GITHUB, SecretKind.GITHUB_TOKEN),
          new Secret(RedactorTest.GITLAB, SecretKind.GITLAB_TOKEN),
          new Secret(RedactorTest.SLACK, SecretKind.SLACK_TOKEN),
          new Secret(RedactorTest.STRIPE, SecretKind.STRIPE_KEY),
          new Secret(RedactorTest.ANTHROPIC, SecretKind.ANTHROPIC_KEY),
          new Secret(RedactorTest.OPENAI, SecretKind.OPENAI_KEY),
          new Secret(RedactorTest.GOOGLE, SecretKind.GOOGLE_API_KEY),
          new Secret(RedactorTest.NPM, SecretKind.NPM_TOKEN),
          new Secret(RedactorTest.PYPI, SecretKind.PYPI_TOKEN),
          new Secret(RedactorTest.HF, SecretKind.HUGGINGFACE_TOKEN),
          new Secret(RedactorTest.SENDGRID, SecretKind.SENDGRID_KEY),
          new Secret(RedactorTest.TWILIO, SecretKind.TWILIO_KEY),
          new Secret(RedactorTest.JWT, SecretKind.JWT),
          new Secret(RedactorTest.AWS_ID, SecretKind.AWS_ACCESS_KEY),
          new Secret(RedactorTest.PEM, SecretKind.PRIVATE_KEY));

  /** A piece of text: ordinary words and punctuation, or a secret set off by spaces. */
  private sealed interface Piece {}

  private record Plain(String text) implements Piece {}

  private record Planted(Secret secret) implements Piece {}

  @Provide
  Arbitrary<List<Piece>> texts() {
    Arbitrary<Piece> plain =
        Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6),
                Arbitraries.of(" ", "\n", ". ", ", ", "/home/dev/project/src/Main.java", "é", "日本"))
            .map(Plain::new);
    Arbitrary<Piece> planted = Arbitraries.of(SECRETS).map(Planted::new);
    return Arbitraries.frequencyOf(Tuple(8, plain), Tuple(1, planted)).list().ofMaxSize(80);
  }

  private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Piece>> Tuple(
      int weight, Arbitrary<Piece> arbitrary) {
    return net.jqwik.api.Tuple.of(weight, arbitrary);
  }

  @Property
  void everyInsertedSecretIsReplacedAndNothingElseChanges(@ForAll("texts") List<Piece> pieces) {
    var input = new StringBuilder();
    var expected = new StringBuilder();
    var counts = new EnumMap<SecretKind, Integer>(SecretKind.class);
    for (var piece : pieces) {
      switch (piece) {
        case Plain(var text) -> {
          input.append(text);
          expected.append(text);
        }
        case Planted(var secret) -> {
          input.append(' ').append(secret.text()).append(' ');
          expected.append(' ').append(secret.kind().marker()).append(' ');
          counts.merge(secret.kind(), 1, Integer::sum);
        }
      }
    }

    var result = Redactor.standard().redact(input.toString());

    assertThat(result.text()).isEqualTo(expected.toString());
    assertThat(result.counts()).isEqualTo(Map.copyOf(counts));
    for (var secret : SECRETS) {
      assertThat(result.text()).doesNotContain(secret.text());
    }
  }
}
