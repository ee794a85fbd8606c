package dev.flightlog.redact;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The built-in rules, in the order they run, and the checks that keep ordinary text intact. */
final class Rules {
  private Rules() {}

  /** No letter, digit or token punctuation before: the match starts a token. */
  private static final String START = "(?<![A-Za-z0-9_-])";

  /** No letter, digit or token punctuation after: the match ends a token. */
  private static final String STOP = "(?![A-Za-z0-9_-])";

  /** The names a value is a secret of. */
  private static final String SECRET_NAME =
      "(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
          + "|credentials?)";

  /** A value: quoted JSON-escaped, double-quoted (escapes allowed), single-quoted, or bare. */
  private static final String VALUE =
      "(?:\\\\\"([^\"\\\\\\r\\n]{1,512})\\\\\""
          + "|\"((?:[^\"\\\\\\r\\n]|\\\\[^\\r\\n]){1,512})\""
          + "|'([^'\\\\\\r\\n]{1,512})'"
          + "|([^\\s\"'`\\\\,;&|<>(){}\\[\\]]{1,512}))";

  /** Values that are a type, a keyword or a flag rather than a secret: {@code password: str}. */
  private static final Set<String> NOT_SECRETS =
      Set.of(
          "true",
          "false",
          "null",
          "none",
          "nil",
          "undefined",
          "yes",
          "no",
          "on",
          "off",
          "str",
          "string",
          "int",
          "integer",
          "bool",
          "boolean",
          "number",
          "bytes",
          "object",
          "any",
          "required",
          "optional",
          "redacted",
          "hidden",
          "masked",
          "secret",
          "env",
          "file",
          "stdin",
          "prompt");

  /** What follows a secret-like word in names that hold no secret: {@code max_tokens}. */
  private static final Pattern HARMLESS_SUFFIX =
      Pattern.compile(
          "(?i)s|s?[_.-]?(?:count|type|limit|budget|usage|ids?|names?|file|path|dir|url|uri|length"
              + "|len|ttl|expiry|expires(?:_at|_in)?|expiration|env|field|prompt|hint|policy"
              + "|rotation|manager|ref|location|endpoint|header|param|store|required|enabled|set"
              + "|provider|source|mode|kind|format|size|version|command|cmd)");

  private static final Pattern DOTTED_IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");

