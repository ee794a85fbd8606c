package dev.flightlog.corpus;

/**
 * One model response: the API message id and request id (together its identity: every streamed
 * block line repeats both), the {@code api-request} line it answers, the model, why it stopped and
 * its usage.
 */
record Response(
    String messageId,
    String requestId,
    String requestRef,
    Model model,
    String stopReason,
    Tokens tokens) {}
