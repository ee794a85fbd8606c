package dev.flightlog.metrics;

import dev.flightlog.ToolStatus;
import org.jspecify.annotations.Nullable;

/**
 * The signature of a failed call (PRODUCT.md §4): its tool, a category and the error's first line
 * normalised, so that the same failure with other paths, numbers, ids or quoted strings groups
 * together.
 *
 * @param tool the tool, {@code ""} when not known
 * @param firstLine the error's first line, normalised (never null; {@code ""} when the error has no
 *     text)
 */
public record ErrorSignature(String tool, ErrorCategory category, String firstLine) {

  /**
   * The signature of a call that ended {@code error}, {@code denied} or {@code interrupted}; null
   * for any other status. A denied call is {@link ErrorCategory#USER_REJECTED}, an interrupted one
   * {@link ErrorCategory#INTERRUPTED}, and an error is classified by its text ({@link ErrorRules});
   * the first line is normalised as {@link FirstLine} says.
   */
  public static @Nullable ErrorSignature of(
      String tool, ToolStatus status, @Nullable String error) {
    return switch (status) {
      case PENDING, OK -> null;
      case DENIED -> new ErrorSignature(tool, ErrorCategory.USER_REJECTED, firstLine(error));
      case INTERRUPTED -> new ErrorSignature(tool, ErrorCategory.INTERRUPTED, firstLine(error));
      case ERROR -> ofError(tool, error);
    };
  }

  /** The signature of a call that ended {@code error}. */
  static ErrorSignature ofError(String tool, @Nullable String error) {
    return new ErrorSignature(
        tool, ErrorRules.classify(error == null ? "" : error), firstLine(error));
  }

  private static String firstLine(@Nullable String error) {
    return error == null ? "" : FirstLine.of(error);
  }
}
