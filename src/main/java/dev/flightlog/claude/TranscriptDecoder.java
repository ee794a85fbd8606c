package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Decoded;
import dev.flightlog.Fact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.SkipReason;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the lines of one transcript file, in order. Not thread-safe: one per file.
 *
 * <p>What each line yields:
 *
 * <ul>
 *   <li>every {@code user} and {@code assistant} line: a {@link SessionFact} (project, branch,
 *       version, seen at), and on the file's first one a {@link ThreadFact};
 *   <li>a prompt ({@link Entry.UserText#startsTurn()}) in a main transcript: a {@link PromptFact}
 *       with its text. A subagent's user text is its task, written under the parent's prompt id: it
 *       only sets the turn, so the parent's prompt text is never overwritten;
 *   <li>tool results: a {@link ToolCallFact} per result (outcome, error, output excerpt and size,
 *       end time);
 *   <li>an assistant line: a {@link ModelRequestFact} (every line of a response repeats the usage;
 *       the store merges them into one request) unless the reply is synthetic, and a {@link
 *       ToolCallFact} per tool call it asks for;
 *   <li>tool results and assistant lines in a main transcript also extend their turn (a {@link
 *       PromptFact} with only an end time). A subagent's lines do not: a background agent runs on
 *       after the turn that started it has ended;
 *   <li>a {@code cost-state} line: a {@link CostStateFact}.
 * </ul>
 *
 * <p>The file's path is authoritative for the session and thread ids; the ids inside lines are not
 * read.
 */
public final class TranscriptDecoder {

  private final TranscriptFile file;
  private final boolean preScan;
  private DecoderState state;

  /**
   * @param state what {@link #state()} returned after the last line decoded before, or "" for a
   *     file read from its start
   */
  public TranscriptDecoder(TranscriptFile file, String state) {
    this(file, state, true);
  }

  /**
   * @param preScan whether lines of types flightlog stores nothing from are recognised by {@link
   *     TypeScan} and skip Jackson; false only to compare the two paths (tests, the benchmark)
   */
  TranscriptDecoder(TranscriptFile file, String state, boolean preScan) {
    this.file = file;
    this.preScan = preScan;
    this.state = DecoderState.parse(state);
  }

  /** Decodes one complete line (without its newline). Never throws. */
  public Decoded decode(byte[] buffer, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buffer.length - length) {
      return new Decoded.Skipped(
          SkipReason.NOT_AN_ENTRY,
          "line at ["
              + offset
              + ", "
              + ((long) offset + length)
              + ") is outside its buffer of "
              + buffer.length
              + " bytes");
    }
    if (preScan) {
      var ignorable = ignorable(buffer, offset, length);
      if (ignorable != null) {
        // As apply() does for an Entry.Ignored: no facts, no drift, only the version taken.
        var version = ignorable.version() != null ? ignorable.version() : state.version();
        state = new DecoderState(state.promptId(), version, state.threadSeen());
        return new Decoded.Facts(List.of(), List.of());
      }
    }
    LineParser.Line line;
    try {
      line = new LineParser().parse(buffer, offset, length, state.version());
    } catch (JsonProcessingException e) {
      return Unreadable.skip(e, buffer, offset, length);
    } catch (IOException | RuntimeException e) {
      // Reading from an array cannot fail with I/O, and a bug must not stop the file.
      return new Decoded.Skipped(SkipReason.MALFORMED_JSON, "unreadable line: " + e);
    }
    try {
      return apply(line);
    } catch (RuntimeException e) {
      // A record refused a value (an IllegalArgumentException naming it): skip the line, counted.
      return new Decoded.Skipped(
          SkipReason.NOT_AN_ENTRY,
          kind(line.entry()) + " entry rejected: " + String.valueOf(e.getMessage()));
    }
  }

  /** The line if {@link TypeScan} finds it of an ignored type; null sends it through Jackson. */
  private static TypeScan.@Nullable Ignorable ignorable(byte[] buffer, int offset, int length) {
    try {
      return TypeScan.scan(buffer, offset, length);
    } catch (RuntimeException e) {
      // A bug in the scan must not stop the file: Jackson reads the line as before.
      return null;
    }
  }

  /** The entry type a line had, for skip details. */
  private static String kind(Entry entry) {
    return switch (entry) {
      case Entry.UserText text -> "user";
      case Entry.ToolResults results -> "user";
      case Entry.Assistant assistant -> "assistant";
      case Entry.CostState cost -> "cost-state";
      case Entry.Ignored ignored -> "ignored";
      case Entry.Unknown unknown -> unknown.type();
      case Entry.NotAnEntry notAnEntry -> "no";
    };
  }

  /** The decoder's state after the lines decoded so far, to be stored with the file position. */
  public String state() {
    return state.encode();
  }

  /** Decodes a subagent's {@code .meta.json}. Never throws. */
  public static Decoded subagentMeta(TranscriptFile file, byte[] json) {
    return SubagentMeta.decode(file, json);
  }

  /** The facts of a line, and the state after it; the state changes only if the line is used. */
  private Decoded apply(LineParser.Line line) {
    var facts = new ArrayList<Fact>();
    var version = line.version() != null ? line.version() : state.version();
    var next = new DecoderState(state.promptId(), version, state.threadSeen());
    switch (line.entry()) {
      case Entry.NotAnEntry notAnEntry -> {
        return new Decoded.Skipped(SkipReason.NOT_AN_ENTRY, notAnEntry.detail());
      }
      case Entry.UserText text -> next = userText(text, next, facts);
      case Entry.ToolResults results -> next = toolResults(results, next, facts);
      case Entry.Assistant assistant -> next = assistant(assistant, next, facts);
      case Entry.CostState cost ->
          facts.add(
              new CostStateFact(
                  Agent.CLAUDE,
                  file.sessionId(),
                  cost.totalCostUsd(),
                  cost.at(),
                  cost.models(),
                  Channel.TRANSCRIPT));
      case Entry.Ignored ignored -> {}
      case Entry.Unknown unknown -> {}
    }
    state = next;
    return new Decoded.Facts(facts, line.drift());
  }

  private DecoderState userText(Entry.UserText text, DecoderState next, List<Fact> facts) {
    var envelope = text.envelope();
    next = conversation(envelope, next, facts);
    // Prompt ids arrived in Claude Code 2.1; before, a prompt's own uuid is the best key.
    var promptId = envelope.promptId();
    boolean prompt = !file.subagent() && text.startsTurn();
    if (promptId == null && prompt) {
      promptId = envelope.uuid();
    }
    if (promptId == null) {
      return next;
    }
    if (prompt) {
      facts.add(
          new PromptFact(
              Agent.CLAUDE,
              file.sessionId(),
              promptId,
              text.text(),
              envelope.at(),
              null,
              envelope.cwd(),
              Channel.TRANSCRIPT));
    }
    return new DecoderState(promptId, next.version(), next.threadSeen());
  }

  private DecoderState toolResults(Entry.ToolResults results, DecoderState next, List<Fact> facts) {
    var envelope = results.envelope();
    next = conversation(envelope, next, facts);
    var promptId = envelope.promptId() != null ? envelope.promptId() : next.promptId();
    for (var result : results.results()) {
      var status = result.status(results.denialKind(), results.interrupted());
      facts.add(
          new ToolCallFact(
              Agent.CLAUDE,
              result.toolUseId(),
              file.sessionId(),
              file.threadId(),
              promptId,
              null,
              null,
              null,
              status,
              status == ToolStatus.OK ? null : result.error(),
              result.excerpt(),
              result.head() == null ? null : result.outputBytes(),
              null,
              envelope.at(),
              null,
              envelope.cwd(),
              null,
              Channel.TRANSCRIPT));
    }
    extendTurn(promptId, envelope, facts);
    return new DecoderState(promptId, next.version(), next.threadSeen());
  }

  private DecoderState assistant(Entry.Assistant assistant, DecoderState next, List<Fact> facts) {
    var envelope = assistant.envelope();
    next = conversation(envelope, next, facts);
    var promptId = next.promptId();
    var messageId = assistant.messageId();
    if (messageId != null && !assistant.synthetic()) {
      facts.add(
          new ModelRequestFact(
              Agent.CLAUDE,
              messageId,
              assistant.requestId(),
              file.sessionId(),
              file.threadId(),
              promptId,
              assistant.model(),
              assistant.usage(),
              envelope.at(),
              envelope.cwd(),
              null,
              Channel.TRANSCRIPT));
    }
    for (var use : assistant.toolUses()) {
      facts.add(
          new ToolCallFact(
              Agent.CLAUDE,
              use.id(),
              file.sessionId(),
              file.threadId(),
              promptId,
              use.name(),
              use.input(),
              use.summary(),
              ToolStatus.PENDING,
              null,
              null,
              null,
              envelope.at(),
              null,
              null,
              envelope.cwd(),
              messageId,
              Channel.TRANSCRIPT));
    }
    extendTurn(promptId, envelope, facts);
    return next;
  }

  /** The session and, on the file's first conversation line, the thread. */
  private DecoderState conversation(Entry.Envelope envelope, DecoderState next, List<Fact> facts) {
    facts.add(
        new SessionFact(
            Agent.CLAUDE,
            file.sessionId(),
            envelope.cwd(),
            envelope.gitBranch(),
            envelope.version(),
            envelope.at(),
            null,
            null,
            Channel.TRANSCRIPT));
    if (next.threadSeen()) {
      return next;
    }
    facts.add(
        new ThreadFact(
            Agent.CLAUDE,
            file.sessionId(),
            file.threadId(),
            null,
            null,
            null,
            null,
            envelope.at(),
            Channel.TRANSCRIPT));
    return new DecoderState(next.promptId(), next.version(), true);
  }

  private void extendTurn(@Nullable String promptId, Entry.Envelope envelope, List<Fact> facts) {
    if (promptId == null || envelope.at() == null || file.subagent()) {
      return;
    }
    facts.add(
        new PromptFact(
            Agent.CLAUDE,
            file.sessionId(),
            promptId,
            null,
            null,
            envelope.at(),
            null,
            Channel.TRANSCRIPT));
  }
}
