package dev.flightlog.redact;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One redaction rule: a pattern, the group that holds the secret (the rest of the match, such as a
 * variable's name, is kept), and a check that refuses what only looks like a secret. The rule runs
 * only when one of its anchors (lower case) occurs in the lower-cased text, and is tried only where
 * an anchor occurs: every match starts with one of its anchors (in any case). So most text is never
 * matched against most patterns, and the patterns run at a few places, not at every position.
 *
 * <p>Every pattern is linear: bounded quantifiers over character classes, no nested quantifiers
 * over overlapping alternatives.
 */
final class Rule {

  private final SecretKind kind;
  private final Pattern pattern;
  private final List<String> anchors;
  private final int firstGroup;
  private final BiPredicate<MatchResult, String> accept;

  /**
   * @param firstGroup the secret is the first participating group from this one on; 0: the whole
   *     match
   */
  Rule(
      SecretKind kind,
      String regex,
      List<String> anchors,
      int firstGroup,
      Predicate<String> accept) {
    this(kind, regex, anchors, firstGroup, (match, secret) -> accept.test(secret));
  }

  /** A rule whose check also sees the whole match (the name a value is assigned to, say). */
  Rule(
      SecretKind kind,
      String regex,
      List<String> anchors,
      int firstGroup,
      BiPredicate<MatchResult, String> accept) {
    this.kind = kind;
    this.pattern = Pattern.compile(regex);
    this.anchors = List.copyOf(anchors);
    this.firstGroup = firstGroup;
    this.accept = accept;
  }

  SecretKind kind() {
    return kind;
  }

  /** Whether the lower-cased text contains an anchor of this rule. */
  boolean candidate(String lower) {
    for (var anchor : anchors) {
      if (lower.contains(anchor)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text with every accepted match's secret replaced by the marker; counts what it replaced.
   * {@code lower} is the text in lower case. A match starts at an anchor, so only the anchors'
   * occurrences (found with {@code indexOf}) are tried, not every position.
   */
  String apply(String text, String lower, EnumMap<SecretKind, Integer> counts) {
    var matcher = pattern.matcher(text).useTransparentBounds(true);
    if (lower.length() != text.length()) {
      // Lower-casing changed the length (a rare non-ASCII letter): positions differ, so search.
      return replace(text, matcher, starts(matcher, text.length()), counts);
    }
    return replace(text, matcher, starts(lower), counts);
  }

  /** Where the anchors occur, in order. */
  private int[] starts(String lower) {
    var found = new ArrayList<Integer>();
    for (var anchor : anchors) {
      for (int at = lower.indexOf(anchor); at >= 0; at = lower.indexOf(anchor, at + 1)) {
        found.add(at);
      }
    }
    return found.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
  }

  /** Where the pattern matches, found by searching (the fallback). */
  private static int[] starts(Matcher matcher, int length) {
    var found = new ArrayList<Integer>();
    int from = 0;
    while (from <= length && matcher.find(from)) {
      found.add(matcher.start());
      from = matcher.start() + 1;
    }
    return found.stream().mapToInt(Integer::intValue).toArray();
  }

  private String replace(
      String text, Matcher matcher, int[] starts, EnumMap<SecretKind, Integer> counts) {
    StringBuilder out = null;
    int copied = 0;
    int n = 0;
    int next = 0;
    for (int at : starts) {
      if (at < next) {
        continue; // inside the previous secret's match
      }
      matcher.region(at, text.length());
      if (!matcher.lookingAt()) {
        continue;
      }
      int group = secretGroup(matcher);
      int start = matcher.start(group);
      int end = matcher.end(group);
      if (!accept.test(matcher, text.substring(start, end))) {
        continue; // refused here; a secret may still start at a later anchor inside this match
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, start).append(kind.marker());
      copied = end;
      n++;
      next = Math.max(matcher.end(), at + 1);
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    counts.merge(kind, n, Integer::sum);
    return out.toString();
  }

  private int secretGroup(Matcher matcher) {
    if (firstGroup == 0) {
      return 0;
    }
    for (int g = firstGroup; g <= matcher.groupCount(); g++) {
      if (matcher.start(g) >= 0) {
        return g;
      }
    }
    return 0;
  }
}
