package dev.flightlog.corpus;

/** One content block of an assistant message; Claude Code writes one transcript line per block. */
sealed interface Block {
  /** A thinking block whose text is about {@code bytes} long. */
  record Thinking(int bytes) implements Block {}

  /** A text block whose text is about {@code bytes} long. */
  record Text(int bytes) implements Block {}

  record ToolUse(ToolCall call) implements Block {}
}