  private static final Pattern UUID =
      Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  static List<Rule> standard() {
    return List.of(
        new Rule(
            SecretKind.AWS_ACCESS_KEY,
            "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])",
            List.of("akia", "asia", "abia", "acca"),
            0,
            v -> true),
        new Rule(
            SecretKind.AWS_SECRET_KEY,
            "(?i:aws_?secret_?(?:access_?)?key)[A-Za-z_]{0,12}(?:\\\\?[\"'])?[ \\t]{0,4}[:=]"
                + "[ \\t]{0,4}(?:\\\\?[\"'])?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
            List.of("aws"),
            1,
            v -> true),
        new Rule(
            SecretKind.GITHUB_TOKEN,
            START + "(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})" + STOP,
            List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            0,
            v -> true),
        new Rule(
            SecretKind.GITLAB_TOKEN,
            START + "glpat-[A-Za-z0-9_-]{20,255}" + STOP,
            List.of("glpat-"),
            0,
            v -> true),
        new Rule(
            SecretKind.SLACK_TOKEN,
            START + "xox[abposr]-[A-Za-z0-9-]{10,255}" + STOP,
            List.of("xox"),
            0,
            Rules::hasDigit),
        new Rule(
            SecretKind.SLACK_WEBHOOK,
            "hooks\\.slack\\.com/((?:services|workflows|triggers)/[A-Za-z0-9_/-]{10,255})",
            List.of("hooks.slack.com/"),
            1,
            v -> true),
        new Rule(
            SecretKind.STRIPE_KEY,
            START + "[sr]k_(?:live|test)_[A-Za-z0-9]{10,255}" + STOP,
            List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
            0,
            v -> true),
        new Rule(
            SecretKind.ANTHROPIC_KEY,
            START + "sk-ant-[A-Za-z0-9_-]{20,255}" + STOP,
            List.of("sk-ant-"),
            0,
            v -> true),
        new Rule(
            SecretKind.OPENAI_KEY,
            START + "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}" + STOP,
            List.of("sk-"),
            0,
            v -> hasDigit(v) && hasUpper(v) && hasLower(v.substring(3))),
        new Rule(
            SecretKind.GOOGLE_API_KEY,
            START + "AIza[A-Za-z0-9_-]{35}" + STOP,
            List.of("aiza"),
            0,
            v -> true),
        new Rule(
            SecretKind.NPM_TOKEN,
            START + "npm_[A-Za-z0-9]{36}" + STOP,
            List.of("npm_"),
            0,
            Rules::hasDigit),
        new Rule(
            SecretKind.PYPI_TOKEN,
            START + "pypi-Ag[A-Za-z0-9_-]{40,1024}" + STOP,
            List.of("pypi-ag"),
            0,
            v -> true),
        new Rule(
            SecretKind.HUGGINGFACE_TOKEN,
            START + "hf_[A-Za-z0-9]{30,64}" + STOP,
            List.of("hf_"),
            0,
            v -> hasUpper(v) && hasLower(v.substring(3))),
        new Rule(
            SecretKind.SENDGRID_KEY,
            START + "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + STOP,
            List.of("sg."),
            0,
            v -> true),
        new Rule(
            SecretKind.TWILIO_KEY,
            "(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])",
            List.of("sk"),
            0,
            Rules::hasDigit),
        new Rule(
            SecretKind.JWT,
            START
                + "eyJ[A-Za-z0-9_-]{5,4096}\\.eyJ[A-Za-z0-9_-]{5,16384}\\.[A-Za-z0-9_-]{0,4096}"
                + STOP,
            List.of("eyj"),
            0,
            v -> true),
        new Rule(
            SecretKind.BASIC_AUTH,
            "(?i)authorization(?:\\\\?[\"'])?[ \\t]{0,4}[:=][ \\t]{0,4}(?:\\\\?[\"'])?basic[ \\t]{1,4}"
                + "([A-Za-z0-9+/=]{4,4096})",
            List.of("authorization"),
            1,
            v -> !v.startsWith(SecretKind.MARKER_PREFIX)),
        new Rule(
            SecretKind.BEARER_TOKEN,
            "(?i)(?<![a-z0-9])bearer[ \\t]{1,4}([A-Za-z0-9._~+/=-]{8,4096})",
            List.of("bearer"),
            1,
            Rules::looksLikeToken),
        new Rule(
            SecretKind.BEARER_TOKEN,
            "(?i)authorization(?:\\\\?[\"'])?[ \\t]{0,4}[:=][ \\t]{0,4}(?:\\\\?[\"'])?"
                + "(?!bearer|basic)([A-Za-z0-9._~+/=-]{16,4096})",
            List.of("authorization"),
            1,
            Rules::looksLikeToken),
        new Rule(
            SecretKind.URL_PASSWORD,
            // No '[' or ']' in the password (RFC 3986 allows neither in userinfo): it never spans a
            // marker, so redacting again finds nothing new.
            "://[^\\s:@/?#\"'\\\\\\[\\]<>]{0,128}:([^\\s/?#\"'\\\\<>\\[\\]]{1,256})@",
            List.of("://"),
            1,
            Rules::isValue),
        new Rule(
            SecretKind.ENV_SECRET,
            "(?i)--[a-z0-9-]{0,20}(?:password|passwd|token|secret|api-?key|access-key)[ \\t]{1,4}"
                + VALUE,
            List.of("--"),
            1,
            Rules::isValue),
        new Rule(
            SecretKind.ENV_SECRET,
            "(?i)"
                + SECRET_NAME
                + "([a-z0-9_.-]{0,40})(?:\\\\?[\"'])?[ \\t]{0,8}(?::=|=>|=|:)"
                + "[ \\t]{0,8}"
                + VALUE,
            List.of("pass", "secret", "token", "api", "access", "private", "credential"),
            3,
            (match, value) -> secretName(match.group(2)) && isValue(value)),
        new Rule(
            SecretKind.HIGH_ENTROPY,
            "(?i)(?:key|token|secret|password|passwd|credentials?)[a-z0-9_-]{0,20}"
                + "[ \\t:=\"'\\\\,>]{1,6}([A-Za-z0-9+/_.=-]{20,512})",
            List.of("key", "token", "secret", "passw", "credential"),
            1,
            Rules::highEntropy));
  }

