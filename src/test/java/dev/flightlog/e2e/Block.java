package dev.flightlog.e2e;

import java.util.Map;
import java.util.Objects;

/** One content block of a scripted model response, streamed as the Messages API streams it. */
public sealed interface Block {

  /** Visible assistant text. */
  record Text(String text) implements Block {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An extended-thinking block, streamed with a (fake) signature. */
  record Thinking(String thinking) implements Block {
    public Thinking {
      Objects.requireNonNull(thinking, "thinking");
    }
  }

  /**
   * A tool call. The id is fixed when the script is written, so a test knows every call it asked
   * for before the CLI runs; {@code inputJson} is streamed in pieces as {@code input_json_delta}.
   */
  record ToolUse(String id, String name, String inputJson) implements Block {
    public ToolUse {
      if (!id.startsWith("toolu_") || name.isBlank()) {
        throw new IllegalArgumentException("a tool use needs a toolu_ id and a name: " + id);
      }
      if (!(Json.parse(inputJson) instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("tool input must be a JSON object: " + inputJson);
      }
    }

    /** A call of {@code name} with this input (maps, lists, strings, numbers) and a fresh id. */
    public static ToolUse of(String name, Map<String, ?> input) {
      return new ToolUse(Ids.next("toolu_"), name, Json.write(input));
    }
  }
}
