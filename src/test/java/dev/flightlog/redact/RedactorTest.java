package dev.flightlog.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

  private static final Redactor REDACTOR = Redactor.standard();

  static final String GITHUB = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
  static final String GITHUB_PAT =
      "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN";
  static final String GITLAB = "glpat-abcdefghij1234567890";
  static final String SLACK = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
  static final String STRIPE = "sk_live_51HxYzAbCdEfGhIjKlMnOp";
  static final String ANTHROPIC = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc";
  static final String OPENAI = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd";
  static final String GOOGLE = "AIzaSyA1234567890abcdefghijklmnopqrstuv";
  static final String NPM = "npm_abcdefghijklmnopqrstuvwxyz0123456789";
  static final String PYPI =
      "pypi-AgEIcHlwaS5vcmcCJDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMAACKlsz";
  static final String HF = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567";
  static final String SENDGRID =
      "SG.abcdefghij0123456789AB.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String TWILIO = "SK0123456789abcdef0123456789abcdef";
  static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String AWS_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String PEM =
      """
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      -----END OPENSSH PRIVATE KEY-----""";

  static Stream<Arguments> cases() {
    return Stream.of(
        // kind, input, expected
        row("private_key", "key:\n" + PEM + "\ndone", "key:\n[REDACTED:private_key]\ndone"),
        row(
            "private_key",
            "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----\\n",
            "[REDACTED:private_key]\\n"),
        row(
            "private_key",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----",
            "[REDACTED:private_key]"),
        row(
            "private_key",
            "cat: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI",
            "cat: [REDACTED:private_key]"),
        row(
            "-",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
        row("aws_access_key", "id " + AWS_ID + ".", "id [REDACTED:aws_access_key]."),
        row("-", "AKIAIOSFODNN7EXAMPLEXX", "AKIAIOSFODNN7EXAMPLEXX"),
        row(
            "aws_secret_key",
            "aws_secret_access_key = " + AWS_SECRET,
            "aws_secret_access_key = [REDACTED:aws_secret_key]"),
        row(
            "aws_secret_key",
            "{\"AWS_SECRET_ACCESS_KEY\":\"" + AWS_SECRET + "\"}",
            "{\"AWS_SECRET_ACCESS_KEY\":\"[REDACTED:aws_secret_key]\"}"),
        row(
            "github_token",
            "git push https://x:" + GITHUB + "@github.com",
            "git push https://x:[REDACTED:github_token]@github.com"),
        row("github_token", "GITHUB_TOKEN=" + GITHUB_PAT, "GITHUB_TOKEN=[REDACTED:github_token]"),
        row("-", "the ghp_short token", "the ghp_short token"),
        row("gitlab_token", "token " + GITLAB, "token [REDACTED:gitlab_token]"),
        row("-", "glpat-short", "glpat-short"),
        row("slack_token", "SLACK=" + SLACK, "SLACK=[REDACTED:slack_token]"),
        row("-", "xoxb-not-a-token-at-all", "xoxb-not-a-token-at-all"),
        row(
            "slack_webhook",
            "curl https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX -d",
            "curl https://hooks.slack.com/[REDACTED:slack_webhook] -d"),
        row("-", "see https://hooks.slack.com/ for docs", "see https://hooks.slack.com/ for docs"),
        row(
            "stripe_key",
            "Stripe.api_key = '" + STRIPE + "'",
            "Stripe.api_key = '[REDACTED:stripe_key]'"),
        row(
            "-",
            "pk_live_51HxYzAbCdEfGhIjKlMnOp is public",
            "pk_live_51HxYzAbCdEfGhIjKlMnOp is public"),
        row(
            "anthropic_key",
            "ANTHROPIC_API_KEY=" + ANTHROPIC,
            "ANTHROPIC_API_KEY=[REDACTED:anthropic_key]"),
        row(
            "openai_key",
            "client = OpenAI(\"" + OPENAI + "\")",
            "client = OpenAI(\"[REDACTED:openai_key]\")"),
        row(
            "-",
            "pip install sk-learn-extensions-for-everyone",
            "pip install sk-learn-extensions-for-everyone"),
        row("google_api_key", "?key=" + GOOGLE + "&q=1", "?key=[REDACTED:google_api_key]&q=1"),
        row("-", "AIzaShort", "AIzaShort"),
        row(
            "npm_token",
            "//registry.npmjs.org/:_authToken=" + NPM,
            "//registry.npmjs.org/:_authToken=[REDACTED:npm_token]"),
        row("-", "npm_config_cache_directory_is_here_ok", "npm_config_cache_directory_is_here_ok"),
        row("pypi_token", "password = " + PYPI, "password = [REDACTED:pypi_token]"),
        row("-", "pypi-simple-index", "pypi-simple-index"),
        row("huggingface_token", "login " + HF, "login [REDACTED:huggingface_token]"),
        row(
            "-",
            "hf_transformers_cache_directory_name_long",
            "hf_transformers_cache_directory_name_long"),
        row("sendgrid_key", "key " + SENDGRID, "key [REDACTED:sendgrid_key]"),
        row("-", "SG.Config.value", "SG.Config.value"),
        row("twilio_key", "sid " + TWILIO, "sid [REDACTED:twilio_key]"),
        row("-", "SKETCH0123456789abcdef", "SKETCH0123456789abcdef"),
        row("jwt", "cookie: s=" + JWT + ";", "cookie: s=[REDACTED:jwt];"),
        row("-", "eyJhbGciOiJIUzI1NiJ9 alone", "eyJhbGciOiJIUzI1NiJ9 alone"),
        row(
            "bearer_token",
            "curl -H \"Authorization: Bearer abc123def456ghi789\" x",
            "curl -H \"Authorization: Bearer [REDACTED:bearer_token]\" x"),
        row("bearer_token", "bearer 9f8e7d6c5b4a39281726", "bearer [REDACTED:bearer_token]"),
        row(
            "bearer_token",
            "Authorization: 0123456789abcdefXYZ",
            "Authorization: [REDACTED:bearer_token]"),
        row("-", "a bearer authentication scheme", "a bearer authentication scheme"),
        row("-", "Authorization: Bearer $TOKEN", "Authorization: Bearer $TOKEN"),
        row(
            "basic_auth",
            "Authorization: Basic dXNlcjpwYXNz",
            "Authorization: Basic [REDACTED:basic_auth]"),
        row("-", "basic usage: run it", "basic usage: run it"),
        row(
            "url_password",
            "DATABASE_URL=postgres://app:s3cr3t@db.internal:5432/app",
            "DATABASE_URL=postgres://app:[REDACTED:url_password]@db.internal:5432/app"),
        row("url_password", "https://:p%40ss@host/", "https://:[REDACTED:url_password]@host/"),
        row("-", "http://localhost:8080/path?a=b@c", "http://localhost:8080/path?a=b@c"),
        row("-", "postgres://app:${DB_PASS}@db/app", "postgres://app:${DB_PASS}@db/app"),
        row("env_secret", "API_KEY=abc123", "API_KEY=[REDACTED:env_secret]"),
        row(
            "env_secret",
            "export DB_PASSWORD=\"hunter2\"",
            "export DB_PASSWORD=\"[REDACTED:env_secret]\""),
        row("env_secret", "password: hunter2 # prod", "password: [REDACTED:env_secret] # prod"),
        row(
            "env_secret",
            "{\"client_secret\":\"a\\\"b\"}",
            "{\"client_secret\":\"[REDACTED:env_secret]\"}"),
        row(
            "env_secret",
            "{\"command\":\"MY_TOKEN=\\\"hunter2\\\" ./run\"}",
            "{\"command\":\"MY_TOKEN=\\\"[REDACTED:env_secret]\\\" ./run\"}"),
        row(
            "env_secret",
            "{\"content\":\"DB_PASSWORD=hunter2\\nPORT=1\"}",
            "{\"content\":\"DB_PASSWORD=[REDACTED:env_secret]\\nPORT=1\"}"),
        row(
            "env_secret",
            "{\\\"passwd\\\": \\\"hunter2\\\"}",
            "{\\\"passwd\\\": \\\"[REDACTED:env_secret]\\\"}"),
        row(
            "env_secret",
            "mysql --password hunter2 db",
            "mysql --password [REDACTED:env_secret] db"),
        row("env_secret", "CREDENTIALS='x-y-z'", "CREDENTIALS='[REDACTED:env_secret]'"),
        row("-", "password: ${{ secrets.DB_PASSWORD }}", "password: ${{ secrets.DB_PASSWORD }}"),
        row("-", "TOKEN=$TOKEN", "TOKEN=$TOKEN"),
        row("-", "API_KEY=\nPORT=80", "API_KEY=\nPORT=80"),
        row("-", "API_KEY=\"\"", "API_KEY=\"\""),
        row(
            "-",
            "{\"input_tokens\":1234,\"output_tokens\":56}",
            "{\"input_tokens\":1234,\"output_tokens\":56}"),
        row("-", "max_tokens: 4096", "max_tokens: 4096"),
        row("-", "def login(password: str):", "def login(password: str):"),
        row("-", "token = process.env.TOKEN", "token = process.env.TOKEN"),
        row("-", "PASSWORD_FILE=/run/secrets/db", "PASSWORD_FILE=/run/secrets/db"),
        row("-", "secrets: inherit", "secrets: inherit"),
        row("-", "password: ********", "password: ********"),
        // Found by fuzzing: after a separator, a marker is not a value ("=" alone is no secret).
        row("-", "\"token\":=[REDACTED:env_secret]", "\"token\":=[REDACTED:env_secret]"),
        row(
            "high_entropy",
            "use the auth token qX7vB2mN9pL4kR8sT1wY5zA3 now",
            "use the auth token [REDACTED:high_entropy] now"),
        row("-", "token production_database_config_v2", "token production_database_config_v2"),
        row(
            "-",
            "session token 123e4567-e89b-12d3-a456-426614174000",
            "session token 123e4567-e89b-12d3-a456-426614174000"),
        row(
            "-",
            "commit 3f2a9c1b7e4d5f6a8b9c0d1e2f3a4b5c6d7e8f90 by dev",
            "commit 3f2a9c1b7e4d5f6a8b9c0d1e2f3a4b5c6d7e8f90 by dev"),
        row("-", "/home/me/project/src/token_store.py", "/home/me/project/src/token_store.py"),
        row(
            "-",
            "\"integrity\": \"sha512-Jj3R0Zt8Ae5bYcXqL0Q1vH2kQp8W6u1y7Z9ad0fEJ6tK3w==\"",
            "\"integrity\": \"sha512-Jj3R0Zt8Ae5bYcXqL0Q1vH2kQp8W6u1y7Z9ad0fEJ6tK3w==\""));
  }

  private static Arguments row(String kind, String input, String expected) {
    return Arguments.of(kind, input, expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void redactsExactlyTheSecret(String kind, String input, String expected) {
    var result = REDACTOR.redact(input);
    assertThat(result.text()).isEqualTo(expected);
    if (kind.equals("-")) {
      assertThat(result.counts()).isEmpty();
    } else {
      assertThat(result.counts()).isEqualTo(Map.of(SecretKind.fromWireName(kind), 1));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void isIdempotent(String kind, String input, String expected) {
    var again = REDACTOR.redact(REDACTOR.redact(input).text());
    assertThat(again.text()).isEqualTo(expected);
    assertThat(again.counts()).isEmpty();
  }

  @Test
  void everyKindHasAPositiveCase() {
    var covered = cases().map(a -> (String) a.get()[0]).filter(k -> !k.equals("-")).toList();
    for (var kind : SecretKind.values()) {
      assertThat(covered).as(kind.wireName()).contains(kind.wireName());
    }
  }

  @Test
  void countsEverySecretOfEveryKind() {
    var result = REDACTOR.redact(AWS_ID + " " + AWS_ID + " " + GITHUB + "\nAPI_KEY=x1");
    assertThat(result.text())
        .isEqualTo(
            "[REDACTED:aws_access_key] [REDACTED:aws_access_key] [REDACTED:github_token]\n"
                + "API_KEY=[REDACTED:env_secret]");
    assertThat(result.counts())
        .isEqualTo(
            Map.of(
                SecretKind.AWS_ACCESS_KEY,
                2,
                SecretKind.GITHUB_TOKEN,
                1,
                SecretKind.ENV_SECRET,
                1));
  }

  @Test
  void textWithoutCandidatesIsReturnedAsIs() {
    var text = "ls -la\ntotal 0\ndrwxr-xr-x 2 me me 40 Nov 24 20:00 .\n";
    assertThat(REDACTOR.redact(text).text()).isSameAs(text);
  }

  @Test
  void markersAreNeverMatched() {
    for (var kind : SecretKind.values()) {
      var text =
          "x "
              + kind.marker()
              + " API_KEY="
              + kind.marker()
              + " https://u:"
              + kind.marker()
              + "@h bearer "
              + kind.marker();
      assertThat(REDACTOR.redact(text).counts()).as(kind.wireName()).isEmpty();
    }
  }

  @Test
  void unknownWireNameSaysWhatIsAllowed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SecretKind.fromWireName("nope"))
        .hasMessageStartingWith(
            "unknown secret kind 'nope' (expected one of: private_key, aws_access_key,");
  }

  /** Ten megabytes of hostile near-misses finish in linear time. */
  @Test
  @Timeout(20)
  void tenMegabytesFinishFast() {
    var pieces =
        new String[] {
          "password=",
          "token ",
          "-----BEGIN ",
          "://a:",
          "eyJabcde.",
          "sk-",
          "AKIA",
          "bearer ",
          "Authorization: ",
          "\\\"secret\\\": \\\"",
          "aaaaaaaaaaaaaaaaaaaa",
          "ghp_",
          "@",
          "--token "
        };
    var text = new StringBuilder(10 << 20);
    int i = 0;
    while (text.length() < 10 << 20) {
      text.append(pieces[i++ % pieces.length]);
    }
    long start = System.nanoTime();
    REDACTOR.redact(text.toString());
    var took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(Duration.ofSeconds(15));
  }
}
