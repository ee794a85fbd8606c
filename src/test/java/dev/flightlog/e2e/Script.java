package dev.flightlog.e2e;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the scripted model answers: one conversation per prompt, each a list of turns. A request
 * belongs to the conversation whose marker its latest prompt contains (main-agent and subagent
 * conversations are told apart by the request itself), and the number of assistant messages since
 * that prompt says which turn to answer — no state, so retries, resumed and concurrent sessions and
 * subagents all work.
 */
public record Script(List<Conversation> conversations) {

  public Script {
    conversations = List.copyOf(conversations);
    for (int i = 0; i < conversations.size(); i++) {
      for (int j = 0; j < conversations.size(); j++) {
        var a = conversations.get(i);
        var b = conversations.get(j);
        if (i != j && a.subagent() == b.subagent() && b.marker().contains(a.marker())) {
          throw new IllegalArgumentException(
              "ambiguous script: marker '" + a.marker() + "' is part of '" + b.marker() + "'");
        }
      }
    }
  }

  public static Script of(Conversation... conversations) {
    return new Script(List.of(conversations));
  }

  /**
   * The answers to a main-agent prompt that contains {@code marker}, turn by turn.
   *
   * @param marker a string only this conversation's prompt contains
   */
  public static Conversation main(String marker, Turn... turns) {
    return new Conversation(marker, false, List.of(turns));
  }

  /**
   * The answers to a subagent whose task prompt (the {@code Agent} tool's {@code prompt}) contains
   * {@code marker}. The CLI marks subagent requests with {@code cc_is_subagent=true} in the first
   * system block.
   */
  public static Conversation subagent(String marker, Turn... turns) {
    return new Conversation(marker, true, List.of(turns));
  }

  /** One prompt's scripted turns. */
  public record Conversation(String marker, boolean subagent, List<Turn> turns) {
    public Conversation {
      turns = List.copyOf(turns);
      if (marker.isBlank() || turns.isEmpty()) {
        throw new IllegalArgumentException("a conversation needs a marker and at least one turn");
      }
    }

    /** Every tool call this conversation asks for. */
    public List<Block.ToolUse> toolUses() {
      return Turn.toolUses(turns.toArray(Turn[]::new));
    }
  }

  /** The conversation a request with this latest prompt belongs to, if any. */
  @Nullable Conversation find(String promptText, boolean subagent) {
    for (var conversation : conversations) {
      if (conversation.subagent() == subagent && promptText.contains(conversation.marker())) {
        return conversation;
      }
    }
    return null;
  }

  /** Every tool call the script asks for, main conversations first. */
  public List<Block.ToolUse> toolUses() {
    var all = new ArrayList<Block.ToolUse>();
    conversations.stream().filter(c -> !c.subagent()).forEach(c -> all.addAll(c.toolUses()));
    conversations.stream().filter(Conversation::subagent).forEach(c -> all.addAll(c.toolUses()));
    return List.copyOf(all);
  }
}
