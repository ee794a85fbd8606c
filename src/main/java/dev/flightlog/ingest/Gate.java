package dev.flightlog.ingest;

import dev.flightlog.CostStateFact;
import dev.flightlog.Fact;
import dev.flightlog.HookEventFact;
import dev.flightlog.MetricPointFact;
import dev.flightlog.ModelRequestFact;
import dev.flightlog.PromptFact;
import dev.flightlog.SessionFact;
import dev.flightlog.ThreadFact;
import dev.flightlog.ToolCallFact;
import org.jspecify.annotations.Nullable;

/**
 * The one place content passes before it is stored. Today it bounds every text field to the capture
 * limits (the {@code default} capture level: bounded excerpts); secret redaction and the {@code
 * full} and {@code metadata} levels plug in here.
 *
 * @param maxInputChars the longest tool input kept
 * @param maxExcerptChars the longest tool output excerpt and error kept
 * @param maxPromptChars the longest prompt text kept
 */
public record Gate(int maxInputChars, int maxExcerptChars, int maxPromptChars) {

  /** The default capture level's limits. */
  public static final Gate DEFAULT = new Gate(16 * 1024, 2 * 1024, 16 * 1024);

  public Gate {
    if (maxInputChars < 64 || maxExcerptChars < 64 || maxPromptChars < 64) {
      throw new IllegalArgumentException("capture limits must be at least 64 characters");
    }
  }

  /** The longest raw hook payload kept for audit: a tool input and an output excerpt, and room. */
  int maxHookPayloadChars() {
    return maxInputChars + 2 * maxExcerptChars + 4 * 1024;
  }

  /** The fact as it may be stored. */
  public Fact pass(Fact fact) {
    return switch (fact) {
      case ToolCallFact t ->
          t.withContent(
              bound(t.input(), maxInputChars),
              bound(t.summary(), 200),
              bound(t.error(), maxExcerptChars),
              bound(t.outputExcerpt(), maxExcerptChars));
      case PromptFact p ->
          p.text() == null || p.text().length() <= maxPromptChars
              ? p
              : new PromptFact(
                  p.agent(),
                  p.sessionId(),
                  p.promptId(),
                  bound(p.text(), maxPromptChars),
                  p.startedAt(),
                  p.endedAt(),
                  p.project(),
                  p.channel());
      case SessionFact s -> s;
      case ThreadFact t -> t;
      case ModelRequestFact m -> m;
      case CostStateFact c -> c;
      case HookEventFact h ->
          h.payload().length() <= maxHookPayloadChars()
              ? h
              : h.withPayload(cut(h.payload(), maxHookPayloadChars()));
      case MetricPointFact m -> m;
    };
  }

  /** The text cut to {@code max} characters with a marker saying how much was cut. */
  static @Nullable String bound(@Nullable String text, int max) {
    return text == null ? null : cut(text, max);
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "…[" + (text.length() - cut) + " more chars]";
  }
}