  /**
   * Whether a value assigned to a secret-like name is a secret: not empty, not a reference to one
   * ({@code $TOKEN}, {@code ${{ secrets.X }}}, {@code %TOKEN%}, {@code {{ token }}}, {@code
   * <token>}), not a marker, not a keyword or type ({@code true}, {@code str}), not a number, not a
   * mask ({@code ****}), not punctuation alone and not a dotted name ({@code process.env.TOKEN}).
   */
  static boolean isValue(String value) {
    var v = value.strip();
    if (v.isEmpty()
        || v.startsWith(SecretKind.MARKER_PREFIX)
        || v.startsWith("$")
        || v.startsWith("%")
        || v.startsWith("{{")
        || v.startsWith("<")
        || NOT_SECRETS.contains(v.toLowerCase(Locale.ROOT))
        || DOTTED_IDENTIFIER.matcher(v).matches()) {
      return false;
    }
    boolean digitsOnly = true;
    boolean oneChar = true;
    boolean alphanumeric = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      digitsOnly &= (c >= '0' && c <= '9') || c == '.';
      oneChar &= c == v.charAt(0);
      alphanumeric |= Character.isLetterOrDigit(c);
    }
    // Punctuation alone is syntax ({@code token:=…} read as {@code token:} and {@code =…}).
    return alphanumeric && !digitsOnly && !(oneChar && v.length() > 1);
  }

  /** The name check: {@code max_tokens}, {@code PASSWORD_FILE} and the like name no secret. */
  static boolean secretName(String suffix) {
    return suffix.isEmpty() || !HARMLESS_SUFFIX.matcher(suffix).matches();
  }

  /** A bearer token has a digit, or is long and mixed-case: not a word of prose. */
  private static boolean looksLikeToken(String v) {
    return hasDigit(v) || (v.length() >= 16 && hasUpper(v) && hasLower(v));
  }

  /**
   * Whether a value near a secret-like name looks random: Shannon entropy at least {@value
   * #MIN_ENTROPY} bits per character, letters and digits, upper case or at least 32 characters, and
   * not a UUID or a dotted name.
   */
  static boolean highEntropy(String v) {
    return hasDigit(v)
        && (hasUpper(v) || v.length() >= 32)
        && (hasUpper(v) || hasLower(v))
        && !UUID.matcher(v).matches()
        && !DOTTED_IDENTIFIER.matcher(v).matches()
        && entropy(v) >= MIN_ENTROPY;
  }

  static final double MIN_ENTROPY = 3.5;

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    var counts = new java.util.HashMap<Character, Integer>();
    for (int i = 0; i < s.length(); i++) {
      counts.merge(s.charAt(i), 1, Integer::sum);
    }
    double h = 0;
    for (int n : counts.values()) {
      double p = (double) n / s.length();
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  private static boolean hasDigit(String s) {
    return s.chars().anyMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean hasUpper(String s) {
    return s.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
  }

  private static boolean hasLower(String s) {
    return s.chars().anyMatch(c -> c >= 'a' && c <= 'z');
  }
}
