/**
 * Finds secrets in text and replaces each with a typed marker ({@code [REDACTED:kind]}), counting
 * what it removed: cloud keys, the API keys and tokens of common providers, bearer tokens, private
 * keys, passwords in URLs and in environment assignments, and high-entropy values next to
 * secret-like names. Pure functions over strings; the rules never match their own markers, so
 * redacting twice changes nothing.
 *
 * <p>May depend on: the root package only.
 */
@NullMarked
package dev.flightlog.redact;

import org.jspecify.annotations.NullMarked;
