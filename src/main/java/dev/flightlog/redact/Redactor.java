package dev.flightlog.redact;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies the redaction rules to text. Thread-safe and stateless.
 *
 * <p>The provider rules (recognisable token formats) run first, then the rules that depend on a
 * name (URL passwords, bearer tokens, assignments to secret-like names, high-entropy values near
 * such names), so a GitHub token assigned to {@code GITHUB_TOKEN} is counted as a GitHub token.
 * Only the secret is replaced: {@code API_KEY=[REDACTED:env_secret]} keeps the name, {@code
 * postgres://app:[REDACTED:url_password]@db} keeps the user and the host. No rule matches a marker,
 * so redacting twice changes nothing.
 *
 * <p>Cost: text without any rule's anchor (most tool output) is lower-cased once and scanned for
 * the anchors, nothing more; every pattern is linear in the text's length.
 */
public final class Redactor {

  private static final Redactor STANDARD = new Redactor(Rules.standard());

  /** Shorter text cannot hold a secret any rule finds ({@code pwd=x} is not one). */
  private static final int SHORTEST = 8;

  private static final String BEGIN = "-----BEGIN ";
  private static final Pattern PRIVATE_KEY_HEADER =
      Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
  private static final Pattern END_LINE = Pattern.compile("-----END [A-Z0-9 ]{0,40}-----");

  private final List<Rule> rules;

  /** The most passes over one text; the second is rare, the third rarer still. */
  private static final int MAX_PASSES = 4;

  private Redactor(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The built-in rules. */
  public static Redactor standard() {
    return STANDARD;
  }

  /**
   * The text with every secret replaced by its marker, and the count per kind. A replacement can
   * bring a value within a rule's bounds (a key block inside a long quoted value, say), so the
   * rules run again on what they changed, until a pass changes nothing (at most {@link
   * #MAX_PASSES}): redacting the result again finds nothing.
   */
  public Redaction redact(String text) {
    if (text.length() < SHORTEST) {
      return new Redaction(text, Map.of());
    }
    var counts = new EnumMap<SecretKind, Integer>(SecretKind.class);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      var before = counts.values().stream().mapToInt(Integer::intValue).sum();
      text = pass(text, counts);
      if (counts.values().stream().mapToInt(Integer::intValue).sum() == before) {
        break;
      }
    }
    return new Redaction(text, counts);
  }

  /** One pass of every rule over the text, adding to {@code counts}. */
  private String pass(String text, EnumMap<SecretKind, Integer> counts) {
    var lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("-----begin ")) {
      text = privateKeys(text, counts);
    }
    // A replacement only removes anchors (a marker matches no rule), so the anchors of the text as
    // it came are a superset of those left: a rule none of whose anchors occurred is skipped.
    var lowered = text;
    for (var rule : rules) {
      if (rule.candidate(lower)) {
        if (!text.equals(lowered)) { // an earlier rule replaced something: positions moved
          lower = text.toLowerCase(Locale.ROOT);
          lowered = text;
        }
        text = rule.apply(text, lower, counts);
      }
    }
    return text;
  }

  /**
   * Replaces every private key block, from its BEGIN line to its END line; a block whose END is
   * missing (a truncated paste or excerpt) is replaced up to the end of the text. Scanned by hand
   * so that a key of any length costs one pass.
   */
  private static String privateKeys(String text, EnumMap<SecretKind, Integer> counts) {
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int n = 0;
    int begin;
    var header = PRIVATE_KEY_HEADER.matcher(text);
    var endLine = END_LINE.matcher(text);
    while ((begin = text.indexOf(BEGIN, from)) >= 0) {
      header.region(begin, Math.min(text.length(), begin + 80));
      if (!header.lookingAt()) {
        from = begin + BEGIN.length();
        continue;
      }
      int end = text.length();
      int endAt = text.indexOf("-----END ", header.end());
      if (endAt >= 0) {
        endLine.region(endAt, Math.min(text.length(), endAt + 60));
        end = endLine.lookingAt() ? endLine.end() : endAt + "-----END ".length();
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, begin).append(SecretKind.PRIVATE_KEY.marker());
      copied = end;
      from = end;
      n++;
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    counts.merge(SecretKind.PRIVATE_KEY, n, Integer::sum);
    return out.toString();
  }
}
