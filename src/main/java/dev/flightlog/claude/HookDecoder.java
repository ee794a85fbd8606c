package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.Decoded;
import dev.flightlog.Drift;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.Skip;
import dev.flightlog.SkipReason;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.ToolStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one Claude Code hook payload (the JSON a command hook reads on stdin and an HTTP hook
 * POSTs) into facts. Pure and stateless: the same bytes always give the same facts, so a payload
 * delivered twice, or by both the command and the HTTP hook, merges into the same records. Claude
 * Code's payloads carry no time; the caller's receipt time is the time of the event.
 *
 * <p>What each payload yields (see RATIONALE.md, "Hooks"):
 *
 * <ul>
 *   <li>always a {@link HookEventFact}, the payload kept for audit, first in the list; bytes that
 *       are not a JSON object, or one without {@code session_id} or {@code hook_event_name}, give
 *       only that and a counted {@link Skip};
 *   <li>every event: a {@link SessionFact} seen at the receipt time, with the project ({@code
 *       cwd}); SessionEnd also ends the session with its {@code reason};
 *   <li>events with an {@code agent_id} and tool events: a {@link ThreadFact} of their thread
 *       ({@code agent_id}, the subagent's id, else {@link ThreadFact#MAIN});
 *   <li>PreToolUse: a pending {@link ToolCallFact} started at the receipt time; PostToolUse: the
 *       call ended OK, with {@code duration_ms}; PostToolUseFailure: ended as an error (interrupted
 *       when {@code is_interrupt}, denied when the error is a refusal), with the error text;
 *   <li>PostToolBatch: per call, its tool, input and output excerpt; a final outcome and end time
 *       only for a call whose result text shows that Claude Code did not run it (refused, rejected
 *       before execution), which no other hook reports — see {@link ToolResult#notRunStatus()};
 *   <li>PermissionRequest: a pending call when the payload names its {@code tool_use_id} (2.1.328's
 *       does not, so then only the session and thread);
 *   <li>UserPromptSubmit: a {@link PromptFact} started at the receipt time with its text; tool
 *       events, MessageDisplay, Stop and StopFailure of the main thread extend (end) their turn;
 *   <li>SubagentStart and SubagentStop: the subagent's thread with its {@code agent_type};
 *   <li>an event name Claude Code 2.1.328 does not accept, and fields not seen in its payloads:
 *       {@link Drift} (version {@code unknown}: payloads name none).
 * </ul>
 */
public final class HookDecoder {

  /** Drift of hook payloads is counted under this version: payloads do not carry one. */
  static final String VERSION = "unknown";

  /** Events about one tool call, each in the thread of its {@code agent_id}. */
  private static final Set<String> TOOL_EVENTS =
      Set.of(
          "PreToolUse", "PermissionRequest", "PostToolUse", "PostToolUseFailure", "PostToolBatch");

  /** Events that are activity within a turn: they extend it, as transcript lines do. */
  private static final Set<String> TURN_EVENTS =
      Set.of(
          "PreToolUse",
          "PermissionRequest",
          "PostToolUse",
          "PostToolUseFailure",
          "PostToolBatch",
          "MessageDisplay",
          "Stop",
          "StopFailure");

  private HookDecoder() {}

  /**
   * What one payload gave.
   *
   * @param facts the {@link HookEventFact} first, then the records it tells about
   * @param skip why (part of) the payload could not be used, or null
   * @param transcripts the transcripts the payload names ({@code transcript_path}, SubagentStop's
   *     {@code agent_transcript_path}), only absolute paths that name a Claude Code transcript
   */
  public record Result(
      List<Fact> facts, List<Drift> drift, @Nullable Skip skip, List<Path> transcripts) {
    public Result {
      facts = List.copyOf(facts);
      drift = List.copyOf(drift);
      transcripts = List.copyOf(transcripts);
      if (facts.isEmpty() || !(facts.getFirst() instanceof HookEventFact)) {
        throw new IllegalArgumentException("a hook result starts with its HookEventFact");
      }
    }

    /** The payload as kept for audit. */
    public HookEventFact event() {
      return (HookEventFact) facts.getFirst();
    }
  }

  /**
   * Decodes a payload. Never throws for any bytes.
   *
   * @param channel {@link Channel#HOOK} (from the spool) or {@link Channel#HTTP_HOOK}
   * @param receivedAt when the payload was received: the time of the event
   * @param where what produced the payload, for a skip: the endpoint or the spool file
   */
  public static Result decode(byte[] payload, Channel channel, Instant receivedAt, String where) {
    if (channel != Channel.HOOK && channel != Channel.HTTP_HOOK) {
      throw new IllegalArgumentException(
          "hook payloads arrive by hook or http_hook, not " + channel);
    }
    var sha256 = sha256(payload);
    var text = new String(payload, StandardCharsets.UTF_8);
    HookPayload read;
    try {
      read = HookPayload.parse(payload);
    } catch (JsonProcessingException e) {
      var skipped = Unreadable.skip(e, payload, 0, payload.length);
      return unusable(sha256, text, payload, channel, receivedAt, where, skipped);
    } catch (IOException | RuntimeException e) {
      // Reading from an array cannot fail with I/O, and a bug must not lose the payload.
      return unusable(
          sha256,
          text,
          payload,
          channel,
          receivedAt,
          where,
          new Decoded.Skipped(SkipReason.MALFORMED_JSON, "unreadable payload: " + e));
    }
    var notAnObject = read.notAnObject;
    if (notAnObject != null) {
      var reason = read.empty ? SkipReason.MALFORMED_JSON : SkipReason.NOT_AN_ENTRY;
      return unusable(
          sha256,
          text,
          payload,
          channel,
          receivedAt,
          where,
          new Decoded.Skipped(reason, notAnObject));
    }
    var sessionId = read.sessionId;
    var event = read.event;
    var hookEvent =
        new HookEventFact(
            Agent.CLAUDE,
            sessionId == null ? "" : sessionId,
            event,
            sha256,
            text,
            payload.length,
            true,
            receivedAt,
            channel);
    if (sessionId == null || event == null) {
      var missing = sessionId == null ? "session_id" : "hook_event_name";
      return new Result(
          List.of(hookEvent),
          List.of(),
          new Skip(channel, SkipReason.NOT_AN_ENTRY, where, "hook payload without a " + missing),
          List.of());
    }
    var facts = new ArrayList<Fact>();
    facts.add(hookEvent);
    var drift = drift(read, event);
    Skip skip;
    try {
      var problem = new Facts(read, sessionId, event, channel, receivedAt, facts).add();
      skip = problem == null ? null : new Skip(channel, SkipReason.NOT_AN_ENTRY, where, problem);
    } catch (RuntimeException e) {
      // A record refused a value (an IllegalArgumentException naming it): keep the payload only.
      facts.subList(1, facts.size()).clear();
      skip =
          new Skip(
              channel,
              SkipReason.NOT_AN_ENTRY,
              where,
              event + " payload rejected: " + String.valueOf(e.getMessage()));
    }
    return new Result(facts, drift, skip, transcripts(read));
  }

  /** A payload that is not a usable JSON object: kept for audit, and counted as a skip. */
  private static Result unusable(
      String sha256,
      String text,
      byte[] payload,
      Channel channel,
      Instant receivedAt,
      String where,
      Decoded.Skipped skipped) {
    var hookEvent =
        new HookEventFact(
            Agent.CLAUDE, "", null, sha256, text, payload.length, false, receivedAt, channel);
    return new Result(
        List.of(hookEvent),
        List.of(),
        new Skip(channel, skipped.reason(), where, skipped.detail()),
        List.of());
  }

  /** The records one well-formed payload tells about. */
  private record Facts(
      HookPayload read,
      String sessionId,
      String event,
      Channel channel,
      Instant at,
      List<Fact> into) {

    /** Adds the facts; returns what could not be used, or null. */
    @Nullable String add() {
      var ended = event.equals("SessionEnd");
      into.add(
          new SessionFact(
              Agent.CLAUDE,
              sessionId,
              read.cwd,
              null,
              null,
              at,
              ended ? at : null,
              ended ? read.reason : null,
              channel));
      var thread = read.agentId != null ? read.agentId : ThreadFact.MAIN;
      if (read.agentId != null || TOOL_EVENTS.contains(event)) {
        into.add(
            new ThreadFact(
                Agent.CLAUDE, sessionId, thread, read.agentType, null, null, null, at, channel));
      }
      String problem = null;
      switch (event) {
        case "UserPromptSubmit" -> {
          if (read.promptId != null) {
            into.add(
                new PromptFact(
                    Agent.CLAUDE,
                    sessionId,
                    read.promptId,
                    read.prompt,
                    at,
                    null,
                    read.cwd,
                    channel));
          } else {
            problem = "UserPromptSubmit payload without a prompt_id";
          }
        }
        case "PreToolUse" -> problem = call(thread, ToolStatus.PENDING, null, at, null);
        case "PermissionRequest" -> {
          // 2.1.328 names no tool_use_id here: the request cannot be tied to its call.
          if (read.toolUseId != null) {
            call(thread, ToolStatus.PENDING, null, null, null);
          }
        }
        case "PostToolUse" -> problem = call(thread, ToolStatus.OK, null, null, at);
        case "PostToolUseFailure" -> {
          var id = read.toolUseId;
          if (id == null) {
            problem = event + " payload without a tool_use_id";
          } else {
            var result = new ToolResult(id, true, read.errorHead, read.errorBytes);
            call(thread, result.status(null, read.interrupt), result.error(), null, at);
          }
        }
        case "PostToolBatch" -> problem = batch(thread);
        default -> {}
      }
      if (read.promptId != null && read.agentId == null && TURN_EVENTS.contains(event)) {
        into.add(
            new PromptFact(Agent.CLAUDE, sessionId, read.promptId, null, null, at, null, channel));
      }
      return problem;
    }

    /** One call of a per-call tool event; returns the problem when it names no call. */
    private @Nullable String call(
        String thread,
        ToolStatus status,
        @Nullable String error,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt) {
      var id = read.toolUseId;
      if (id == null) {
        return event + " payload without a tool_use_id";
      }
      into.add(
          new ToolCallFact(
              Agent.CLAUDE,
              id,
              sessionId,
              thread,
              read.promptId,
              read.toolName,
              read.toolInput,
              MessageReader.summary(read.toolName, read.toolSummaries),
              status,
              error,
              null,
              null,
              startedAt,
              endedAt,
              endedAt == null ? null : read.durationMs,
              read.cwd,
              null,
              channel));
      return null;
    }

    /**
     * PostToolBatch: each call's tool, input and result text (exactly the transcript's tool_result
     * content). The text carries no {@code is_error}, so an outcome is only given where the text
     * shows Claude Code did not run the call; a call that ran keeps the outcome its PostToolUse or
     * PostToolUseFailure gave (this fact has none, rank 0).
     */
    private @Nullable String batch(String thread) {
      int unnamed = 0;
      for (var call : read.calls) {
        var id = call.toolUseId();
        if (id == null) {
          unnamed++;
          continue;
        }
        var head = call.responseHead();
        var result = new ToolResult(id, true, head, call.responseBytes());
        var status = result.notRunStatus();
        into.add(
            new ToolCallFact(
                Agent.CLAUDE,
                id,
                sessionId,
                thread,
                read.promptId,
                call.tool(),
                call.input(),
                call.summary(),
                status,
                status == null ? null : result.error(),
                result.excerpt(),
                head == null ? null : call.responseBytes(),
                null,
                status == null ? null : at,
                null,
                read.cwd,
                null,
                channel));
      }
      return unnamed == 0 ? null : "PostToolBatch call without a tool_use_id (" + unnamed + ")";
    }
  }

  /** Unknown events, fields and content blocks, once each. */
  private static List<Drift> drift(HookPayload read, String event) {
    var drift = new ArrayList<Drift>();
    if (!Schema.HOOK_EVENTS.contains(event)) {
      drift.add(new Drift(Agent.CLAUDE, VERSION, "hook_event", event));
      return drift;
    }
    for (var field : read.fieldNames) {
      var unknown = new Drift(Agent.CLAUDE, VERSION, "hook_field", event + "." + field);
      if (Schema.unknownHookField(event, field) && !drift.contains(unknown)) {
        drift.add(unknown);
      }
    }
    for (var field : read.unknownCallFields) {
      drift.add(new Drift(Agent.CLAUDE, VERSION, "hook_field", event + ".tool_calls." + field));
    }
    for (var block : read.unknownBlocks) {
      drift.add(new Drift(Agent.CLAUDE, VERSION, "content_block", event + "." + block));
    }
    return drift;
  }

  /** The transcripts a payload names, for the caller to follow at once. */
  private static List<Path> transcripts(HookPayload read) {
    var paths = new ArrayList<Path>(2);
    addTranscript(paths, read.transcriptPath);
    addTranscript(paths, read.agentTranscriptPath);
    return paths;
  }

  /** Adds the path if it is absolute and names a transcript; a payload may name anything. */
  private static void addTranscript(List<Path> paths, @Nullable String text) {
    if (text == null) {
      return;
    }
    try {
      var path = Path.of(text);
      if (path.isAbsolute() && TranscriptFile.of(path) != null && !paths.contains(path)) {
        paths.add(path);
      }
    } catch (InvalidPathException e) {
      // Not a path on this system: nothing to follow.
    }
  }

  /** Lower-case hex SHA-256 of the bytes. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
