package dev.flightlog.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What the scripted model answers at one step of a conversation: a response or an HTTP error. */
public sealed interface Turn {

  /** A streamed response; {@code stop_reason} is {@code tool_use} when it calls a tool. */
  static Reply reply(Block... blocks) {
    return new Reply(List.of(blocks), TurnUsage.DEFAULT, List.of());
  }

  /** A response that only says {@code text} and ends the turn. */
  static Reply text(String text) {
    return reply(new Block.Text(text));
  }

  /** A response that calls these tools (in one assistant message, so they run as a batch). */
  static Reply tools(Block.ToolUse... calls) {
    return reply(calls);
  }

  /**
   * A streamed model response. Before it is served, the first attempts at this step are answered
   * with {@code failuresFirst}, one per attempt (the CLI retries retryable ones such as 529).
   */
  record Reply(List<Block> blocks, TurnUsage usage, List<Failure> failuresFirst) implements Turn {
    public Reply {
      blocks = List.copyOf(blocks);
      Objects.requireNonNull(usage, "usage");
      failuresFirst = List.copyOf(failuresFirst);
      if (blocks.isEmpty()) {
        throw new IllegalArgumentException("a reply needs at least one content block");
      }
    }

    public Reply withUsage(TurnUsage usage) {
      return new Reply(blocks, usage, failuresFirst);
    }

    /** The same reply, served only after these failures were answered to the first attempts. */
    public Reply afterFailures(Failure... failures) {
      return new Reply(blocks, usage, List.of(failures));
    }

    public List<Block.ToolUse> toolUses() {
      return blocks.stream()
          .filter(Block.ToolUse.class::isInstance)
          .map(Block.ToolUse.class::cast)
          .toList();
    }

    public String stopReason() {
      return toolUses().isEmpty() ? "end_turn" : "tool_use";
    }
  }

  /**
   * An HTTP error answered to every attempt at this step, with the API's error body {@code
   * {"type":"error","error":{"type":…,"message":…}}}.
   */
  record Failure(int status, String type, String message) implements Turn {
    public Failure {
      if (status < 400 || status > 599 || type.isBlank()) {
        throw new IllegalArgumentException("an API error needs a 4xx/5xx status and a type");
      }
    }

    /** 400 {@code invalid_request_error}: not retried, the CLI's turn fails. */
    public static Failure badRequest(String message) {
      return new Failure(400, "invalid_request_error", message);
    }

    /** 529 {@code overloaded_error}: the CLI retries. */
    public static Failure overloaded() {
      return new Failure(529, "overloaded_error", "Overloaded (scripted)");
    }
  }

  /** Every tool use in these turns, in order. */
  static List<Block.ToolUse> toolUses(Turn... turns) {
    return Arrays.stream(turns)
        .filter(Reply.class::isInstance)
        .flatMap(t -> ((Reply) t).toolUses().stream())
        .toList();
  }
}
