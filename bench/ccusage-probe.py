#!/usr/bin/env python3
"""Black-box checks of how the installed ccusage counts Claude Code transcripts.

usage: bench/ccusage-probe.py

The ccusage npm package only ships a compiled (Rust) binary, so its counting rules cannot be read
from bench/node_modules. Each case below writes a tiny Claude data directory, runs
`ccusage claude daily --json --offline --timezone UTC` on it and compares the totals with what
bench/README.md says ccusage does. Re-run it after changing the pinned version.
Exits 1 when an observation differs from the documented behaviour.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CCUSAGE = os.path.join(HERE, "node_modules", ".bin", "ccusage")

BASE = {
    "parentUuid": None,
    "isSidechain": False,
    "message": {
        "id": "msg_01AAAAAAAAAAAAAAAAAAAAAA",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-4-5-20250929",
        "content": [{"type": "text", "text": "hi"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 100,
            "cache_creation_input_tokens": 30,
            "cache_read_input_tokens": 1000,
            "output_tokens": 10,
            "cache_creation": {"ephemeral_1h_input_tokens": 10, "ephemeral_5m_input_tokens": 20},
        },
    },
    "requestId": "req_1",
    "type": "assistant",
    "uuid": "u1",
    "timestamp": "2026-10-01T10:00:00.000Z",
    "sessionId": "s1",
    "version": "2.1.328",
}


def line(top=None, message=None, usage=None, drop=(), pretty=False):
    """One assistant line: BASE with top-level, message and usage fields replaced."""
    entry = copy.deepcopy(BASE)
    entry.update(top or {})
    entry["message"].update(message or {})
    entry["message"]["usage"].update(usage or {})
    for key in drop:
        if key.startswith("usage."):
            entry["message"]["usage"].pop(key[6:], None)
        else:
            entry.pop(key, None)
    return json.dumps(entry) if pretty else json.dumps(entry, separators=(",", ":"))


LATER = {"uuid": "u2", "timestamp": "2026-10-01T10:00:00.300Z"}

# name, files {relative path: [lines]}, expected (input, output, cache_read, cache_creation)
CASES = [
    ("one response", {"p/s1.jsonl": [line()]}, (100, 10, 1000, 30)),
    ("streamed copies (same message id + request id) count once",
     {"p/s1.jsonl": [line(), line(top=LATER)]}, (100, 10, 1000, 30)),
    ("copies with different usage: the largest total survives (first 50 then 5)",
     {"p/s1.jsonl": [line(usage={"output_tokens": 50}),
                     line(top=LATER, usage={"output_tokens": 5})]}, (100, 50, 1000, 30)),
    ("copies with different usage: the largest total survives (first 5 then 50)",
     {"p/s1.jsonl": [line(usage={"output_tokens": 5}),
                     line(top=LATER, usage={"output_tokens": 50})]}, (100, 50, 1000, 30)),
    ("same message id, different request id: two requests",
     {"p/s1.jsonl": [line(), line(top={"uuid": "u2", "requestId": "req_2"})]},
     (200, 20, 2000, 60)),
    ("no requestId: copies are not deduplicated",
     {"p/s1.jsonl": [line(drop=("requestId",)), line(top=LATER, drop=("requestId",))]},
     (200, 20, 2000, 60)),
    ("the same response in two session files counts once",
     {"p/s1.jsonl": [line()], "p/s2.jsonl": [line(top={"sessionId": "s2"})]},
     (100, 10, 1000, 30)),
    ("subagent files (projects/P/S/subagents/agent-*.jsonl) are read",
     {"p/s1.jsonl": [line()],
      "p/s1/subagents/agent-a1.jsonl": [line(top={"isSidechain": True, "agentId": "a1",
                                                  "requestId": "req_9"},
                                             message={"id": "msg_01BBBBBBBBBBBBBBBBBBBBBB"})]},
     (200, 20, 2000, 60)),
    ("any *.jsonl below projects/ is read",
     {"p/s1/tool-results/x.jsonl": [line()]}, (100, 10, 1000, 30)),
    ("cache creation is 5m + 1h when usage.cache_creation is present (field says 50)",
     {"p/s1.jsonl": [line(usage={"cache_creation_input_tokens": 50})]}, (100, 10, 1000, 30)),
    ("cache creation is 5m + 1h even when that is 0 (field says 30)",
     {"p/s1.jsonl": [line(usage={"cache_creation": {"ephemeral_1h_input_tokens": 0,
                                                    "ephemeral_5m_input_tokens": 0}})]},
     (100, 10, 1000, 0)),
    ("cache creation falls back to cache_creation_input_tokens without the breakdown",
     {"p/s1.jsonl": [line(drop=("usage.cache_creation",))]}, (100, 10, 1000, 30)),
    ("pretty-printed lines (\"usage\": {) are not read",
     {"p/s1.jsonl": [line(pretty=True)]}, (0, 0, 0, 0)),
    ("a line with \"speed\":null is skipped",
     {"p/s1.jsonl": [line(usage={"speed": None})]}, (0, 0, 0, 0)),
    ("cost-state lines are not read",
     {"p/s1.jsonl": ['{"type":"cost-state","sessionId":"s1","totalCostUSD":5,"modelUsage":'
                     '{"claude-opus-5-5":{"inputTokens":100,"outputTokens":10,"costUSD":5}}}']},
     (0, 0, 0, 0)),
    ("toolUseResult.usage of a subagent hand-back is not read",
     {"p/s1.jsonl": [line(), '{"type":"user","timestamp":"2026-10-01T10:00:01.000Z",'
                             '"sessionId":"s1","message":{"role":"user","content":[]},'
                             '"toolUseResult":{"usage":{"input_tokens":999,"output_tokens":9}}}']},
     (100, 10, 1000, 30)),
]

# name, files, expected total cost in USD (rounded to 6 places)
COST_CASES = [
    ("known model, 1h writes priced above 5m (all 5m)",
     {"p/s1.jsonl": [line(usage={"cache_creation": {"ephemeral_1h_input_tokens": 0,
                                                    "ephemeral_5m_input_tokens": 30}})]},
     0.000862),
    ("known model, 1h writes priced above 5m (all 1h)",
     {"p/s1.jsonl": [line(usage={"cache_creation": {"ephemeral_1h_input_tokens": 30,
                                                    "ephemeral_5m_input_tokens": 0}})]},
     0.00093),
    ("unknown model: cost 0 (listed in totals.unpricedModels)",
     {"p/s1.jsonl": [line(message={"model": "claude-opus-5-5"})]}, 0.0),
    ("costUSD on the line wins, even for an unknown model",
     {"p/s1.jsonl": [line(top={"costUSD": 1.5}, message={"model": "claude-opus-5-5"})]}, 1.5),
]


def run(files):
    with tempfile.TemporaryDirectory() as root:
        for path, lines in files.items():
            target = os.path.join(root, "projects", path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        home = os.path.join(root, "home")
        os.makedirs(home)
        env = {**os.environ, "HOME": home, "CLAUDE_CONFIG_DIR": root}
        result = subprocess.run(
            [CCUSAGE, "claude", "daily", "--json", "--offline", "--timezone", "UTC"],
            env=env, capture_output=True, text=True, check=True)
        return json.loads(result.stdout)["totals"]


def main():
    version = subprocess.run([CCUSAGE, "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    print(f"{version}\n")
    failures = 0
    for name, files, expected in CASES:
        totals = run(files)
        seen = (totals["inputTokens"], totals["outputTokens"], totals["cacheReadTokens"],
                totals["cacheCreationTokens"])
        ok = seen == expected
        failures += not ok
        print(f"{'ok  ' if ok else 'DIFF'} {name}: in/out/read/write = {seen}"
              + ("" if ok else f", documented {expected}"))
    for name, files, expected in COST_CASES:
        cost = round(run(files)["totalCost"], 6) + 0.0
        ok = abs(cost - expected) < 1e-9
        failures += not ok
        print(f"{'ok  ' if ok else 'DIFF'} {name}: ${cost}" + ("" if ok else f", documented ${expected}"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
