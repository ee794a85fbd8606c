package dev.flightlog.redact;

import java.util.EnumMap;
import java.util.regex.Pattern;

/** Applies the redaction rules to text. Thread-safe and stateless. */
public final class Redactor {

  private static final Redactor STANDARD = new Redactor();

  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----[\\s\\S]{0,20000}?-----END [A-Z0-9"
              + " ]{0,40}PRIVATE KEY-----");
  private static final Pattern AWS_ACCESS_KEY =
      Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");

  private Redactor() {}

  /** The built-in rules. */
  public static Redactor standard() {
    return STANDARD;
  }

  /** The text with every secret replaced by its marker, and the count per kind. */
  public Redaction redact(String text) {
    var counts = new EnumMap<SecretKind, Integer>(SecretKind.class);
    text = replace(text, PRIVATE_KEY, SecretKind.PRIVATE_KEY, counts);
    text = replace(text, AWS_ACCESS_KEY, SecretKind.AWS_ACCESS_KEY, counts);
    return new Redaction(text, counts);
  }

  private static String replace(
      String text, Pattern pattern, SecretKind kind, EnumMap<SecretKind, Integer> counts) {
    var matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    var out = new StringBuilder(text.length());
    int n = 0;
    do {
      matcher.appendReplacement(out, "");
      out.append(kind.marker());
      n++;
    } while (matcher.find());
    matcher.appendTail(out);
    counts.merge(kind, n, Integer::sum);
    return out.toString();
  }
}
