package dev.flightlog.corpus;

/**
 * One tool call the generated model makes: its id, tool name, how it ends, roughly how many bytes
 * of output it produces, and its target (a file path, command, pattern or URL).
 */
record ToolCall(String id, String name, Outcome outcome, int outputBytes, String target) {
  ToolCall {
    if (id.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("a tool call needs an id and a name");
    }
    if (outputBytes < 0) {
      throw new IllegalArgumentException("output size cannot be negative: " + outputBytes);
    }
  }
}
