package dev.flightlog.redact;

/** The kinds of secret the rules find; each leaves its own marker. Wire names are stored. */
public enum SecretKind {
  PRIVATE_KEY("private_key"),
  AWS_ACCESS_KEY("aws_access_key");

  private final String wireName;

  SecretKind(String wireName) {
    this.wireName = wireName;
  }

  /** The stored name, e.g. {@code aws_access_key}. */
  public String wireName() {
    return wireName;
  }

  /** What replaces a secret of this kind: {@code [REDACTED:aws_access_key]}. */
  public String marker() {
    return "[REDACTED:" + wireName + "]";
  }
}
