package dev.flightlog.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

  @Test
  void writesBackWhatItReadsKeepingOrderAndNumberText() throws Exception {
    var text =
        """
        {
          "z": 1.50,
          "a": [
            -0,
            1e5,
            12345678901234567890123,
            true,
            false,
            null,
            {},
            []
          ],
          "s": "tab\\t quote\\" slash\\\\ ünï \\u0001",
          "nested": {
            "k": [
              {
                "x": "y"
              }
            ]
          }
        }
        """;
    var tree = JsonTree.parse(text);
    assertThat(JsonTree.write(tree)).isEqualTo(text);
    assertThat(tree instanceof Map<?, ?> map ? List.copyOf(map.keySet()) : List.of())
        .isEqualTo(List.of("z", "a", "s", "nested"));
  }

  @Test
  void compactInputComesOutPrettyWithTwoSpaces() throws Exception {
    assertThat(JsonTree.write(JsonTree.parse("{\"a\":{\"b\":[1,2]},\"c\":\"d\"}")))
        .isEqualTo(
            """
            {
              "a": {
                "b": [
                  1,
                  2
                ]
              },
              "c": "d"
            }
            """);
    assertThat(JsonTree.write(List.of())).isEqualTo("[]\n");
  }

  @Test
  void malformedTextIsRefusedWithItsLineAndColumn() {
    assertThatThrownBy(() -> JsonTree.parse("{\n  \"a\": 1,\n}"))
        .isInstanceOf(JsonTree.Malformed.class)
        .hasMessageStartingWith("line 3, column 1: Unexpected character ('}'");
    assertThatThrownBy(() -> JsonTree.parse("{\"a\": 1, \"a\": 2}"))
        .isInstanceOf(JsonTree.Malformed.class)
        .hasMessage("line 1, column 13: Duplicate field 'a'");
    assertThatThrownBy(() -> JsonTree.parse("{} {}"))
        .isInstanceOf(JsonTree.Malformed.class)
        .hasMessage("line 1, column 4: more text after the JSON value");
    assertThatThrownBy(() -> JsonTree.parse("// comment\n{}"))
        .isInstanceOf(JsonTree.Malformed.class)
        .hasMessageStartingWith("line 1, column 1: Unexpected character ('/'");
    assertThatThrownBy(() -> JsonTree.parse("[".repeat(500)))
        .isInstanceOf(JsonTree.Malformed.class)
        .hasMessageContaining("nested deeper than 200 levels");
  }

  @Test
  void aLoneSurrogateIsWrittenBackAsItsEscapeAndSurvivesUtf8() throws Exception {
    var text = "{\n  \"s\": \"a\\ud800b\\udc00 \uD83D\uDE00\"\n}\n";
    var written = JsonTree.write(JsonTree.parse(text));
    assertThat(written).isEqualTo(text);
    var utf8 = new String(written.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(JsonTree.parse(utf8)).isEqualTo(JsonTree.parse(text));
  }
}
