package dev.flightlog.ingest;

import dev.flightlog.Agent;
import dev.flightlog.Channel;
import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.Redacted;
import dev.flightlog.SessionFact;
import dev.flightlog.Skip;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import dev.flightlog.redact.Redactor;
import dev.flightlog.redact.SecretKind;
import dev.flightlog.store.Batch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one place content passes before it is stored. Every text field of every fact (and the detail
 * of every skip) is redacted first, then kept whole up to a safety cap ({@code full}), bounded to
 * an excerpt ({@code default}) or dropped ({@code metadata}) as the {@link CapturePolicy} says for
 * the fact's agent and project. Redacting before bounding means that a secret the excerpt limit
 * would cut in half is still found whole.
 *
 * <p>A fact that carries no project (a hook payload, a thread, a metric point) takes the project of
 * its session from the other facts of its batch, else from the sessions seen before ({@link
 * SessionProjects}); when neither knows, the agent's level, else the default level, applies. A skip
 * takes the project of its batch's first fact that has one.
 */
public final class Gate {

  /** The longest tool input kept at the {@code default} level. */
  public static final int MAX_INPUT_CHARS = 16 * 1024;

  /** The longest tool output excerpt and error kept at the {@code default} level. */
  public static final int MAX_EXCERPT_CHARS = 2 * 1024;

  /** The longest prompt text (and thread description) kept at the {@code default} level. */
  public static final int MAX_PROMPT_CHARS = 16 * 1024;

  /** The longest input summary kept at the {@code default} level. */
  public static final int MAX_SUMMARY_CHARS = 200;

  /**
   * The longest raw hook payload kept at the {@code default} level: a tool input and an output
   * excerpt, and room.
   */
  public static final int MAX_HOOK_PAYLOAD_CHARS = MAX_INPUT_CHARS + 2 * MAX_EXCERPT_CHARS + 4096;

  /**
   * The {@code full} level's safety cap on any one field: 1 MiB characters. A tool's output can be
   * far larger (a build log, a file read whole); the cap keeps one record from growing the database
   * without bound. What is cut is said in the text ({@code …[N more chars]}).
   */
  public static final int FULL_CAP_CHARS = 1 << 20;

  /**
   * How far past the kept length a text is redacted: longer than any secret the rules find, except
   * a private key, whose block is redacted to the end of the text when its END line is missing.
   */
  static final int SCAN_MARGIN = 16 * 1024;

  /** The default capture level everywhere. */
  public static final Gate DEFAULT = new Gate(CapturePolicy.DEFAULT, Clock.systemUTC());

  private final CapturePolicy capture;
  private final Clock clock;
  private final boolean redacts;

  /**
   * @param capture which level applies where
   * @param clock the time stamped on the redaction counts
   */
  public Gate(CapturePolicy capture, Clock clock) {
    this(capture, clock, true);
  }

  /** A gate that does not redact: only for measuring what redaction costs (RedactionBenchmark). */
  Gate(CapturePolicy capture, Clock clock, boolean redacts) {
    this.capture = capture;
    this.clock = clock;
    this.redacts = redacts;
  }

  /** Which level applies where. */
  public CapturePolicy capture() {
    return capture;
  }

  /**
   * The batch as it may be stored: every fact and skip passed, and the counts of what was redacted,
   * one per session, channel and kind. {@code known} learns the batch's session projects.
   */
  Batch pass(Batch batch, SessionProjects known) {
    var batchProjects = new HashMap<String, String>();
    String firstProject = null;
    for (var fact : batch.facts()) {
      var project = project(fact);
      if (project != null && !project.isBlank()) {
        batchProjects.put(fact.sessionId(), project);
        known.remember(fact.sessionId(), project);
        if (firstProject == null) {
          firstProject = project;
        }
      }
    }
    var counts = new Counts();
    var facts = new ArrayList<Fact>(batch.facts().size());
    for (var fact : batch.facts()) {
      var project = project(fact);
      if (project == null) {
        project = batchProjects.get(fact.sessionId());
      }
      if (project == null) {
        project = known.project(fact.sessionId());
      }
      var level = capture.levelFor(fact.agent(), project);
      facts.add(
          pass(fact, level, counts.of(fact.agent(), fact.sessionId(), fact.channel()), redacts));
    }
    var agent = batch.facts().isEmpty() ? Agent.CLAUDE : batch.facts().getFirst().agent();
    var session = batch.facts().isEmpty() ? "" : batch.facts().getFirst().sessionId();
    var skipLevel = capture.levelFor(agent, firstProject);
    var skips = new ArrayList<Skip>(batch.skips().size());
    for (var skip : batch.skips()) {
      skips.add(pass(skip, skipLevel, counts.of(agent, session, skip.channel()), redacts));
    }
    var redactions = new ArrayList<>(batch.redactions());
    redactions.addAll(counts.redacted(clock.instant()));
    return new Batch(facts, batch.drift(), skips, redactions, batch.position());
  }

