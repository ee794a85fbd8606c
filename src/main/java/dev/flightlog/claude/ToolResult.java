package dev.flightlog.claude;

import dev.flightlog.ToolStatus;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One {@code tool_result} block of a user line, and the rules that turn it into an outcome.
 *
 * @param isError the block's {@code is_error}; absent counts as false
 * @param head the start of the result's text (its content string, or its content blocks' texts
 *     joined by newlines, images as {@code [image]}), at most {@link #HEAD_BYTES} UTF-8 bytes; null
 *     when the block has no content
 * @param outputBytes the UTF-8 size of the result's whole text
 */
record ToolResult(String toolUseId, boolean isError, @Nullable String head, long outputBytes) {

  /** The longest error text kept. */
  static final int ERROR_BYTES = 4096;

  /** The longest output excerpt kept. */
  static final int EXCERPT_BYTES = 2048;

  private static final String ERROR_OPEN = "<tool_use_error>";
  private static final String ERROR_CLOSE = "</tool_use_error>";

  /** Enough of the text for the error after its wrapper is stripped. */
  static final int HEAD_BYTES = ERROR_BYTES + ERROR_OPEN.length();

  /**
   * {@code toolDenialKind} values that mean the user stopped the call rather than refused it; every
   * other kind ({@code user-rejected}, {@code permission-rule}, …) is a refusal.
   */
  private static final Set<String> STOPPED_KINDS = Set.of("interrupted", "cancelled");

  /** Claude Code's tool result when the user interrupts a running tool (Esc, Ctrl-C). */
  private static final String INTERRUPTED = "[Request interrupted by user";

  /** Claude Code's tool result when the user cancels a call waiting for permission. */
  private static final String CANCELLED = "The user doesn't want to take this action right now";

  /** Claude Code's tool result when the user answers "no" to a permission prompt. */
  private static final String REJECTED = "The user doesn't want to proceed with this tool use";

  /** The start of the error for an unknown tool and for one turned off by --disallowedTools. */
  private static final String NO_SUCH_TOOL = "No such tool available: ";

  ToolResult {
    if (toolUseId.isBlank()) {
      throw new IllegalArgumentException("tool_result without a tool_use_id");
    }
    if (outputBytes < 0) {
      throw new IllegalArgumentException("outputBytes cannot be negative: " + outputBytes);
    }
  }

  /**
   * The call's outcome, by the first rule that applies:
   *
   * <ol>
   *   <li>the line has a {@code toolDenialKind} (Claude Code 2.1 names the mechanism that stopped
   *       the call): {@code interrupted} and {@code cancelled} are {@link ToolStatus#INTERRUPTED},
   *       every other kind ({@code user-rejected} — also the automatic refusal of a tool missing
   *       from {@code --allowedTools} — and {@code permission-rule}) is {@link ToolStatus#DENIED};
   *   <li>Bash's {@code toolUseResult.interrupted} is true: {@link ToolStatus#INTERRUPTED};
   *   <li>{@code is_error} is false or absent: {@link ToolStatus#OK};
   *   <li>the error text (without its {@code <tool_use_error>} wrapper and {@code Error: } prefix)
   *       is Claude Code's interrupt or cancel message: {@link ToolStatus#INTERRUPTED};
   *   <li>it is a refusal Claude Code wrote without a denial kind — the permission prompt's "no", a
   *       tool turned off for the session ({@code No such tool available: X. X is disabled …}), a
   *       deny rule or an ungranted permission in older versions: {@link ToolStatus#DENIED};
   *   <li>anything else — the tool failed, an unknown tool ({@code No such tool available: X}
   *       alone), invalid input ({@code InputValidationError}): {@link ToolStatus#ERROR}.
   * </ol>
   */
  ToolStatus status(@Nullable String denialKind, boolean interrupted) {
    if (denialKind != null) {
      return STOPPED_KINDS.contains(denialKind) ? ToolStatus.INTERRUPTED : ToolStatus.DENIED;
    }
    if (interrupted) {
      return ToolStatus.INTERRUPTED;
    }
    if (!isError) {
      return ToolStatus.OK;
    }
    var stopped = stoppedBy(plain());
    return stopped != null ? stopped : ToolStatus.ERROR;
  }

  /**
   * The outcome when the text alone shows that Claude Code did not run the call (or stopped it) and
   * wrote the result itself, else null: a text in a {@code <tool_use_error>} wrapper (rules 4–6 of
   * {@link #status}), or one of the interrupt, cancel and refusal messages of rules 4 and 5.
   * PostToolBatch hooks report each call's result text without {@code is_error}; a text this
   * returns null for is a tool's own output, success or failure, which only the per-call hooks and
   * the transcript can tell apart.
   */
  @Nullable ToolStatus notRunStatus() {
    if (head == null) {
      return null;
    }
    var stopped = stoppedBy(plain());
    if (stopped == null && head.startsWith(ERROR_OPEN)) {
      return ToolStatus.ERROR;
    }
    return stopped;
  }

  /**
   * Rules 4 and 5 of {@link #status}: the outcome a message Claude Code writes for a call it
   * stopped or refused means, or null for any other text.
   */
  private static @Nullable ToolStatus stoppedBy(String text) {
    if (text.startsWith(INTERRUPTED) || text.startsWith(CANCELLED)) {
      return ToolStatus.INTERRUPTED;
    }
    if (text.startsWith(REJECTED)
        || (text.startsWith(NO_SUCH_TOOL) && text.contains(" is disabled"))
        || (text.startsWith("Permission to use ") && text.contains(" has been denied"))
        || (text.startsWith("Claude requested permissions to ")
            && text.contains("you haven't granted it yet"))) {
      return ToolStatus.DENIED;
    }
    return null;
  }

  /** The text without its {@code <tool_use_error>} wrapper and {@code Error: } prefix. */
  private String plain() {
    var text = unwrapped();
    return text.startsWith("Error: ") ? text.substring("Error: ".length()) : text;
  }

  /** The error text for a call that did not succeed: at most 4 KiB, without its wrapper. */
  @Nullable String error() {
    return head == null ? null : TextExcerpt.prefix(unwrapped(), ERROR_BYTES);
  }

  /** The first 2 KiB of the output. */
  @Nullable String excerpt() {
    return head == null ? null : TextExcerpt.prefix(head, EXCERPT_BYTES);
  }

  /**
   * The text without the {@code <tool_use_error>…</tool_use_error>} wrapper Claude Code puts around
   * errors it raises before running a tool. The closing tag is only seen when the head holds the
   * whole text.
   */
  private String unwrapped() {
    var text = head == null ? "" : head;
    if (!text.startsWith(ERROR_OPEN)) {
      return text;
    }
    int end = text.length();
    if (text.endsWith(ERROR_CLOSE) && outputBytes <= HEAD_BYTES) {
      end -= ERROR_CLOSE.length();
    }
    return text.substring(ERROR_OPEN.length(), Math.max(ERROR_OPEN.length(), end));
  }
}
