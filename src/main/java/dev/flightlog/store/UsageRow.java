package dev.flightlog.store;

/** The usage of one model in one period (see {@link Grouping} for what a period is). */
public record UsageRow(long period, ModelUsage usage) {}
