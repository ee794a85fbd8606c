// Health: is the daemon capturing? Its state, the capture channels' last activity, request and
// refusal counters, skipped input, schema drift, and how completely each channel saw tool calls.

import { h, clear, card, pageHead } from "../dom.js";
import { report, health } from "../api.js";
import { count, time, ago, percent, visible, excerpt, rangeText } from "../format.js";
import { table } from "../table.js";
import { shareBar } from "../chart.js";

const STALE_MS = 15 * 60 * 1000;
const BACKLOG_WARN = 100;

function facts(pairs) {
  return h(
    "dl",
    { class: "facts" },
    pairs.map(([k, v, attrs]) => [h("dt", null, k), h("dd", attrs || null, v)]),
  );
}

const when = (iso) => (iso ? `${time(iso)} (${ago(iso)})` : "never");

function build(view, hl, coverage) {
  const now = Date.now();
  const warnings = [];
  const lastAt = hl.last_event_at ? Date.parse(hl.last_event_at) : null;
  if (lastAt === null) warnings.push("The daemon has stored no event since it started: are the hooks installed (flightlog install) and is Claude Code running?");
  else if (now - lastAt > STALE_MS) warnings.push(`The last event was stored ${ago(hl.last_event_at, now)}: if an agent is working now, capture is not reaching the daemon.`);
  if (hl.spool_backlog !== null && hl.spool_backlog >= BACKLOG_WARN) warnings.push(`${count(hl.spool_backlog)} payloads are waiting in the spool.`);
  if (hl.spool_links_removed > 0) warnings.push(`${count(hl.spool_links_removed)} symbolic link(s) were found in the spool and removed without being followed: something other than the spooler writes there.`);
  if (hl.capture === null) warnings.push("The database could not be read for the capture state.");
  const r = hl.transcript_retention;
  if (r && r.at_risk > 0) warnings.push(`Claude Code deletes transcripts ${r.cleanup_period_days} days after their last change (cleanupPeriodDays): ${count(r.at_risk)} transcript(s) flightlog has not fully read will be deleted within ${r.at_risk_margin_days} days${r.next_deletion_at ? `, the first ${time(r.next_deletion_at)}` : ""}. Keep flightlog serve running, or run flightlog import.`);
  if (r) for (const p of r.problems) warnings.push(p);
  const c = hl.capture || {};

  const received = hl.received || {};
  const rejected = hl.rejected || {};
  const channels = Object.keys(received)
    .concat(Object.keys(rejected).filter((k) => !(k in received)))
    .map((endpoint) => {
      const reasons = rejected[endpoint] || {};
      const n = Object.values(reasons).reduce((a, v) => a + v, 0);
      return { endpoint, received: received[endpoint] ?? 0, rejected: n, reasons: Object.entries(reasons).map(([r, k]) => `${r}: ${k}`).join(", ") };
    });

  const totalCalls = coverage.reduce((a, r) => a + r.tool_calls, 0);
  const share = (k) => (totalCalls > 0 ? coverage.reduce((a, r) => a + r[k], 0) / totalCalls : null);
  const overall = [
    ["hooks", "by_hooks", "k1"],
    ["transcript", "by_transcript", "k3"],
    ["OTLP", "by_otlp", "k2"],
  ].map(([name, k, cls]) => {
    const v = share(k);
    return [h("span", null, name), shareBar([{ name, cls, value: v || 0 }, { name: "not seen", cls: "k-none", value: v === null ? 0 : 1 - v }], `${name}: ${percent(v)}`), h("span", { class: "num", dataset: { share: k, value: v === null ? "" : String(v) } }, percent(v))];
  });
  const missed = coverage.reduce((a, r) => a + r.missed_by_hooks, 0);
  const hooksOnly = coverage.reduce((a, r) => a + r.hooks_only, 0);
  const unended = coverage.filter((r) => !r.ended_at).length;

  return [
    pageHead("Health", `Daemon ${visible(hl.version)} on ${visible(hl.addr)}; refreshed every 5 s.`),
    warnings.length ? h("div", { class: "warn", role: "status", dataset: { warning: "true" } }, warnings.map((w) => h("div", null, w))) : null,
    h(
      "div",
      { class: "grid" },
      card(
        "Daemon",
        null,
        facts([
          ["Version", visible(hl.version)],
          ["Address", visible(hl.addr)],
          ["Process", String(hl.pid)],
          ["Started", when(hl.started_at)],
          ["Database", visible(hl.db), { class: "mono" }],
          ["Data folder", visible(hl.data_home), { class: "mono" }],
          ["Spool backlog", hl.spool_backlog === null ? "unknown" : count(hl.spool_backlog), { class: hl.spool_backlog >= BACKLOG_WARN ? "bad" : null, dataset: { health: "spool_backlog", value: hl.spool_backlog ?? "" } }],
          ["Last event", when(hl.last_event_at), { class: lastAt === null || now - lastAt > STALE_MS ? "bad" : null, dataset: { health: "last_event_at", value: hl.last_event_at || "" } }],
          ["Stream clients", count(hl.stream_clients)],
        ]),
      ),
      card(
        "Capture",
        null,
        hl.capture === null
          ? h("p", { class: "empty bad" }, "Unknown: the database could not be read.")
          : facts([
              ["Last hook", when(c.last_hook_at)],
              ["Last transcript read", when(c.last_transcript_read_at)],
              ["Last activity", when(c.last_activity_at)],
              ["Sessions", count(c.sessions)],
              ["Tool calls", count(c.tool_calls)],
              ["Hook events", count(c.hook_events)],
              ["Followed files", count(c.followed_files)],
              [
                "Transcript clean-up",
                r ? `Claude Code deletes after ${r.cleanup_period_days} days; ${count(r.unread)} of ${count(r.transcripts)} transcripts not fully read, ${count(r.at_risk)} at risk` : "unknown",
                { class: r && r.at_risk > 0 ? "bad" : null, dataset: { health: "at_risk", value: r ? String(r.at_risk) : "" } },
              ],
            ]),
      ),
    ),
    h(
      "div",
      { class: "grid" },
      card(
        "Requests since start",
        null,
        table(
          "channels",
          [
            { key: "endpoint", label: "Endpoint" },
            { key: "received", label: "Received", num: true },
            { key: "rejected", label: "Rejected", num: true },
            { key: "reasons", label: "Why", class: "text", format: (v) => (v ? visible(v) : "") },
          ],
          channels,
          { key: "endpoint", empty: "No counters." },
        ),
      ),
      card(
        "Coverage: share of tool calls each channel saw",
        null,
        h("div", { class: "sharebar" }, overall),
        h(
          "p",
          { class: "note" },
          `${count(totalCalls)} tool calls in ${count(coverage.length)} sessions ${rangeText(view.filters)}; ${count(missed)} seen only in transcripts (missed by hooks), ${count(hooksOnly)} only by hooks; ${count(unended)} sessions without SessionEnd.`,
        ),
      ),
    ),
    card(
      "Skipped input",
      null,
      h(
        "div",
        { class: "scroll" },
        table(
          "skips",
          [
            { key: "channel", label: "Channel" },
            { key: "reason", label: "Reason", class: "text" },
            { key: "count", label: "Count", num: true },
            { key: "last_detail", label: "Last detail", class: "text mono", format: (v) => excerpt(visible(v), 200) },
            { key: "last_seen", label: "Last seen", num: true, format: time },
          ],
          c.skips || [],
          { key: (r) => `${r.channel}/${r.reason}`, empty: "Nothing was skipped." },
        ),
      ),
    ),
    card(
      "Schema drift per agent version",
      null,
      h(
        "div",
        { class: "scroll" },
        table(
          "drift",
          [
            { key: "agent", label: "Agent" },
            { key: "agent_version", label: "Version" },
            { key: "kind", label: "Kind" },
            { key: "name", label: "Name", class: "text mono", format: (v) => excerpt(visible(v), 120) },
            { key: "count", label: "Count", num: true },
            { key: "first_seen", label: "First seen", num: true, format: time },
            { key: "last_seen", label: "Last seen", num: true, format: time },
          ],
          c.schema_drift || [],
          { key: (r) => `${r.agent}/${r.agent_version}/${r.kind}/${r.name}`, empty: "No unknown fields or entry kinds seen." },
        ),
      ),
    ),
    card(
      "Coverage per session",
      null,
      h(
        "div",
        { class: "scroll" },
        table(
          "coverage",
          [
            { key: "session_id", label: "Session", class: "mono", format: (v) => excerpt(visible(v), 8), title: (r) => visible(r.session_id), href: (r) => view.link("/session/" + encodeURIComponent(r.session_id)) },
            { key: "project", label: "Project", class: "text", format: (v) => excerpt(visible(v), 40) },
            { key: "last_seen", label: "Last seen", num: true, format: time },
            { key: "tool_calls", label: "Tool calls", num: true },
            { key: "hooks_share", label: "Hooks", num: true, format: percent },
            { key: "transcript_share", label: "Transcript", num: true, format: percent },
            { key: "otlp_share", label: "OTLP", num: true, format: percent },
            { key: "missed_by_hooks", label: "Missed by hooks", num: true },
            { key: "hooks_only", label: "Hooks only", num: true },
            { key: "hook_events", label: "Hook events", num: true },
            { key: "ended_at", label: "Ended", num: true, format: (v) => (v ? time(v) : "not ended") },
          ],
          view.params.get("c_all") === "1" ? coverage : coverage.slice(0, 50),
          { key: "session_id", empty: `No sessions ${rangeText(view.filters)}.` },
        ),
      ),
      coverage.length > 50 && view.params.get("c_all") !== "1" ? h("p", { class: "table-more" }, `The 50 latest of ${count(coverage.length)} sessions. `, h("a", { href: view.link("/health", { c_all: 1 }) }, "Show all")) : null,
    ),
  ];
}

const covParams = (view) => Object.assign({}, view.filters, { limit: 0 });

export async function render(view) {
  const coverage = report("coverage", covParams(view), { signal: view.signal });
  let hl = await health({ signal: view.signal });
  let cov = await coverage;
  clear(view.root).append(...build(view, hl, cov).filter(Boolean));
  const timer = setInterval(async () => {
    try {
      [hl, cov] = await Promise.all([health({ signal: view.signal }), report("coverage", covParams(view), { signal: view.signal })]);
      if (view.signal.aborted) return;
      const y = window.scrollY;
      clear(view.root).append(...build(view, hl, cov).filter(Boolean));
      window.scrollTo(0, y);
    } catch (e) {
      view.showError(e);
    }
  }, 5000);
  view.signal.addEventListener("abort", () => clearInterval(timer));
}
