package dev.flightlog.claude;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Claude Code's {@code cleanupPeriodDays}: after how many days it deletes a transcript (by the
 * file's modification time), read from its user {@code settings.json}.
 */
public final class CleanupPeriod {

  /** Claude Code's default when the setting is absent. */
  public static final int DEFAULT_DAYS = 30;

  private static final JsonFactory JSON = new JsonFactory();

  private CleanupPeriod() {}

  /**
   * The setting's value from the bytes of a settings file: {@link #DEFAULT_DAYS} when the setting
   * is absent or the file is not a JSON object; a negative value counts as 0.
   */
  public static int days(byte[] settings) {
    try (var parser = JSON.createParser(settings)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return DEFAULT_DAYS;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var name = parser.currentName();
        var value = parser.nextToken();
        if (name.equals("cleanupPeriodDays") && value == JsonToken.VALUE_NUMBER_INT) {
          long days = parser.getLongValue();
          return Math.clamp(days, 0, Integer.MAX_VALUE);
        }
        parser.skipChildren();
      }
    } catch (IOException e) {
      return DEFAULT_DAYS;
    }
    return DEFAULT_DAYS;
  }
}
