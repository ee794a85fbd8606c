#!/usr/bin/env python3
"""Compares ccusage's monthly, session and 5-hour block token totals with flightlog's.

usage: compare-periods.py DIR

DIR holds, from one corpus and the same time zone (UTC):
  ccusage-monthly.json   `ccusage claude monthly --json`
  ccusage-session.json   `ccusage claude session --json`
  ccusage-blocks.json    `ccusage claude blocks --json`
  flightlog-monthly.json `flightlog report monthly --format json`
  flightlog-sessions.json `flightlog report sessions --limit 0 --format json`
  flightlog-blocks.json  `flightlog report blocks --format json`

For each kind it prints how many keys (months, sessions, blocks) both tools have, how many agree
on all four token counts, and every key that differs or that only one tool has. Costs are shown in
the totals only: ccusage prices models it does not know at $0. Exits 1 when any token count of a
key both tools have differs, 0 otherwise (keys one tool lacks are listed, not failed: their cause
is explained in docs/benchmarks.md).
"""

import json
import os
import sys

KINDS = ("input", "output", "cache_read", "cache_creation")


def load(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return json.load(f)


def cc_tokens(row):
    if "tokenCounts" in row:
        t = row["tokenCounts"]
        return (t["inputTokens"], t["outputTokens"], t["cacheReadInputTokens"],
                t["cacheCreationInputTokens"])
    return (row["inputTokens"], row["outputTokens"], row["cacheReadTokens"],
            row["cacheCreationTokens"])


def fl_tokens(row):
    return tuple(row[k + "_tokens"] for k in KINDS)


def cc_cost(row):
    return row.get("totalCost", row.get("costUSD", 0.0)) or 0.0


def compare(kind, ccusage, flightlog):
    both = sorted(set(ccusage) & set(flightlog))
    differ = [k for k in both if ccusage[k][0] != flightlog[k][0]]
    only_cc = sorted(set(ccusage) - set(flightlog))
    only_fl = sorted(set(flightlog) - set(ccusage))
    print(f"== {kind}: ccusage {len(ccusage)}, flightlog {len(flightlog)}, both {len(both)}, "
          f"equal tokens {len(both) - len(differ)}, different {len(differ)}")
    for key in differ[:20]:
        print(f"  differs {key}: ccusage {ccusage[key][0]} flightlog {flightlog[key][0]}")
    for key in only_cc[:10]:
        print(f"  only ccusage {key}: {ccusage[key][0]}")
    for key in only_fl[:10]:
        print(f"  only flightlog {key}: {flightlog[key][0]}")
    for name, table in (("ccusage", ccusage), ("flightlog", flightlog)):
        sums = [sum(v[0][i] for v in table.values()) for i in range(4)]
        cost = sum(v[1] for v in table.values() if v[1] is not None)
        unknown = sum(1 for v in table.values() if v[1] is None)
        note = f" ({unknown} with unknown cost)" if unknown else ""
        print(f"  total {name:<9} input {sums[0]:>14,} output {sums[1]:>12,} "
              f"cache read {sums[2]:>15,} cache write {sums[3]:>13,} cost ${cost:,.2f}{note}")
    return len(differ)


def main(directory):
    failures = 0
    cc = {r["month"]: (cc_tokens(r), cc_cost(r)) for r in load(directory, "ccusage-monthly.json")["monthly"]}
    fl = {r["month"]: (fl_tokens(r), r["cost_usd"])
          for r in load(directory, "flightlog-monthly.json") if r["month"] is not None}
    failures += compare("monthly", cc, fl)

    cc = {r["sessionId"]: (cc_tokens(r), cc_cost(r)) for r in load(directory, "ccusage-session.json")["sessions"]}
    fl = {r["session_id"]: (fl_tokens(r), r["cost_usd"]) for r in load(directory, "flightlog-sessions.json")
          if any(fl_tokens(r))}
    failures += compare("sessions", cc, fl)

    cc = {r["startTime"].replace(".000Z", "Z"): (cc_tokens(r), cc_cost(r))
          for r in load(directory, "ccusage-blocks.json")["blocks"] if not r["isGap"]}
    fl = {r["start"]: (fl_tokens(r), r["cost_usd"]) for r in load(directory, "flightlog-blocks.json")}
    failures += compare("blocks", cc, fl)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