  /** The fact as it may be stored, at this level, counting what was redacted. */
  private static Fact pass(Fact fact, CaptureLevel level, Counter counter, boolean redacts) {
    var content = new Content(level, counter, redacts);
    return switch (fact) {
      case ToolCallFact t ->
          t.withContent(
              content.keep(t.input(), MAX_INPUT_CHARS),
              content.keep(t.summary(), MAX_SUMMARY_CHARS),
              content.keep(t.error(), MAX_EXCERPT_CHARS),
              content.keep(t.outputExcerpt(), MAX_EXCERPT_CHARS));
      case PromptFact p ->
          p.text() == null
              ? p
              : new PromptFact(
                  p.agent(),
                  p.sessionId(),
                  p.promptId(),
                  content.keep(p.text(), MAX_PROMPT_CHARS),
                  p.startedAt(),
                  p.endedAt(),
                  p.project(),
                  p.channel());
      case SessionFact s ->
          s.gitBranch() == null && s.endReason() == null
              ? s
              : new SessionFact(
                  s.agent(),
                  s.sessionId(),
                  s.project(),
                  content.redactOnly(s.gitBranch()),
                  s.agentVersion(),
                  s.seenAt(),
                  s.endedAt(),
                  content.redactOnly(s.endReason()),
                  s.channel());
      case ThreadFact t ->
          t.description() == null
              ? t
              : new ThreadFact(
                  t.agent(),
                  t.sessionId(),
                  t.threadId(),
                  t.agentType(),
                  content.keep(t.description(), MAX_PROMPT_CHARS),
                  t.parentToolUseId(),
                  t.model(),
                  t.seenAt(),
                  t.channel());
      case ModelRequestFact m -> m;
      case CostStateFact c -> c;
      case HookEventFact h -> {
        var payload = content.keep(h.payload(), MAX_HOOK_PAYLOAD_CHARS);
        yield h.withPayload(payload == null ? "" : payload);
      }
      case MetricPointFact m -> {
        // The attributes are metadata (model, type, …), kept at every level; redacted all the same.
        var series = content.redactOnly(m.series());
        yield series.equals(m.series())
            ? m
            : new MetricPointFact(
                m.agent(),
                m.sessionId(),
                m.name(),
                series,
                m.unit(),
                m.temporality(),
                m.startedAt(),
                m.at(),
                m.value(),
                m.channel());
      }
    };
  }

  private static Skip pass(Skip skip, CaptureLevel level, Counter counter, boolean redacts) {
    if (level == CaptureLevel.METADATA) {
      return new Skip(skip.channel(), skip.reason(), skip.where(), skip.reason().wireName());
    }
    var detail = new Content(level, counter, redacts).keep(skip.detail(), MAX_EXCERPT_CHARS);
    return new Skip(skip.channel(), skip.reason(), skip.where(), detail == null ? "" : detail);
  }

  /** The project a fact names, if it names one. */
  private static @Nullable String project(Fact fact) {
    return switch (fact) {
      case ToolCallFact t -> t.project();
      case PromptFact p -> p.project();
      case SessionFact s -> s.project();
      case ModelRequestFact m -> m.project();
      case ThreadFact t -> null;
      case CostStateFact c -> null;
      case HookEventFact h -> null;
      case MetricPointFact m -> null;
    };
  }

  /** Counts redactions of one session's content from one channel. */
  interface Counter {
    void add(Map<SecretKind, Integer> counts);
  }

  /** The text fields of one fact at one level. */
  private record Content(CaptureLevel level, Counter counter, boolean redacts) {

    /**
     * The text redacted, then bounded for the level; null at {@code metadata}. Only what can be
     * kept is redacted, with {@link #SCAN_MARGIN} more, so that a secret crossing the cut is still
     * seen whole; the rest is never stored, so it is not read.
     */
    @Nullable String keep(@Nullable String text, int defaultMax) {
      if (text == null || level == CaptureLevel.METADATA) {
        return null;
      }
      int max = level == CaptureLevel.FULL ? FULL_CAP_CHARS : defaultMax;
      if (!redacts) {
        return cut(text, max);
      }
      if (text.length() <= max + SCAN_MARGIN) {
        return cut(redactOnly(text), max);
      }
      var head = Redactor.standard().redact(text.substring(0, max + SCAN_MARGIN));
      if (head.text().length() < max + SCAN_MARGIN / 2) {
        // Markers made the head much shorter than the text it stands for: a secret cut at the
        // head's end could come within the kept part, so redact everything.
        return cut(redactOnly(text), max);
      }
      if (head.changed()) {
        counter.add(head.counts());
      }
      return cut(head.text(), max, head.text().length() + text.length() - (max + SCAN_MARGIN));
    }

    @SuppressWarnings("NullAway") // null in, null out
    String redactOnly(@Nullable String text) {
      if (text == null || !redacts) {
        return text;
      }
      var redaction = Redactor.standard().redact(text);
      if (redaction.changed()) {
        counter.add(redaction.counts());
      }
      return redaction.text();
    }
  }

  /** The redaction counts of one batch, per agent, session, channel and kind. */
  private static final class Counts {
    private record Key(Agent agent, String sessionId, Channel channel, SecretKind kind) {}

    private final Map<Key, Integer> counts = new LinkedHashMap<>();

    Counter of(Agent agent, String sessionId, Channel channel) {
      return found -> {
        for (var entry : found.entrySet()) {
          counts.merge(
              new Key(agent, sessionId, channel, entry.getKey()), entry.getValue(), Integer::sum);
        }
      };
    }

    java.util.List<Redacted> redacted(java.time.Instant at) {
      var list = new ArrayList<Redacted>(counts.size());
      for (var entry : counts.entrySet()) {
        var key = entry.getKey();
        list.add(
            new Redacted(
                key.agent(),
                key.sessionId(),
                key.channel().wireName(),
                key.kind().wireName(),
                entry.getValue(),
                at));
      }
      return list;
    }
  }

  /** The text cut to {@code max} characters with a marker saying how much was cut. */
  static String cut(String text, int max) {
    return cut(text, max, text.length());
  }

  /**
   * The text cut to {@code max} characters, saying how much was cut of the {@code length} it stands
   * for (longer than the text when only its head was redacted).
   */
  private static String cut(String text, int max, int length) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "…[" + (length - cut) + " more chars]";
  }
}
