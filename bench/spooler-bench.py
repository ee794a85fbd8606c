#!/usr/bin/env python3
"""Times the command-hook spooler against `sh -c true`, side by side.

Each round starts every variant once, in rotating order, with the same payload on stdin (a pipe,
as Claude Code gives it) and stdout/stderr on /dev/null, and times spawn to exit with
posix_spawn + wait4, so the harness adds the same small cost to every variant. It also reports
the CPU time (user + system) of each run's whole process tree, which a busy machine inflates
far less than wall time. The spool is
emptied between rounds (outside the timing), as the daemon drains it.

Usage: spooler-bench.py SCRIPT SPOOL_DIR [--n 500] [--payload-bytes 2048]
"""
import argparse
import os
import statistics
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("script")
    ap.add_argument("spool")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--payload-bytes", type=int, default=2048)
    args = ap.parse_args()

    body = '{"session_id":"00000000-0000-4000-8000-000000000000","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"'
    payload = (body + "x" * max(0, args.payload_bytes - len(body) - 4) + '"}}\n').encode()
    variants = {
        "sh -c true": ["/bin/sh", "-c", "true"],
        "spooler": [args.script],
        "sh -c spooler": ["/bin/sh", "-c", args.script],
    }
    devnull = os.open(os.devnull, os.O_WRONLY)
    times = {name: [] for name in variants}
    cpu = {name: [] for name in variants}
    names = list(variants)
    for i in range(args.n + 20):
        order = names[i % len(names):] + names[: i % len(names)]
        for name in order:
            argv = variants[name]
            r, w = os.pipe()
            os.write(w, payload)  # 2 KB fits the pipe buffer: no reader needed yet
            os.close(w)
            start = time.perf_counter_ns()
            pid = os.posix_spawn(
                argv[0], argv, os.environ,
                file_actions=[(os.POSIX_SPAWN_DUP2, r, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
                              (os.POSIX_SPAWN_DUP2, devnull, 2)])
            _, status, usage = os.wait4(pid, 0)
            elapsed = time.perf_counter_ns() - start
            os.close(r)
            if status != 0:
                raise SystemExit(f"{name} exited with status {status}")
            if i >= 20:  # the first rounds warm the page cache
                times[name].append(elapsed / 1e6)
                # CPU time of the process and every descendant it waited for: what the work
                # costs, whatever the load makes it wait for a core.
                cpu[name].append((usage.ru_utime + usage.ru_stime) * 1e3)
        written = [f for f in os.listdir(args.spool) if f.endswith(".json")]
        if len(written) != 2:
            raise SystemExit(f"round {i}: expected 2 spooled files, found {len(written)}")
        for f in written:
            os.unlink(os.path.join(args.spool, f))

    def pct(xs, p):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

    base = statistics.median(times["sh -c true"])
    cpu_base = statistics.median(cpu["sh -c true"])
    print(f"runs per variant: {args.n} (alternating), payload {len(payload)} bytes on a pipe")
    print(f"{'variant':<16}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'p50 / sh -c true':>18}"
          f"{'CPU p50 ms':>12}{'CPU ratio':>11}")
    for name in names:
        xs = times[name]
        cs = cpu[name]
        print(f"{name:<16}{pct(xs, 50):>8.2f}{pct(xs, 90):>8.2f}{pct(xs, 99):>8.2f}"
              f"{statistics.median(xs) / base:>17.2f}x"
              f"{statistics.median(cs):>12.2f}{statistics.median(cs) / cpu_base:>10.2f}x")


if __name__ == "__main__":
    main()
