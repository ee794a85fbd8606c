#!/usr/bin/env python3
"""Writes the hand-counted fixture: Claude Code transcripts and a hook stream small enough that
every number of every report can be counted by hand. README.md beside this file tells the story
and gives the counts; HandCountedTest imports these files through the real decoders and checks
them. Rerun after editing: python3 make.py (writes claude/ and hooks.jsonl here).
"""

import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "2.1.328"
SONNET = "claude-sonnet-4-5-20250929"
HAIKU = "claude-haiku-4-5-20251001"
UNKNOWN_WITH_STATE = "claude-opus-9-9"   # not in the price table; its cost-state knows the cost
UNKNOWN = "mystery-model-1"              # not in the price table and no cost-state: unpriced

S1 = "11111111-1111-4111-8111-111111111111"
S2 = "22222222-2222-4222-8222-222222222222"
S3 = "33333333-3333-4333-8333-333333333333"
S4 = "44444444-4444-4444-8444-444444444444"
AGENT = "a1b2c3d4e5f6a7b8c"


def usage(inp=10, out=20, read=100, write=50):
    return {"input_tokens": inp, "cache_creation_input_tokens": write,
            "cache_read_input_tokens": read, "output_tokens": out,
            "service_tier": "standard",
            "cache_creation": {"ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": write}}


