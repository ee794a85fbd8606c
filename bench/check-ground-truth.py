#!/usr/bin/env python3
"""Compares a flightlog SQLite database with a generated corpus's ground_truth.json.

usage: bench/check-ground-truth.py DB CORPUS_DIR [--all]

  DB          a database written by `flightlog import CORPUS_DIR --db DB` (a fresh one: the
              ground truth describes exactly one corpus)
  CORPUS_DIR  a directory made by bench/gen-corpus.sh (it holds ground_truth.json)
  --all       print every row, not only the summary rows and the mismatches

Prints one row per check (expected = ground truth, actual = database) and exits 1 when any
differs, 0 when all agree, 2 on bad arguments. Checked: sessions, projects, subagent threads,
prompts, tool calls (total, in subagents, by outcome, by tool x outcome, none pending), model
requests (total, in subagents) and their five token sums, the same per model and per UTC day
(of model_requests.at), cost (the sessions' last cost-state totals and the per-request
state_cost_usd shares, within 1e-6 relative), that every *.jsonl byte was read (file_positions),
that the rollup tables agree with the rows they summarise (usage_rollup per day, tool_rollup per
tool) and that nothing was skipped.
"""
import json
import sqlite3
import sys
from pathlib import Path

TOKENS = [  # (ground truth usage field, model_requests column)
    ("input_tokens", "input_tokens"),
    ("output_tokens", "output_tokens"),
    ("cache_read_tokens", "cache_read_tokens"),
    ("cache_creation_5m_tokens", "cache_write_5m_tokens"),
    ("cache_creation_1h_tokens", "cache_write_1h_tokens"),
]
OUTCOMES = ["ok", "error", "denied", "interrupted"]
MAIN = "main"  # flightlog's thread_id of a session's main conversation

rows = []  # (section, check, expected, actual, ok)


