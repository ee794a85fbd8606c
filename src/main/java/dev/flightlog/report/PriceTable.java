package dev.flightlog.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * List prices per model, in USD per million tokens: the table shipped with flightlog ({@code
 * prices.json} beside this class: its source and date are in the file), overridden entry by entry
 * by the user's {@code $FLIGHTLOG_HOME/prices.json} of the same shape:
 *
 * <pre>{@code
 * {"models": {"claude-sonnet-4-5": {"input": 3, "output": 15, "cache_read": 0.3,
 *                                   "cache_write_5m": 3.75, "cache_write_1h": 6}}}
 * }</pre>
 *
 * <p>{@code input} and {@code output} are required, and a price is a number from 0 to 1000000 with
 * at most 30 decimals; missing cache prices follow Anthropic's multipliers of the input price (read
 * 0.1×, 5-minute write 1.25×, 1-hour write 2×). A key matches a model id equal to it or followed by
 * a snapshot date ({@code -YYYYMMDD} or {@code @YYYYMMDD}, then anything), so {@code
 * claude-sonnet-4-5} prices {@code claude-sonnet-4-5-20250929} but {@code claude-opus-4} does not
 * price {@code claude-opus-4-6}; a key ending in {@code *} matches every id that starts with the
 * rest of it. The longest matching key wins.
 */
public final class PriceTable {

  private static final String BUILT_IN = "prices.json";

