package dev.flightlog.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The normalised first line of an error text, so that one failure seen with other paths, numbers,
 * ids or quoted strings reads the same:
 *
 * <ol>
 *   <li>the line: the first line that is not blank and not a bare {@code Exit code N} line once
 *       cleaned, else the first non-blank line, else {@code ""}; cleaning strips Claude Code's
 *       {@code <tool_use_error>} wrapper and {@code Error: } prefixes and surrounding whitespace;
 *   <li>folded, in this order: UUIDs to {@code <uuid>}, URLs ({@code scheme://…}) to {@code <url>},
 *       quoted strings ({@code "…"}, {@code `…`}, and {@code '…'} not inside a word) to {@code
 *       <str>}, paths (absolute, {@code ~/}, {@code ./}, {@code ../}, Windows {@code C:\…}, and
 *       relative ones with a slash) to {@code <path>}, prefixed ids ({@code toolu_01…}, {@code
 *       call_…}, a word, an underscore and 10 or more letters or digits) to {@code <id>}, hex
 *       ({@code 0x…}, or a word of 7 or more hex digits with at least one decimal digit) to {@code
 *       <hex>}, numbers (with a decimal part) to {@code <n>};
 *   <li>whitespace runs to one space, trimmed, at most {@value #MAX} characters (cut at the last
 *       space when one is in the second half, so that no word is left half);
 *   <li>these steps again, until the line no longer changes.
 * </ol>
 *
 * Normalising a normalised line returns it unchanged.
 */
final class FirstLine {
  private FirstLine() {}

  static final int MAX = 160;

  private static final String OPEN = "<tool_use_error>";
  private static final String CLOSE = "</tool_use_error>";
  private static final String ERROR_PREFIX = "Error: ";

  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
  private static final Pattern BARE_EXIT_CODE =
      Pattern.compile("exit code:?\\s*-?\\d+", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private record Fold(Pattern pattern, String placeholder) {}

  private static Fold fold(String regex, String placeholder) {
    return new Fold(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), placeholder);
  }

  /** Path characters: anything but whitespace, quotes, brackets and separators. */
  private static final String PATH_CHAR = "[^\\s'\"`,;:()\\[\\]{}<>]";

  /** The last character of a path: a path character but not a sentence's full stop. */
  private static final String PATH_END = "[^\\s'\"`,;:()\\[\\]{}<>.]";

  private static final List<Fold> FOLDS =
      List.of(
          fold("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", "<uuid>"),
          fold("\\b[a-z][a-z0-9+.-]*://[^\\s'\"`<>]*[^\\s'\"`<>.,;:)\\]]", "<url>"),
          fold("\"[^\"\\n]*\"|`[^`\\n]*`|(?<!\\w)'[^'\\n]*'(?!\\w)", "<str>"),
          fold(
              "(?<![\\w.~/\\\\])(?:~|\\.{1,2})?/"
                  + PATH_CHAR
                  + "*"
                  + PATH_END
                  + "|\\b[a-z]:\\\\"
                  + PATH_CHAR
                  + "*"
                  + PATH_END
                  + "|(?<![\\w.~/\\\\-])[\\w.-]+(?:/[\\w.-]+)+/?",
              "<path>"),
          fold("\\b[a-z]+_(?=[a-z]*[0-9])[a-z0-9]{10,}\\b", "<id>"),
          fold("\\b0x[0-9a-f]+\\b|\\b(?=[0-9a-f]*[0-9])[0-9a-f]{7,}\\b", "<hex>"),
          fold("\\d+(?:\\.\\d+)?", "<n>"));

  /**
   * At most this many passes: a pass can reveal a new match to another (a folded number next to a
   * word makes a word boundary), so passes repeat until the line no longer changes; in practice two
   * or three do.
   */
  private static final int PASSES = 16;

  /** The normalised first line of an error text. */
  static String of(String text) {
    String line = pass(text);
    for (int i = 1; i < PASSES; i++) {
      String next = pass(line);
      if (next.equals(line)) {
        break;
      }
      line = next;
    }
    return line;
  }

  private static String pass(String text) {
    String line = chosenLine(text);
    for (var fold : FOLDS) {
      line = fold.pattern().matcher(line).replaceAll(fold.placeholder());
    }
    String done;
    do {
      done = line;
      line = cap(clean(line));
    } while (!line.equals(done));
    return line;
  }

  private static String chosenLine(String text) {
    String first = null;
    for (var raw : LINE_BREAK.split(text, -1)) {
      var line = clean(raw);
      if (line.isEmpty()) {
        continue;
      }
      if (!BARE_EXIT_CODE.matcher(line).matches()) {
        return line;
      }
      if (first == null) {
        first = line;
      }
    }
    return first == null ? "" : first;
  }

  /**
   * The line with whitespace runs as one space, without wrapper tags, {@code Error: } prefixes and
   * surrounding whitespace.
   */
  private static String clean(String line) {
    String before;
    String now = WHITESPACE.matcher(line).replaceAll(" ").strip();
    do {
      before = now;
      if (now.startsWith(OPEN)) {
        now = now.substring(OPEN.length());
      }
      if (now.endsWith(CLOSE)) {
        now = now.substring(0, now.length() - CLOSE.length());
      }
      if (now.startsWith(ERROR_PREFIX)) {
        now = now.substring(ERROR_PREFIX.length());
      }
      now = now.strip();
    } while (!now.equals(before));
    return now;
  }

  private static String cap(String line) {
    if (line.codePointCount(0, line.length()) <= MAX) {
      return line;
    }
    int end = line.offsetByCodePoints(0, MAX);
    int space = line.lastIndexOf(' ', end);
    if (space >= end / 2) {
      end = space;
    }
    return line.substring(0, end).strip();
  }
}
