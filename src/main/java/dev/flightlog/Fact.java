package dev.flightlog;

/**
 * One observation, by one channel, of one thing identified by its natural key. A fact carries only
 * what its channel knows; unknown fields are {@code null}. The store merges every fact about the
 * same key into exactly one record (see RATIONALE.md, "Merging").
 */
public sealed interface Fact
    permits SessionFact,
        ThreadFact,
        PromptFact,
        ToolCallFact,
        ModelRequestFact,
        CostStateFact,
        HookEventFact,
        MetricPointFact {

  Agent agent();

  String sessionId();

  Channel channel();
}
