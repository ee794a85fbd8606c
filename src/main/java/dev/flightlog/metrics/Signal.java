package dev.flightlog.metrics;

import java.time.Instant;

/**
 * A hook event of the session, by name and time received, as flow needs it to find the time spent
 * waiting for the user (for example {@code PermissionRequest} and {@code Notification}).
 */
public record Signal(String event, String promptId, Instant at) {}
