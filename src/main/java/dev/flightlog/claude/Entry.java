package dev.flightlog.claude;

import dev.flightlog.CostStateFact;
import dev.flightlog.Usage;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one transcript line says, reduced to what flightlog keeps: one of the kinds of entry it
 * stores facts from, a known kind it has no use for, an unknown kind (schema drift), or a line that
 * is valid JSON but no entry at all.
 */
sealed interface Entry {

  /**
   * The fields every conversation line ({@code user}, {@code assistant}) repeats.
   *
   * @param at the line's {@code timestamp}; null when absent or not an ISO-8601 instant
   * @param promptId the turn the line belongs to; only {@code user} lines carry it
   */
  record Envelope(
      @Nullable Instant at,
      @Nullable String cwd,
      @Nullable String version,
      @Nullable String gitBranch,
      @Nullable String promptId,
      @Nullable String uuid) {}

  /**
   * A {@code user} line whose content is text (a string, or text and image blocks): a prompt, a
   * task notification, or text Claude Code injects itself (meta lines, command output, interrupt
   * markers, compaction summaries), see {@link #startsTurn()}.
   *
   * @param injected the line is marked as written by Claude Code, not typed: {@code isMeta}, {@code
   *     isCompactSummary} or {@code isVisibleInTranscriptOnly}
   */
  record UserText(Envelope envelope, String text, boolean injected) implements Entry {

    /**
     * Text that, at its start, marks a user line as output or a marker rather than a request to the
     * model: local slash-command output, the {@code !} shell mode's echo and output, and the marker
     * Claude Code writes when the user interrupts a response.
     */
    private static final List<String> NOT_A_PROMPT =
        List.of(
            "<local-command-stdout>",
            "<local-command-stderr>",
            "<local-command-caveat>",
            "<bash-input>",
            "<bash-stdout>",
            "<bash-stderr>",
            "[Request interrupted by user");

    /**
     * Whether this line starts a new turn. Prompts the user typed, slash commands ({@code
     * <command-name>…}) and background-task completions ({@code <task-notification>…}, which Claude
     * Code submits as a new turn with its own prompt id) do; lines Claude Code marks as injected
     * and the outputs and markers in {@link #NOT_A_PROMPT} do not.
     */
    boolean startsTurn() {
      if (injected) {
        return false;
      }
      int start = 0;
      while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      if (start == text.length()) {
        return false;
      }
      for (var prefix : NOT_A_PROMPT) {
        if (text.startsWith(prefix, start)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A {@code user} line carrying the results of tool calls.
   *
   * @param denialKind the line's {@code toolDenialKind}: why Claude Code refused or stopped the
   *     call
   * @param interrupted {@code toolUseResult.interrupted}: Bash's flag for a command the user
   *     stopped
   */
  record ToolResults(
      Envelope envelope, @Nullable String denialKind, boolean interrupted, List<ToolResult> results)
      implements Entry {
    public ToolResults {
      results = List.copyOf(results);
    }
  }

  /**
   * An {@code assistant} line: one content block of one model response, with the response's usage
   * repeated on every block.
   *
   * @param requestId the API request id, or "" when the line has none
   * @param synthetic a message Claude Code made up itself (an API error shown as a reply, model
   *     {@code <synthetic>}): no request reached a model, so its zero usage means nothing
   */
  record Assistant(
      Envelope envelope,
      @Nullable String messageId,
      String requestId,
      @Nullable String model,
      @Nullable Usage usage,
      boolean synthetic,
      List<ToolUse> toolUses)
      implements Entry {
    public Assistant {
      toolUses = List.copyOf(toolUses);
    }
  }

  /** A tool call the model asked for in an assistant line. */
  record ToolUse(
      String id, @Nullable String name, @Nullable String input, @Nullable String summary) {}

  /** A {@code cost-state} line: Claude Code's running cost total for the session. */
  record CostState(@Nullable Instant at, double totalCostUsd, List<CostStateFact.ModelCost> models)
      implements Entry {
    public CostState {
      models = List.copyOf(models);
    }
  }

  /** A known entry type that carries nothing flightlog stores (attachments, API request logs …). */
  record Ignored() implements Entry {}

  /** An entry type this decoder does not know; reported as drift, never an error. */
  record Unknown(String type) implements Entry {}

  /** Valid JSON that is not a transcript entry: not an object, no {@code type}, no message. */
  record NotAnEntry(String detail) implements Entry {}
}
