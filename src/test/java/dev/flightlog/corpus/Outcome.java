package dev.flightlog.corpus;

/**
 * How a generated tool call ends. Several shapes map onto the four outcomes a reader reports
 * ({@link #truthName()}): an unknown tool and invalid input are errors, the two denial kinds are
 * denials.
 */
enum Outcome {
  OK,
  /** The tool ran and failed (non-zero exit, missing file, edit target not found, …). */
  ERROR,
  /** The model named a tool that does not exist; rejected before any hook fires. */
  UNKNOWN_TOOL,
  /** The input failed schema validation; rejected before any hook fires. */
  INVALID_INPUT,
  /** Refused in {@code -p} mode because the tool was never allowed ("user-rejected"). */
  DENIED_BY_USER,
  /** Refused by a deny rule in the settings ("permission-rule"). */
  DENIED_BY_RULE,
  /** The user interrupted the running tool; the turn ends there. */
  INTERRUPTED;

  String truthName() {
    return switch (this) {
      case OK -> "ok";
      case ERROR, UNKNOWN_TOOL, INVALID_INPUT -> "error";
      case DENIED_BY_USER, DENIED_BY_RULE -> "denied";
      case INTERRUPTED -> "interrupted";
    };
  }

  boolean isError() {
    return this != OK;
  }
}
