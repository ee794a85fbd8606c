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
   * for any other status.
   */
  public static @Nullable ErrorSignature of(
      String tool, ToolStatus status, @Nullable String error) {
    return null; // replaced by the metrics branch
  }
}
