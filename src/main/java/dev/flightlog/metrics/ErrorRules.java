package dev.flightlog.metrics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The category of a failed call's error text: the first rule, in this order, whose pattern occurs
 * anywhere in the text (case-insensitive). The order is part of the definition: an {@code Exit code
 * 1} whose output says {@code No such file or directory} is {@link ErrorCategory#NOT_FOUND}, not
 * {@link ErrorCategory#NON_ZERO_EXIT}.
 */
final class ErrorRules {
  private ErrorRules() {}

  private record Rule(ErrorCategory category, Pattern pattern) {}

  private static Rule rule(ErrorCategory category, String regex) {
    return new Rule(category, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  /**
   * {@code exit code N}, {@code exit code: N}, {@code exit status N}, {@code exited with code N}.
   */
  private static final Pattern EXIT_CODE =
      Pattern.compile(
          "(?:exit code|exit status|exited with code)[:=]?\\s*(-?\\d+)", Pattern.CASE_INSENSITIVE);

  private static final List<Rule> RULES =
      List.of(
          rule(
              ErrorCategory.INTERRUPTED,
              "interrupted by user|doesn't want to take this action right now"),
          rule(
              ErrorCategory.USER_REJECTED,
              "doesn't want to proceed|was rejected|rejected by (?:the )?user"),
          rule(
              ErrorCategory.EDIT_TARGET_NOT_FOUND,
              "string to replace not found|old_string|matches of the string to replace"
                  + "|failed to find expected lines|failed to find context"),
          rule(
              ErrorCategory.COMMAND_NOT_FOUND,
              "command not found|(?:exit code|exit status)[:=]?\\s*127\\b"
                  + "|no such tool available|is not recognized as an internal or external command"
                  + "|executable file not found"),
          rule(ErrorCategory.TIMEOUT, "timed out|timeout|deadline exceeded|\\betimedout\\b"),
          rule(
              ErrorCategory.PERMISSION_DENIED,
              "permission denied|\\beacces\\b|\\beperm\\b|operation not permitted"
                  + "|read-only file system"),
          rule(ErrorCategory.NOT_FOUND, "\\benoent\\b|no such file|does not exist|not found"),
          rule(
              ErrorCategory.NETWORK,
              "\\beconnrefused\\b|\\benotfound\\b|\\beconnreset\\b|\\behostunreach\\b"
                  + "|\\beai_again\\b|could not resolve host|connection refused|connection reset"
                  + "|network is unreachable|name or service not known"
                  + "|temporary failure in name resolution|getaddrinfo"),
          rule(
              ErrorCategory.SYNTAX_ERROR,
              "syntax ?error|parse ?error|failed to parse|unexpected token|unexpected end of"
                  + "|invalid json|inputvalidationerror"));

  /** The category of a call that ended {@code error} with this text (null or blank: other). */
  static ErrorCategory classify(String text) {
    for (var rule : RULES) {
      if (rule.pattern().matcher(text).find()) {
        return rule.category();
      }
    }
    return nonZeroExit(text) ? ErrorCategory.NON_ZERO_EXIT : ErrorCategory.OTHER;
  }

  /** Whether the text reports an exit code other than 0. */
  private static boolean nonZeroExit(String text) {
    Matcher matcher = EXIT_CODE.matcher(text);
    while (matcher.find()) {
      if (!matcher.group(1).matches("-?0+")) {
        return true;
      }
    }
    return false;
  }
}
