package dev.flightlog.claude;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The parts of line reading that stand alone: timestamps and the UTF-8 check. */
class LineParserTest {

  static final DateTimeFormatter TO_ISO_STRING =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Property
  void javascriptTimestampsReadAsTheGeneralParserReadsThem(
      @ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long millis) {
    var text = TO_ISO_STRING.format(Instant.ofEpochMilli(millis));

    assertThat(LineParser.instant(text)).isEqualTo(Instant.parse(text));
  }

  @Example
  void otherShapesFallBackToTheGeneralParserOrAreLeftOut() {
    assertThat(LineParser.instant("2026-11-23T20:26:11Z"))
        .isEqualTo(Instant.parse("2026-11-23T20:26:11Z"));
    assertThat(LineParser.instant("2026-11-23T20:26:11.123456Z"))
        .isEqualTo(Instant.parse("2026-11-23T20:26:11.123456Z"));
    assertThat(LineParser.instant("2024-02-29T23:59:59.999Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
    assertThat(LineParser.instant("2026-11-23T24:00:00.000Z"))
        .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(LineParser.instant("2026-02-29T00:00:00.000Z")).isNull();
    assertThat(LineParser.instant("2026-13-01T00:00:00.000Z")).isNull();
    assertThat(LineParser.instant("2026-11-23T20:26:1x.623Z")).isNull();
    assertThat(LineParser.instant("yesterday")).isNull();
    assertThat(LineParser.instant(null)).isNull();
  }

  @Example
  void wellFormedUtf8IsText() {
    var text = "plain, é, €, 😀".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(Unreadable.firstNonText(text, 0, text.length)).isEqualTo(-1);
  }

  @Example
  void malformedUtf8IsFoundWhereItStarts() {
    // A lone continuation byte, an overlong '/', an encoded surrogate, a code point past
    // U+10FFFF, a sequence cut short by the end, and a NUL.
    assertThat(Unreadable.firstNonText(bytes('a', 0x80), 0, 2)).isEqualTo(1);
    assertThat(Unreadable.firstNonText(bytes('a', 0xC0, 0xAF), 0, 3)).isEqualTo(1);
    assertThat(Unreadable.firstNonText(bytes(0xED, 0xA0, 0x80), 0, 3)).isEqualTo(0);
    assertThat(Unreadable.firstNonText(bytes(0xF4, 0x90, 0x80, 0x80), 0, 4)).isEqualTo(0);
    assertThat(Unreadable.firstNonText(bytes('a', 'b', 0xE2, 0x82), 0, 4)).isEqualTo(2);
    assertThat(Unreadable.firstNonText(bytes('x', 'a', 0, 'b'), 1, 3)).isEqualTo(1);
  }

  static byte[] bytes(int... values) {
    var bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
