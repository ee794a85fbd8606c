package dev.flightlog.report;

/**
 * A report could not be produced: a price file is malformed, the output failed ({@link
 * Kind#FAILED}), the session it names does not exist ({@link Kind#NOT_FOUND}) or the id names
 * several ({@link Kind#AMBIGUOUS}).
 */
public final class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that answer differently (the HTTP API's status). */
  public enum Kind {
    FAILED,
    NOT_FOUND,
    AMBIGUOUS
  }

  private final Kind kind;

  ReportException(String message) {
    this(Kind.FAILED, message);
  }

  ReportException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  ReportException(String message, Throwable cause) {
    super(message, cause);
    this.kind = Kind.FAILED;
  }

  public Kind kind() {
    return kind;
  }
}
