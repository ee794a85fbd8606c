package dev.flightlog.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes results as JSON (PRODUCT.md §10): snake_case names, times in RFC 3339 UTC, money and
 * ratios as numbers, unknown values as {@code null}. A single result is one indented object; any
 * other is an array with one object per line; JSON lines are one object per line, no array.
 */
final class JsonOutput {

  private final JsonGenerator generator;

  JsonOutput(Writer out) {
    try {
      generator =
          JsonFactory.builder()
              .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
              .build()
              .createGenerator(out);
    } catch (IOException e) {
      throw new ReportException("cannot write JSON: " + e.getMessage(), e);
    }
    generator.setRootValueSeparator(null);
  }

  /** Writes a whole result and flushes. */
  void result(Result result) throws IOException {
    if (result.single()) {
      generator.setPrettyPrinter(
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withArrayValueSpacing(Separators.Spacing.AFTER)
                      .withArrayEmptySeparator(""))
              .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));
      object(result.columns(), result.rows().getFirst());
      generator.writeRaw('\n');
    } else if (result.rows().isEmpty()) {
      generator.writeRaw("[]\n");
    } else {
      String separator = "[\n  ";
      for (var row : result.rows()) {
        generator.writeRaw(separator);
        object(result.columns(), row);
        separator = ",\n  ";
      }
      generator.writeRaw("\n]\n");
    }
    generator.flush();
  }

  /** Writes one object on its own line (JSON lines); call {@link #flush()} at the end. */
  void line(List<Column> columns, List<Value> row) throws IOException {
    object(columns, row);
    generator.writeRaw('\n');
  }

  void flush() throws IOException {
    generator.flush();
  }

  private void object(List<Column> columns, List<Value> row) throws IOException {
    generator.writeStartObject();
    for (int i = 0; i < columns.size(); i++) {
      generator.writeFieldName(columns.get(i).name());
      value(row.get(i));
    }
    generator.writeEndObject();
  }

  private void value(Value value) throws IOException {
    switch (value) {
      case Value.Text(var text) -> generator.writeString(text);
      case Value.Count(var count) -> generator.writeNumber(count);
      case Value.Usd usd -> generator.writeNumber(usd.plain());
      case Value.Ratio ratio -> generator.writeNumber(ratio.plain());
      case Value.Decimal decimal -> generator.writeNumber(decimal.plain());
      case Value.Table(var columns, var rows) -> {
        generator.writeStartArray();
        for (var row : rows) {
          object(columns, row);
        }
        generator.writeEndArray();
      }
      case Value.Time(var instant) -> generator.writeString(instant.toString());
      case Value.Day(var date) -> generator.writeString(date.toString());
      case Value.Names(var names) -> {
        generator.writeStartArray();
        for (var name : names) {
          generator.writeString(name);
        }
        generator.writeEndArray();
      }
      case Value.Unknown() -> generator.writeNull();
    }
  }
}
