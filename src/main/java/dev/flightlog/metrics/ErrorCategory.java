package dev.flightlog.metrics;

/** The category of a failed call (PRODUCT.md §4, "Error signature"). */
public enum ErrorCategory {
  NOT_FOUND("not found"),
  PERMISSION_DENIED("permission denied"),
  TIMEOUT("timeout"),
  COMMAND_NOT_FOUND("command not found"),
  NON_ZERO_EXIT("non-zero exit"),
  EDIT_TARGET_NOT_FOUND("edit target not found"),
  SYNTAX_ERROR("syntax/parse error"),
  NETWORK("network"),
  USER_REJECTED("user rejected"),
  INTERRUPTED("interrupted"),
  OTHER("other");

  private final String wireName;

  ErrorCategory(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
