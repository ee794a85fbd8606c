package dev.flightlog.report;

import static dev.flightlog.report.Column.Shape.NUMBER;
import static dev.flightlog.report.Column.Shape.PERCENT;
import static dev.flightlog.report.Column.Shape.TABLE;
import static dev.flightlog.report.Column.Shape.TEXT;

import dev.flightlog.metrics.ErrorSignature;
import dev.flightlog.metrics.Outcome;
import dev.flightlog.store.EpisodeRow;
import dev.flightlog.store.Reads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code report recovery}: the recovery episodes (see {@code metrics.Recovery}) whose first failure
 * is in range, overall, per tool and per signature of the first failure. {@code episodes} counts
 * those that ended — recovered, unrecovered or interrupted — and {@code open} those whose turn has
 * not ended yet; {@code recovery_rate} = recovered / episodes. Attempts and time to recovery are
 * over recovered episodes: {@code median_attempts} and {@code median_recovery_ms} are nearest-rank
 * medians (p50, always an observed value, see {@link Percentiles}), {@code p95_recovery_ms} the
 * nearest-rank 95th percentile. {@code by_tool} and {@code by_signature} list the groups with the
 * most episodes first (then by name), at most the query's limit each.
 */
final class Recovery {
  private Recovery() {}

  private static final List<Column> COUNTS =
      List.of(
          Column.of("episodes", "Episodes", NUMBER),
          Column.of("recovered", "Recovered", NUMBER),
          Column.of("unrecovered", "Unrecov.", NUMBER),
          Column.of("interrupted", "Interr.", NUMBER),
          Column.of("open", "Open", NUMBER),
          Column.of("recovery_rate", "Rate", PERCENT),
          Column.of("median_attempts", "Attempts", NUMBER),
          Column.of("median_recovery_ms", "p50 ms", NUMBER),
          Column.of("p95_recovery_ms", "p95 ms", NUMBER));

  /** The overall object's columns: the counts under longer headings, then the nested tables. */
  static final List<Column> COLUMNS =
      List.of(
          Column.of("episodes", "Episodes (ended)", NUMBER),
          Column.of("recovered", "  recovered", NUMBER),
          Column.of("unrecovered", "  unrecovered", NUMBER),
          Column.of("interrupted", "  interrupted", NUMBER),
          Column.of("open", "Open (turn not ended)", NUMBER),
          Column.of("recovery_rate", "Recovery rate", PERCENT),
          Column.of("median_attempts", "Median attempts to recover", NUMBER),
          Column.of("median_recovery_ms", "Median time to recover, ms", NUMBER),
          Column.of("p95_recovery_ms", "p95 time to recover, ms", NUMBER),
          Column.of("by_tool", "By tool", TABLE),
          Column.of("by_signature", "By signature of the first failure", TABLE));

  static final List<Column> BY_TOOL =
      Stream.concat(Stream.of(Column.of("tool", "Tool", TEXT)), COUNTS.stream()).toList();

  static final List<Column> BY_SIGNATURE =
      Stream.concat(
              Stream.of(
                  Column.of("tool", "Tool", TEXT),
                  Column.of("category", "Category", TEXT),
                  Column.of("signature", null, TEXT)),
              COUNTS.stream())
          .toList();

  /** The figures of one group of episodes. */
  private static final class Tally {
    final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    final List<Integer> attempts = new ArrayList<>();
    final List<Long> recoveryMs = new ArrayList<>();

    void add(EpisodeRow episode) {
      outcomes.merge(episode.outcome(), 1L, Long::sum);
      if (episode.outcome() == Outcome.RECOVERED) {
        attempts.add(episode.attempts());
        if (episode.recoveryMs() != null) {
          recoveryMs.add(episode.recoveryMs());
        }
      }
    }

    long count(Outcome outcome) {
      return outcomes.getOrDefault(outcome, 0L);
    }

    long recovered() {
      return count(Outcome.RECOVERED);
    }

    long ended() {
      return recovered() + count(Outcome.UNRECOVERED) + count(Outcome.INTERRUPTED);
    }

    List<Value> values() {
      long[] sortedAttempts = attempts.stream().mapToLong(Integer::longValue).sorted().toArray();
      long[] sortedMs = recoveryMs.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sortedMs);
      long ended = ended();
      return List.of(
          Value.count(ended),
          Value.count(recovered()),
          Value.count(count(Outcome.UNRECOVERED)),
          Value.count(count(Outcome.INTERRUPTED)),
          Value.count(count(Outcome.OPEN)),
          Value.ratio(ended == 0 ? null : (double) recovered() / ended),
          Value.count(Percentiles.nearestRank(sortedAttempts, 50)),
          Value.count(Percentiles.nearestRank(sortedMs, 50)),
          Value.count(Percentiles.nearestRank(sortedMs, 95)));
    }
  }

  static Result compute(Reads reads, ReportQuery query) {
    var all = new Tally();
    var byTool = new LinkedHashMap<String, Tally>();
    var bySignature = new LinkedHashMap<ErrorSignature, Tally>();
    for (var episode : reads.episodes(query.filter())) {
      all.add(episode);
      byTool.computeIfAbsent(episode.first().tool(), tool -> new Tally()).add(episode);
      bySignature.computeIfAbsent(episode.first(), signature -> new Tally()).add(episode);
    }
    var tools =
        groups(
            byTool,
            Comparator.naturalOrder(),
            tool -> List.of(Value.text(tool.isEmpty() ? Tools.UNKNOWN_TOOL : tool)),
            query.limit());
    var signatures =
        groups(
            bySignature,
            Comparator.comparing(ErrorSignature::tool)
                .thenComparing(signature -> signature.category().wireName())
                .thenComparing(ErrorSignature::firstLine),
            signature ->
                List.of(
                    Value.text(signature.tool().isEmpty() ? Tools.UNKNOWN_TOOL : signature.tool()),
                    Value.text(signature.category().wireName()),
                    Value.text(signature.firstLine())),
            query.limit());
    var row = new ArrayList<Value>(all.values());
    row.add(new Value.Table(BY_TOOL, tools));
    row.add(new Value.Table(BY_SIGNATURE, signatures));
    return new Result(COLUMNS, List.of(row), true, null, List.of());
  }

  /** The rows of the groups: most episodes first, then by key; at most {@code limit} (0 = all). */
  private static <K> List<List<Value>> groups(
      Map<K, Tally> tallies, Comparator<K> byKey, Function<K, List<Value>> key, int limit) {
    var sorted = new ArrayList<>(tallies.entrySet());
    sorted.sort(
        Comparator.comparingLong((Map.Entry<K, Tally> entry) -> entry.getValue().ended())
            .reversed()
            .thenComparing(Map.Entry::getKey, byKey));
    var rows = new ArrayList<List<Value>>();
    for (var entry : sorted) {
      if (limit > 0 && rows.size() == limit) {
        break;
      }
      var values = new ArrayList<>(key.apply(entry.getKey()));
      values.addAll(entry.getValue().values());
      rows.add(values);
    }
    return rows;
  }
}
