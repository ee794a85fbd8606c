#!/usr/bin/env python3
"""Compares per-day token totals of ccusage, flightlog and (optionally) a corpus ground truth.

usage: compare-daily.py CCUSAGE_JSON [FLIGHTLOG_JSON|-] [GROUND_TRUTH_JSON]

CCUSAGE_JSON   output of `ccusage claude daily --json` (or the unified `ccusage daily --json`)
FLIGHTLOG_JSON output of `flightlog report daily --format json`: an array of objects with
               date, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens,
               cost_usd, models; "-" when there is none yet
GROUND_TRUTH   ground_truth.json written by dev.flightlog.corpus.CorpusGenerator

Prints one row per day and per source that disagrees with the reference (the ground truth when
given, else ccusage), then a totals table. Exits 1 when any token count differs, 0 otherwise.
Costs are shown but never fail the comparison: ccusage prices unknown models at 0 and cannot
see the cost-state lines that carry their price.
"""

import json
import sys

FIELDS = ("input", "output", "cache_read", "cache_creation")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def from_ccusage(doc):
    rows = doc["daily"] if isinstance(doc, dict) else doc
    days = {}
    for row in rows:
        day = row.get("date") or row.get("period")
        days[day] = {
            "input": row["inputTokens"],
            "output": row["outputTokens"],
            "cache_read": row["cacheReadTokens"],
            "cache_creation": row["cacheCreationTokens"],
            "cost": row.get("totalCost", 0.0),
        }
    return days


def from_flightlog(doc):
    rows = doc["daily"] if isinstance(doc, dict) and "daily" in doc else doc
    days = {}
    for row in rows:
        days[row["date"]] = {
            "input": row["input_tokens"],
            "output": row["output_tokens"],
            "cache_read": row["cache_read_tokens"],
            "cache_creation": row["cache_creation_tokens"],
            "cost": row.get("cost_usd", 0.0),
        }
    return days


def from_truth(doc):
    days = {}
    for row in doc["by_day"]:
        days[row["date"]] = {
            "input": row["input_tokens"],
            "output": row["output_tokens"],
            "cache_read": row["cache_read_tokens"],
            "cache_creation": row["cache_creation_tokens"],
            "cost": row["cost_usd"],
        }
    return days


def totals(days):
    total = {key: 0 for key in FIELDS + ("cost",)}
    for day in days.values():
        for key in total:
            total[key] += day[key]
    return total


def main(argv):
    if len(argv) < 2 or len(argv) > 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    sources = [("ccusage", from_ccusage(load(argv[1])))]
    if len(argv) > 2 and argv[2] != "-":
        sources.append(("flightlog", from_flightlog(load(argv[2]))))
    if len(argv) > 3:
        sources.insert(0, ("truth", from_truth(load(argv[3]))))
    reference_name, reference = sources[0]

    all_days = sorted(set().union(*(days.keys() for _, days in sources)))
    mismatches = 0
    header = f"{'date':10}  {'source':9}  " + "  ".join(f"{f:>14}" for f in FIELDS)
    rows = []
    for day in all_days:
        expected = reference.get(day)
        for name, days in sources[1:]:
            actual = days.get(day)
            if expected is None or actual is None:
                mismatches += 1
                rows.append(f"{day:10}  {name:9}  missing in {reference_name if expected is None else name}")
                continue
            diffs = {f: actual[f] - expected[f] for f in FIELDS}
            if any(diffs.values()):
                mismatches += 1
                rows.append(
                    f"{day:10}  {name:9}  " + "  ".join(f"{diffs[f]:>+14,}" for f in FIELDS)
                )

    print(f"{len(all_days)} days; reference: {reference_name}; sources: "
          + ", ".join(name for name, _ in sources))
    if rows:
        print("\nPer-day differences (source minus reference):")
        print(header)
        print("\n".join(rows))
    else:
        print("Every day's token totals agree.")

    print("\nTotals:")
    print(f"{'source':9}  " + "  ".join(f"{f:>14}" for f in FIELDS) + f"  {'cost_usd':>12}")
    for name, days in sources:
        total = totals(days)
        print(f"{name:9}  " + "  ".join(f"{total[f]:>14,}" for f in FIELDS)
              + f"  {total['cost']:>12.4f}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
