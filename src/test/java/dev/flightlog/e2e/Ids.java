package dev.flightlog.e2e;

import java.security.SecureRandom;

/** Ids in the Messages API's shapes ({@code toolu_01…}, {@code msg_01…}, {@code req_01…}). */
final class Ids {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A fresh id: the prefix, {@code 01} and 22 random base-62 characters. */
  static String next(String prefix) {
    var id = new StringBuilder(prefix).append("01");
    for (int i = 0; i < 22; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
