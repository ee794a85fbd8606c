package dev.flightlog.live;

/**
 * A committed change to one record: its kind ({@code tool_call}, {@code prompt}, {@code session},
 * {@code model_request}, {@code thread}, {@code cost_state}) and its natural key as one string.
 */
public record Change(String kind, String id) {}
