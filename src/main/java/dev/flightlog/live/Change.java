package dev.flightlog.live;

import dev.flightlog.Fact;

/**
 * A committed change to one record: its kind ({@code tool_call}, {@code prompt}, {@code session},
 * {@code model_request}, {@code thread}, {@code cost_state}, {@code hook_event}, {@code
 * metric_point}), its natural key as one string, and the fact that changed it (what the channel
 * saw, not the merged record).
 */
public record Change(String kind, String id, Fact fact) {}