  /**
   * Bounds on a price, so that pricing with it cannot overflow a {@link BigDecimal}'s scale: at
   * most a million dollars per million tokens, written with at most 30 decimals (and an exponent of
   * at most 30).
   */
  private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000);

  private static final int MAX_SCALE = 30;

  private static final Pattern SNAPSHOT = Pattern.compile("[-@]\\d{8}(?!\\d).*");

  private final Map<String, Price> prices;
  private final String asOf;
  private final String source;
  private final @Nullable Path userFile;
  private final Map<String, Optional<Price>> found = new HashMap<>();

  private PriceTable(
      Map<String, Price> prices, String asOf, String source, @Nullable Path userFile) {
    this.prices = Map.copyOf(prices);
    this.asOf = asOf;
    this.source = source;
    this.userFile = userFile;
  }

  /** The table shipped with flightlog. */
  public static PriceTable builtIn() {
    return load(null);
  }

  /**
   * The built-in table with the entries of {@code userFile} replacing those of the same key. A
   * missing user file is no error; a malformed one is, naming the file, line, column and byte.
   */
  public static PriceTable load(@Nullable Path userFile) {
    byte[] builtIn;
    try (InputStream in = PriceTable.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new ReportException("the built-in price table is missing from the jar: " + BUILT_IN);
      }
      builtIn = in.readAllBytes();
    } catch (IOException e) {
      throw new ReportException("cannot read the built-in price table: " + e.getMessage(), e);
    }
    var factory = new JsonFactory();
    var table = parse(factory, builtIn, "the built-in price table " + BUILT_IN);
    var prices = new LinkedHashMap<>(table.models());
    if (userFile == null) {
      return new PriceTable(prices, table.asOf(), table.source(), null);
    }
    byte[] user;
    try {
      user = Files.readAllBytes(userFile);
    } catch (NoSuchFileException e) {
      return new PriceTable(prices, table.asOf(), table.source(), userFile);
    } catch (IOException e) {
      throw new ReportException(
          "cannot read the price file " + userFile + ": " + e.getMessage(), e);
    }
    var override = parse(factory, user, "the price file " + userFile);
    prices.putAll(override.models());
    return new PriceTable(prices, table.asOf(), table.source(), userFile);
  }

  /** The date of the built-in prices. */
  public String asOf() {
    return asOf;
  }

  /** Where the built-in prices come from. */
  public String source() {
    return source;
  }

  /** The user's price file, whether or not it exists; null when none was given. */
  public @Nullable Path userFile() {
    return userFile;
  }

  /** What the table says about models without a price: nothing when there are none. */
  List<String> advice(Collection<String> unpriced) {
    if (unpriced.isEmpty()) {
      return List.of();
    }
    return List.of(
        "Cost unknown (-): no price and no cost-state for "
            + String.join(", ", unpriced)
            + (userFile == null
                ? "."
                : "; add "
                    + (unpriced.size() == 1 ? "its" : "their")
                    + " prices to "
                    + userFile
                    + "."));
  }

  /** The prices of a model id, or null when no key matches it. */
  @Nullable Price find(String model) {
    return found.computeIfAbsent(model, id -> Optional.ofNullable(lookup(id))).orElse(null);
  }

  private @Nullable Price lookup(String model) {
    String best = null;
    int bestLength = -1;
    for (var key : prices.keySet()) {
      int length = key.endsWith("*") ? key.length() - 1 : key.length();
      if (length > bestLength && matches(key, model)) {
        best = key;
        bestLength = length;
      }
    }
    return best == null ? null : prices.get(best);
  }

  private static boolean matches(String key, String model) {
    if (key.endsWith("*")) {
      return model.startsWith(key.substring(0, key.length() - 1));
    }
    return model.equals(key)
        || (model.startsWith(key) && SNAPSHOT.matcher(model.substring(key.length())).matches());
  }

  private record Parsed(Map<String, Price> models, String asOf, String source) {}

  private static Parsed parse(JsonFactory factory, byte[] bytes, String what) {
    try (var parser = factory.createParser(bytes)) {
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "an object", what);
      var models = new LinkedHashMap<String, Price>();
      boolean sawModels = false;
      String asOf = "";
      String source = "";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        var field = parser.currentName();
        var at = parser.currentTokenLocation();
        var token = parser.nextToken();
        switch (field) {
          case "models" -> {
            expect(parser, token, JsonToken.START_OBJECT, "an object of models", what);
            sawModels = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              var model = parser.currentName();
              var modelAt = parser.currentTokenLocation();
              if (model.isBlank() || model.equals("*")) {
                throw malformed(parser, "a model key must name a model or a family", what);
              }
              parser.nextToken();
              models.put(model, price(parser, model, modelAt, what));
            }
          }
          case "as_of" -> asOf = text(parser, token, field, what);
          case "source" -> source = text(parser, token, field, what);
          case "unit" -> {
            var unit = text(parser, token, field, what);
            if (!unit.equals("USD per million tokens")) {
              throw malformed(
                  parser,
                  "the unit must be \"USD per million tokens\", not \"" + unit + "\"",
                  what);
            }
          }
          case "notes" -> text(parser, token, field, what);
          default ->
              throw malformed(
                  at,
                  "unknown field \""
                      + field
                      + "\" (expected models, and optionally as_of, source, unit, notes)",
                  what);
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw malformed(parser, "unexpected content after the prices", what);
      }
      if (!sawModels) {
        throw malformed(parser, "no \"models\" object", what);
      }
      return new Parsed(models, asOf, source);
    } catch (JsonProcessingException e) {
      throw new ReportException(
          "malformed "
              + what
              + " "
              + where(e.getLocation())
              + ": "
              + e.getOriginalMessage()
              + "; fix it, or remove it to use the built-in prices",
          e);
    } catch (IOException e) {
      // The bytes are in memory: this is Jackson's CharConversionException (bytes it took for
      // UTF-16 or UTF-32, or no encoding it knows), with the byte when it gives one.
      throw new ReportException(
          "malformed "
              + what
              + ": it is not UTF-8 text ("
              + e.getMessage()
              + "); fix it, or remove it to use the built-in prices",
          e);
    }
  }

  private static Price price(JsonParser parser, String model, JsonLocation modelAt, String what)
      throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT, "an object of prices", what);
    BigDecimal input = null;
    BigDecimal output = null;
    BigDecimal cacheRead = null;
    BigDecimal cacheWrite5m = null;
    BigDecimal cacheWrite1h = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      var field = parser.currentName();
      var at = parser.currentTokenLocation();
      var token = parser.nextToken();
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        throw malformed(
            parser, "the price \"" + field + "\" of " + model + " must be a number", what);
      }
      BigDecimal value;
      try {
        value = parser.getDecimalValue();
      } catch (NumberFormatException e) { // an exponent beyond what BigDecimal holds
        value = null;
      }
      if (value != null && value.signum() < 0) {
        throw malformed(
            parser, "the price \"" + field + "\" of " + model + " cannot be negative", what);
      }
      if (value == null
          || value.compareTo(MAX_PRICE) > 0
          || value.scale() > MAX_SCALE
          || value.scale() < -MAX_SCALE) {
        throw malformed(
            parser,
            "the price \""
                + field
                + "\" of "
                + model
                + " is out of range (0 to "
                + MAX_PRICE.toPlainString()
                + ", at most "
                + MAX_SCALE
                + " decimals)",
            what);
      }
      switch (field) {
        case "input" -> input = value;
        case "output" -> output = value;
        case "cache_read" -> cacheRead = value;
        case "cache_write_5m" -> cacheWrite5m = value;
        case "cache_write_1h" -> cacheWrite1h = value;
        default ->
            throw malformed(
                at,
                "unknown price \""
                    + field
                    + "\" for "
                    + model
                    + " (expected input, output, cache_read, cache_write_5m, cache_write_1h)",
                what);
      }
    }
    if (input == null || output == null) {
      throw malformed(modelAt, model + " needs both an \"input\" and an \"output\" price", what);
    }
    var defaults = Price.fromInput(input, output);
    return new Price(
        input,
        output,
        cacheRead != null ? cacheRead : defaults.cacheRead(),
        cacheWrite5m != null ? cacheWrite5m : defaults.cacheWrite5m(),
        cacheWrite1h != null ? cacheWrite1h : defaults.cacheWrite1h());
  }

  private static String text(
      JsonParser parser, @Nullable JsonToken token, String field, String what) throws IOException {
    expect(parser, token, JsonToken.VALUE_STRING, "a string for \"" + field + "\"", what);
    return parser.getText();
  }

  private static void expect(
      JsonParser parser,
      @Nullable JsonToken token,
      JsonToken expected,
      String description,
      String what) {
    if (token != expected) {
      throw malformed(parser, "expected " + description + " but found " + describe(token), what);
    }
  }

  private static String describe(@Nullable JsonToken token) {
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case END_OBJECT -> "the end of an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "the end of an array";
      case FIELD_NAME -> "a field";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> "unexpected content";
    };
  }

  private static ReportException malformed(JsonParser parser, String problem, String what) {
    return malformed(parser.currentTokenLocation(), problem, what);
  }

  private static ReportException malformed(JsonLocation at, String problem, String what) {
    return new ReportException(
        "malformed "
            + what
            + " "
            + where(at)
            + ": "
            + problem
            + "; fix it, or remove it to use the built-in prices");
  }

  /** Where in the file: line and column count from 1, the byte offset from 0. */
  private static String where(JsonLocation location) {
    return String.format(
        Locale.ROOT,
        "at line %d, column %d (byte %d)",
        location.getLineNr(),
        location.getColumnNr(),
        location.getByteOffset());
  }
}