def check(section, name, expected, actual, rel=None):
    if rel is None:
        ok = expected == actual
    else:
        ok = actual is not None and abs(expected - actual) <= rel * max(1.0, abs(expected))
    rows.append((section, name, expected, actual, ok))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    show_all = "--all" in argv
    if len(args) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    db_path, corpus = Path(args[0]), Path(args[1])
    truth_path = corpus / "ground_truth.json"
    if not db_path.is_file() or not truth_path.is_file():
        print(f"error: need {db_path} and {truth_path}", file=sys.stderr)
        return 2
    gt = json.loads(truth_path.read_text())
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    one = lambda sql, *p: db.execute(sql, p).fetchone()[0]

    # ---- sessions, projects, threads, prompts
    check("sessions", "sessions", gt["sessions"], one("SELECT count(*) FROM sessions"))
    check("sessions", "projects", gt["projects"],
          one("SELECT count(DISTINCT project) FROM sessions WHERE project IS NOT NULL"))
    check("sessions", "sessions with a cost-state", gt["sessions"],
          one("SELECT count(*) FROM cost_states"))
    check("sessions", "main threads", gt["sessions"],
          one("SELECT count(*) FROM threads WHERE thread_id = ?", MAIN))
    check("sessions", "subagent threads", gt["subagents"],
          one("SELECT count(*) FROM threads WHERE thread_id <> ?", MAIN))
    check("sessions", "subagent threads linked to an Agent call", gt["subagents"],
          one("""SELECT count(*) FROM threads t JOIN tool_calls c
                   ON c.agent = t.agent AND c.tool_use_id = t.parent_tool_use_id
                  AND c.session_id = t.session_id AND c.tool = 'Agent'
                WHERE t.thread_id <> ?""", MAIN))
    check("prompts", "prompts", gt["prompts"], one("SELECT count(*) FROM prompts"))

    # ---- tool calls
    tc = gt["tool_calls"]
    check("tool_calls", "total", tc["total"], one("SELECT count(*) FROM tool_calls"))
    check("tool_calls", "in subagents", tc["in_subagents"],
          one("SELECT count(*) FROM tool_calls WHERE thread_id IS NOT NULL AND thread_id <> ?", MAIN))
    status = dict(db.execute("SELECT status, count(*) FROM tool_calls GROUP BY status"))
    for outcome in OUTCOMES:
        check("tool_calls", f"status={outcome}", tc["by_outcome"].get(outcome, 0), status.pop(outcome, 0))
    check("tool_calls", "status=pending", 0, status.pop("pending", 0))
    for other, n in sorted(status.items()):
        check("tool_calls", f"status={other}", 0, n)
    by_tool = {}
    for tool, st, n in db.execute("SELECT tool, status, count(*) FROM tool_calls GROUP BY 1, 2"):
        by_tool.setdefault(tool, {})[st] = n
    for tool in sorted(set(tc["by_tool"]) | set(by_tool), key=str):
        exp, act = tc["by_tool"].get(tool, {}), by_tool.get(tool, {})
        check("by_tool", f"{tool} total", exp.get("total", 0), sum(act.values()))
        for outcome in OUTCOMES:
            check("by_tool", f"{tool} {outcome}", exp.get(outcome, 0), act.get(outcome, 0))
    roll = dict(db.execute("SELECT tool, sum(calls) FROM tool_rollup GROUP BY tool"))
    for tool in sorted(set(roll) | set(by_tool), key=str):
        check("rollups", f"tool_rollup {tool} = tool_calls", sum(by_tool.get(tool, {}).values()),
              roll.get(tool if tool is not None else "", 0))

    # ---- model requests and tokens
    cols = ", ".join(f"sum({c})" for _, c in TOKENS)
    check("requests", "model requests", gt["model_requests"], one("SELECT count(*) FROM model_requests"))
    check("requests", "in subagents", gt["subagent_model_requests"],
          one("SELECT count(*) FROM model_requests WHERE thread_id IS NOT NULL AND thread_id <> ?", MAIN))
    sums = db.execute(f"SELECT {cols} FROM model_requests").fetchone()
    for (field, _), actual in zip(TOKENS, sums):
        check("tokens", field, gt["usage"][field], actual or 0)

    per_model = {r[0]: r[1:] for r in db.execute(
        f"SELECT model, count(*), {cols} FROM model_requests GROUP BY model")}
    for model in sorted(set(gt["by_model"]) | set(per_model)):
        exp = gt["by_model"].get(model, {})
        act = per_model.get(model, (0,) * (1 + len(TOKENS)))
        check("by_model", f"{model} requests", exp.get("model_requests", 0), act[0])
        for (field, _), a in zip(TOKENS, act[1:]):
            check("by_model", f"{model} {field}", exp.get(field, 0), a)

    day = "strftime('%Y-%m-%d', {} / 1000, 'unixepoch')"
    per_day = {r[0]: r[1:] for r in db.execute(
        f"SELECT {day.format('at')}, count(*), {cols} FROM model_requests GROUP BY 1")}
    truth_days = {d["date"]: d for d in gt["by_day"]}
    for date in sorted(set(truth_days) | set(per_day), key=str):
        exp = truth_days.get(date, {})
        act = per_day.get(date, (0,) * (1 + len(TOKENS)))
        check("by_day", f"{date} requests", exp.get("model_requests", 0), act[0])
        for (field, _), a in zip(TOKENS, act[1:]):
            check("by_day", f"{date} {field}", exp.get(field, 0), a)
    rcols = ", ".join(f"sum({c})" for _, c in TOKENS)
    roll_day = {r[0]: r[1:] for r in db.execute(
        f"SELECT {day.format('bucket * 900000')}, sum(requests), {rcols} FROM usage_rollup GROUP BY 1")}
    for date in sorted(set(roll_day) | set(per_day), key=str):
        check("rollups", f"usage_rollup {date} = model_requests",
              per_day.get(date), roll_day.get(date))

    # ---- cost (the generator's prices are the cost-state's; flightlog apportions it per request)
    check("cost", "sum of cost_states.total_cost_usd", gt["cost_state_total_usd"],
          one("SELECT sum(total_cost_usd) FROM cost_states"), rel=1e-6)
    check("cost", "sum of model_requests.state_cost_usd", gt["cost_usd"],
          one("SELECT sum(state_cost_usd) FROM model_requests"), rel=1e-6)
    check("cost", "requests without a state cost", 0,
          one("SELECT count(*) FROM model_requests WHERE state_cost_usd IS NULL"))

    # ---- every transcript byte read (the ground truth's transcript_bytes also counts .meta.json)
    jsonl = [p.stat().st_size for p in (corpus / "projects").rglob("*.jsonl")]
    check("files", "files followed = *.jsonl files", len(jsonl), one("SELECT count(*) FROM file_positions"))
    check("files", "bytes read = *.jsonl bytes", sum(jsonl), one("SELECT sum(offset) FROM file_positions"))

    # ---- nothing skipped
    skips = db.execute("SELECT channel, reason, count FROM ingest_skips").fetchall()
    check("skips", "ingest_skips rows", [], skips)

    # ---- print
    bad = [r for r in rows if not r[4]]
    summary = {"sessions", "prompts", "tool_calls", "requests", "tokens", "cost", "files", "skips"}
    width = max(len(r[1]) for r in rows)
    print(f"{'section':<10} {'check':<{width}} {'expected':>16} {'actual':>16}")
    for section, name, exp, act, ok in rows:
        if show_all or not ok or section in summary:
            fmt = lambda v: f"{v:,}" if isinstance(v, int) else (f"{v:,.6f}" if isinstance(v, float) else str(v))
            print(f"{section:<10} {name:<{width}} {fmt(exp):>16} {fmt(act):>16}{'' if ok else '   MISMATCH'}")
    hidden = sum(1 for r in rows if r[4] and not show_all and r[0] not in summary)
    if hidden:
        print(f"... and {hidden} more rows that agree (by_tool, by_model, by_day, rollups; --all shows them)")
    print(f"{len(rows) - len(bad)} of {len(rows)} checks agree; {len(bad)} mismatch{'es' if len(bad) != 1 else ''}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
