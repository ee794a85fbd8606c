package dev.flightlog.corpus;

import java.util.SplittableRandom;

/**
 * Identifiers in the shapes Claude Code and the Anthropic API use (UUIDs, {@code toolu_…}, {@code
 * msg_…}, {@code req_…}, 17-hex agent ids, SHA-256-like hashes), drawn from one seeded random
 * source so a corpus is reproducible.
 */
final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final SplittableRandom random;

  Ids(SplittableRandom random) {
    this.random = random;
  }

  /** A random (version 4) UUID in its canonical lower-case form. */
  String uuid() {
    var out = new char[36];
    long high = random.nextLong();
    long low = random.nextLong();
    int pos = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[pos++] = '-';
      }
      int nibble;
      if (i == 12) {
        nibble = 4;
      } else if (i == 16) {
        nibble = 8 | (int) ((low >>> 60) & 3);
      } else {
        long source = i < 16 ? high : low;
        nibble = (int) ((source >>> (60 - 4 * (i % 16))) & 15);
      }
      out[pos++] = HEX[nibble];
    }
    return new String(out);
  }

  String toolUseId() {
    return base62("toolu_01", 22);
  }

  String messageId() {
    return base62("msg_01", 22);
  }

  String requestId() {
    return base62("req_", 22);
  }

  /** A subagent id: 17 lower-case hex digits, as in {@code agent-<id>.jsonl}. */
  String agentId() {
    return hex("a", 16);
  }

  /** 64 hex digits, the shape of the shape, blob and digest hashes. */
  String sha256() {
    return hex("", 64);
  }

  String signature() {
    return base62("Eu", 86);
  }

  private String base62(String prefix, int length) {
    var out = new StringBuilder(prefix.length() + length).append(prefix);
    for (int i = 0; i < length; i++) {
      out.append(BASE62[random.nextInt(BASE62.length)]);
    }
    return out.toString();
  }

  private String hex(String prefix, int length) {
    var out = new StringBuilder(prefix.length() + length).append(prefix);
    for (int i = 0; i < length; i++) {
      out.append(HEX[random.nextInt(16)]);
    }
    return out.toString();
  }
}
