package dev.flightlog.store;

/**
 * How much happened in a range: the sessions active in it (first seen before its end and last seen
 * at or after its start) and the prompts started in it.
 */
public record Activity(long sessions, long prompts) {}
