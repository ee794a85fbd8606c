package dev.flightlog;

/** Checks shared by the records' constructors. */
final class Keys {
  private Keys() {}

  /** Returns {@code value} if it is a usable key part, else throws naming the field. */
  static String require(String field, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }
}
