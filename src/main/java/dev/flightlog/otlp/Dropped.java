package dev.flightlog.otlp;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * List elements of a JSON body that are not what the list holds (a string where a log record or an
 * attribute belongs, as in abridged copies of real exports): left out and counted, the rest of the
 * request is still read. An element that holds records or points is an <em>item</em> and is
 * rejected; any other (an attribute, an array value) is only counted.
 */
final class Dropped {

  private final List<String> items = new ArrayList<>();
  private int elements;
  private @Nullable String firstElement;

  /** A list element where records or points belong, e.g. {@code "logRecords"}. */
  void item(String list, long offset) {
    items.add(list + " element at byte " + offset + " is not an object");
  }

  /** Any other element that is not an object, e.g. of {@code "attributes"}. */
  void element(String list, long offset) {
    if (elements++ == 0) {
      firstElement = list + " element at byte " + offset;
    }
  }

  /** What was wrong with each dropped item, in body order. */
  List<String> items() {
    return items;
  }

  int elements() {
    return elements;
  }

  /** Where the first dropped element was, or null when none was. */
  @Nullable String firstElement() {
    return firstElement;
  }
}
