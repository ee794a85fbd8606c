package dev.flightlog.live;

import dev.flightlog.Fact;
import java.util.List;

/**
 * A committed change to one record: its kind (one of {@link #KINDS}), its natural key as one
 * string, and the fact that changed it (what the channel saw, not the merged record).
 */
public record Change(String kind, String id, Fact fact) {

  /** Every kind the ingest path publishes, one per {@link Fact} type, as stream clients see it. */
  public static final List<String> KINDS =
      List.of(
          "session",
          "thread",
          "prompt",
          "tool_call",
          "model_request",
          "cost_state",
          "hook_event",
          "metric_point");
}
