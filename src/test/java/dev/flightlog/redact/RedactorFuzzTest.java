package dev.flightlog.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Arbitrary text with a known secret planted in it: redacting never throws, is idempotent, takes
 * linear time (at most {@link #BOUND} per input, far more than it needs), and the planted secret is
 * gone. A plain {@code mvn test} replays the seeds under {@code
 * src/test/resources/dev/flightlog/redact/RedactorFuzzTestInputs/redact/}; {@code JAZZER_FUZZ=1}
 * fuzzes. See docs/fuzzing.md.
 */
class RedactorFuzzTest {

  private static final Duration BOUND = Duration.ofSeconds(2);

  /** Secrets found by their format alone, whatever surrounds them (set off by spaces). */
  private static final List<String> PLANTED =
      List.of(
          RedactorTest.GITHUB,
          RedactorTest.GITHUB_PAT,
          RedactorTest.GITLAB,
          RedactorTest.SLACK,
          RedactorTest.STRIPE,
          RedactorTest.ANTHROPIC,
          RedactorTest.OPENAI,
          RedactorTest.GOOGLE,
          RedactorTest.NPM,
          RedactorTest.PYPI,
          RedactorTest.HF,
          RedactorTest.SENDGRID,
          RedactorTest.TWILIO,
          RedactorTest.JWT,
          RedactorTest.AWS_ID,
          RedactorTest.PEM);

  @FuzzTest(maxDuration = "30s")
  @DictionaryEntries({
    "password=",
    "\"token\": \"",
    "\\\"secret\\\":\\\"",
    "API_KEY=",
    "export ",
    "Authorization: Bearer ",
    "Authorization: Basic ",
    "bearer ",
    "https://user:",
    "@host",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----END RSA PRIVATE KEY-----",
    "[REDACTED:",
    "[REDACTED:env_secret]",
    "eyJ",
    "sk-",
    "ghp_",
    "AKIA",
    "--token ",
    "aws_secret_access_key="
  })
  void redact(byte[] data) {
    if (data.length < 2) {
      return;
    }
    // The first byte picks the secret, the second where it goes; the rest is the text around it.
    var secret = PLANTED.get(Byte.toUnsignedInt(data[0]) % PLANTED.size());
    var rest = new String(Arrays.copyOfRange(data, 2, data.length), StandardCharsets.UTF_8);
    int at = rest.length() * Byte.toUnsignedInt(data[1]) / 256;
    if (at > 0 && Character.isLowSurrogate(rest.charAt(at))) {
      at--;
    }
    var text = rest.substring(0, at) + " " + secret + " " + rest.substring(at);

    long start = System.nanoTime();
    var once = Redactor.standard().redact(text);
    var took = Duration.ofNanos(System.nanoTime() - start);
    var twice = Redactor.standard().redact(once.text());

    // The planted secret is gone. The fuzzer's own text may hold the same characters glued to
    // letters or digits ("coAKIA…"), which no rule takes for a secret (rules match whole tokens,
    // so a key inside a longer run of letters is not redacted), so count them rather than
    // demanding that none be left.
    assertThat(occurrences(once.text(), secret)).isLessThanOrEqualTo(occurrences(rest, secret));
    assertThat(once.counts()).isNotEmpty();
    assertThat(twice.text()).isEqualTo(once.text());
    assertThat(twice.counts()).isEmpty();
    assertThat(took).isLessThan(BOUND);
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