class Transcript:
    def __init__(self, session, cwd, agent=None):
        self.session, self.cwd, self.agent = session, cwd, agent
        self.lines, self.n, self.last = [], 0, None

    def _uuid(self):
        self.n += 1
        prefix = (self.agent or self.session)[:8]
        return f"{prefix}-0000-4000-8000-{self.n:012d}"

    def _base(self, kind, at, prompt):
        uuid = self._uuid()
        entry = {"parentUuid": self.last, "isSidechain": self.agent is not None}
        if prompt is not None:
            entry["promptId"] = prompt
        if self.agent:
            entry["agentId"] = self.agent
        entry.update({"type": kind, "uuid": uuid, "timestamp": at, "userType": "external",
                      "entrypoint": "cli", "cwd": self.cwd, "sessionId": self.session,
                      "version": VERSION, "gitBranch": "main"})
        self.last = uuid
        return entry

    def prompt(self, prompt, at, text):
        e = self._base("user", at, prompt)
        e["message"] = {"role": "user", "content": text}
        self.lines.append(e)

    def assistant(self, prompt, at, request, message, model, blocks, use, stop="tool_use"):
        """One entry per content block, each with the usage (Claude Code's streamed copies)."""
        for block, block_usage in zip(blocks, use):
            e = self._base("assistant", at, None)
            e["message"] = {"id": message, "type": "message", "role": "assistant", "model": model,
                            "content": [block], "stop_reason": stop, "stop_sequence": None,
                            "usage": block_usage}
            e["requestId"] = request
            self.lines.append(e)

    def result(self, prompt, at, tool_use_id, content, error=False, interrupted=False):
        e = self._base("user", at, prompt)
        e["message"] = {"role": "user", "content": [
            {"tool_use_id": tool_use_id, "type": "tool_result", "content": content,
             "is_error": error}]}
        if interrupted:
            e["toolUseResult"] = {"stdout": "", "stderr": "", "interrupted": True}
        else:
            e["toolUseResult"] = ("Error: " + content) if error else {"stdout": content}
        self.lines.append(e)

    def interrupt(self, prompt, at):
        e = self._base("user", at, prompt)
        e["message"] = {"role": "user", "content": [
            {"type": "text", "text": "[Request interrupted by user]"}]}
        self.lines.append(e)

    def cost_state(self, total, models):
        self.lines.append({"type": "cost-state", "sessionId": self.session, "totalCostUSD": total,
                           "modelUsage": models, "hasUnknownModelCost": False})

    def write(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for line in self.lines:
                f.write(json.dumps(line, separators=(",", ":")) + "\n")


def tool(tool_use_id, name, **inp):
    return {"type": "tool_use", "id": tool_use_id, "name": name, "input": inp}


def text(t):
    return {"type": "text", "text": t}


def t(day, clock):
    return f"2026-{day}T{clock}.000Z"


def session1():
    s = Transcript(S1, "/home/dev/shop")
    d = "03-02"
    # Turn 1: Bash fails twice then passes; an edit of shop.py fails, one of other.py passes,
    # then one of shop.py passes; a Read of a missing file is never recovered.
    p = "p1000000-0000-4000-8000-000000000001"
    s.prompt(p, t(d, "09:00:00"), "fix the tests")
    s.assistant(p, t(d, "09:00:02"), "req_01", "msg_01", SONNET,
                [tool("toolu_01", "Bash", command="make test")], [usage()])
    s.result(p, t(d, "09:00:04"), "toolu_01",
             "Exit code 2\nmake: *** [Makefile:3: test] Error 2", error=True)
    s.assistant(p, t(d, "09:00:06"), "req_02", "msg_02", SONNET,
                [tool("toolu_02", "Bash", command="make test")], [usage()])
    s.result(p, t(d, "09:00:08"), "toolu_02",
             "Exit code 2\nmake: *** [Makefile:3: test] Error 2", error=True)
    s.assistant(p, t(d, "09:00:10"), "req_03", "msg_03", SONNET,
                [tool("toolu_03", "Bash", command="make test")], [usage()])
    s.result(p, t(d, "09:00:15"), "toolu_03", "3 passed")
    s.assistant(p, t(d, "09:00:17"), "req_04", "msg_04", SONNET,
                [tool("toolu_04", "Edit", file_path="/home/dev/shop/shop.py", old_string="x=1",
                      new_string="x = 1")], [usage()])
    s.result(p, t(d, "09:00:18"), "toolu_04",
             "<tool_use_error>String to replace not found in file.\nString: x=1</tool_use_error>",
             error=True)
    s.assistant(p, t(d, "09:00:20"), "req_05", "msg_05", SONNET,
                [tool("toolu_05", "Edit", file_path="/home/dev/shop/other.py", old_string="a",
                      new_string="b")], [usage()])
    s.result(p, t(d, "09:00:21"), "toolu_05", "The file /home/dev/shop/other.py has been updated.")
    s.assistant(p, t(d, "09:00:23"), "req_06", "msg_06", SONNET,
                [tool("toolu_06", "Edit", file_path="/home/dev/shop/shop.py", old_string="x =1",
                      new_string="x = 1")], [usage()])
    s.result(p, t(d, "09:00:24"), "toolu_06", "The file /home/dev/shop/shop.py has been updated.")
    s.assistant(p, t(d, "09:00:26"), "req_07", "msg_07", SONNET,
                [tool("toolu_07", "Read", file_path="/home/dev/shop/missing.txt")], [usage()])
    s.result(p, t(d, "09:00:27"), "toolu_07", "<tool_use_error>File does not exist.</tool_use_error>",
             error=True)
    s.assistant(p, t(d, "09:00:29"), "req_08", "msg_08", SONNET, [text("Tests pass.")], [usage()],
                stop="end_turn")

    # Turn 2: one streamed message with three blocks (text + two parallel Reads; the usage grows
    # from copy to copy, the last copy is final), a subagent, a Grep.
    p = "p1000000-0000-4000-8000-000000000002"
    s.prompt(p, t(d, "09:10:00"), "read the code")
    s.assistant(p, t(d, "09:10:02"), "req_09", "msg_09", SONNET,
                [text("Reading both."), tool("toolu_08", "Read", file_path="/home/dev/shop/a.py"),
                 tool("toolu_09", "Read", file_path="/home/dev/shop/b.py")],
                [usage(out=1), usage(out=1), usage(out=30)])
    s.result(p, t(d, "09:10:04"), "toolu_08", "print('a')")
    s.result(p, t(d, "09:10:05"), "toolu_09", "print('b')")
    s.assistant(p, t(d, "09:10:07"), "req_10", "msg_10", SONNET,
                [tool("toolu_10", "Task", description="check styles",
                      subagent_type="general-purpose", prompt="Run ruff and fix what it finds.")],
                [usage()])
    sub = Transcript(S1, "/home/dev/shop", agent=AGENT)
    sub.prompt(p, t(d, "09:10:08"), "Run ruff and fix what it finds.")
    sub.assistant(p, t(d, "09:10:09"), "req_11", "msg_11", HAIKU,
                  [tool("toolu_11", "Bash", command="ruff check")], [usage()])
    sub.result(p, t(d, "09:10:10"), "toolu_11", "Exit code 1\nE501 line too long (120 > 88)",
               error=True)
    sub.assistant(p, t(d, "09:10:11"), "req_12", "msg_12", HAIKU,
                  [tool("toolu_12", "Bash", command="ruff check --fix")], [usage()])
    sub.result(p, t(d, "09:10:13"), "toolu_12", "Found 1 error (1 fixed, 0 remaining).")
    sub.assistant(p, t(d, "09:10:14"), "req_13", "msg_13", HAIKU, [text("Fixed.")], [usage()],
                  stop="end_turn")
    s.result(p, t(d, "09:10:15"), "toolu_10", "Fixed.")
    s.assistant(p, t(d, "09:10:17"), "req_14", "msg_14", SONNET,
                [tool("toolu_13", "Grep", pattern="TODO")], [usage()])
    s.result(p, t(d, "09:10:18"), "toolu_13", "No matches found")
    s.assistant(p, t(d, "09:10:20"), "req_15", "msg_15", SONNET, [text("Clean.")], [usage()],
                stop="end_turn")

    # Turn 3: the build fails, the install is interrupted by the user.
    p = "p1000000-0000-4000-8000-000000000003"
    s.prompt(p, t(d, "09:20:00"), "build it")
    s.assistant(p, t(d, "09:20:02"), "req_16", "msg_16", SONNET,
                [tool("toolu_14", "Bash", command="npm run build")], [usage()])
    s.result(p, t(d, "09:20:05"), "toolu_14", "Exit code 127\nsh: 1: tsc: not found", error=True)
    s.assistant(p, t(d, "09:20:07"), "req_17", "msg_17", SONNET,
                [tool("toolu_15", "Bash", command="npm install")], [usage()])
    s.result(p, t(d, "09:20:30"), "toolu_15", "[Request interrupted by user for tool use]",
             error=True, interrupted=True)
    s.interrupt(p, t(d, "09:20:30"))
    # Claude Code's own figures: Sonnet's agrees with the price table ($0.007815), Haiku's
    # ($0.0006) does not (the table gives $0.0005475), so the cross-check shows a difference.
    s.cost_state(0.008415, {
        SONNET: {"inputTokens": 140, "outputTokens": 290, "cacheReadInputTokens": 1400,
                 "cacheCreationInputTokens": 700, "cacheCreationEphemeral5mInputTokens": 700,
                 "cacheCreationEphemeral1hInputTokens": 0, "costUSD": 0.007815},
        HAIKU: {"inputTokens": 30, "outputTokens": 60, "cacheReadInputTokens": 300,
                "cacheCreationInputTokens": 150, "cacheCreationEphemeral5mInputTokens": 150,
                "cacheCreationEphemeral1hInputTokens": 0, "costUSD": 0.0006}})
    return s, sub


def main():
    root = os.path.join(HERE, "claude")
    shutil.rmtree(root, ignore_errors=True)
    shop = os.path.join(root, "projects", "-home-dev-shop")
    s1, sub = session1()
    s1.write(os.path.join(shop, S1 + ".jsonl"))
    sub.write(os.path.join(shop, S1, "subagents", f"agent-{AGENT}.jsonl"))
    with open(os.path.join(shop, S1, "subagents", f"agent-{AGENT}.meta.json"), "w") as f:
        json.dump({"agentType": "general-purpose", "description": "check styles",
                   "toolUseId": "toolu_10", "model": HAIKU}, f, indent=1)

    # S2: one answer from a model the price table lacks; its cost-state gives $0.25.
    s2 = Transcript(S2, "/home/dev/shop")
    p = "p2000000-0000-4000-8000-000000000001"
    s2.prompt(p, t("03-02", "14:00:00"), "explain the design")
    s2.assistant(p, t("03-02", "14:00:03"), "req_18", "msg_18", UNKNOWN_WITH_STATE,
                 [text("It is layered.")], [usage(inp=1000, out=500, read=0, write=0)],
                 stop="end_turn")
    s2.cost_state(0.25, {UNKNOWN_WITH_STATE: {
        "inputTokens": 1000, "outputTokens": 500, "cacheReadInputTokens": 0,
        "cacheCreationInputTokens": 0, "cacheCreationEphemeral5mInputTokens": 0,
        "cacheCreationEphemeral1hInputTokens": 0, "costUSD": 0.25}})
    s2.write(os.path.join(shop, S2 + ".jsonl"))

    # S3: starts at 22:30 UTC, resumed after midnight; requests at 22:30, 02:50 and 03:05 fall
    # in the 5-hour blocks starting 22:00 and 03:00.
    s3 = Transcript(S3, "/home/dev/docs")
    p = "p3000000-0000-4000-8000-000000000001"
    s3.prompt(p, t("03-02", "22:30:00"), "write the docs")
    s3.assistant(p, t("03-02", "22:30:05"), "req_19", "msg_19", SONNET,
                 [tool("toolu_16", "Write", file_path="/home/dev/docs/a.md", content="# A\n")],
                 [usage()])
    s3.result(p, t("03-02", "22:30:06"), "toolu_16", "File created successfully at: /home/dev/docs/a.md")
    s3.assistant(p, t("03-02", "22:30:08"), "req_20", "msg_20", SONNET, [text("Written.")],
                 [usage()], stop="end_turn")
    p = "p3000000-0000-4000-8000-000000000002"
    s3.prompt(p, t("03-03", "02:50:00"), "and the changelog")
    s3.assistant(p, t("03-03", "02:50:04"), "req_21", "msg_21", SONNET, [text("Done.")],
                 [usage()], stop="end_turn")
    p = "p3000000-0000-4000-8000-000000000003"
    s3.prompt(p, t("03-03", "03:05:00"), "thanks")
    s3.assistant(p, t("03-03", "03:05:03"), "req_22", "msg_22", SONNET, [text("Welcome.")],
                 [usage()], stop="end_turn")
    s3.write(os.path.join(root, "projects", "-home-dev-docs", S3 + ".jsonl"))

    # S4: the week before, a model no source prices, and an MCP tool.
    s4 = Transcript(S4, "/home/dev/lab")
    p = "p4000000-0000-4000-8000-000000000001"
    s4.prompt(p, t("02-27", "10:00:00"), "file an issue")
    s4.assistant(p, t("02-27", "10:00:02"), "req_23", "msg_23", UNKNOWN,
                 [tool("toolu_17", "mcp__github__create_issue", title="flaky test")], [usage()])
    s4.result(p, t("02-27", "10:00:04"), "toolu_17", "Created issue #7")
    s4.assistant(p, t("02-27", "10:00:06"), "req_24", "msg_24", UNKNOWN, [text("Filed #7.")],
                 [usage()], stop="end_turn")
    s4.write(os.path.join(root, "projects", "-home-dev-lab", S4 + ".jsonl"))

    # Hooks of S1 turn 1: the user was asked for permission for the third `make test` at
    # 09:00:11 and the command then ran for 1,000 ms (PostToolUse at 09:00:15).
    base = {"session_id": S1, "cwd": "/home/dev/shop",
            "transcript_path": "/home/dev/.claude/projects/-home-dev-shop/" + S1 + ".jsonl",
            "permission_mode": "default", "prompt_id": "p1000000-0000-4000-8000-000000000001"}
    hooks = [
        {"at": t("03-02", "09:00:11"), "payload": dict(base, hook_event_name="PermissionRequest",
                                                        tool_name="Bash",
                                                        tool_input={"command": "make test"})},
        {"at": t("03-02", "09:00:15"), "payload": dict(base, hook_event_name="PostToolUse",
                                                        tool_name="Bash", tool_use_id="toolu_03",
                                                        tool_input={"command": "make test"},
                                                        tool_response={"stdout": "3 passed",
                                                                       "stderr": "",
                                                                       "interrupted": False},
                                                        duration_ms=1000)},
    ]
    with open(os.path.join(HERE, "hooks.jsonl"), "w", encoding="utf-8") as f:
        for hook in hooks:
            f.write(json.dumps(hook, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
