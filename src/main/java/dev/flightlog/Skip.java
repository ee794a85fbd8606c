package dev.flightlog;

/**
 * One skipped line or payload, for the counters and the import summary.
 *
 * @param where the file and line, or the endpoint, that produced it
 * @param detail what was wrong, from the decoder
 */
public record Skip(Channel channel, SkipReason reason, String where, String detail) {}
