// The tab's one live stream: an EventSource on /api/events whose events reach the subscribers
// batched per animation frame (at most one frame late), with the connection state, the daemon's
// `reset` and `dropped` control events, and a reconnect with backoff when the browser gives up.

const MAX_BACKOFF = 5000;
const ERRORS_BEFORE_CLOSED = 3;

export class LiveStream {
  constructor(url = "/api/events") {
    this.url = url;
    this.state = "closed";
    /** Events the daemon said this tab lost because it fell behind (sum of `dropped`). */
    this.dropped = 0;
    /** Events received since start(). */
    this.received = 0;
    this.source = null;
    this.subscribers = new Set();
    this.resetSubscribers = new Set();
    this.stateSubscribers = new Set();
    this.queue = [];
    this.scheduled = false;
    this.errors = 0;
    this.everOpen = false;
    this.recreated = false;
    this.timer = 0;
    this.stopped = true;
    this.flush = this.flush.bind(this);
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.source) this.source.close();
    this.source = null;
    this.setState("closed");
  }

  /** fn(event) for each event; with {batch: true}, fn(events) once per frame instead. */
  subscribe(fn, options) {
    const entry = { fn, batch: Boolean(options && options.batch) };
    this.subscribers.add(entry);
    return () => this.subscribers.delete(entry);
  }

  /** fn({reason, boot_id} | {reason: "dropped", dropped}) when the view may be incomplete. */
  onReset(fn) {
    this.resetSubscribers.add(fn);
    return () => this.resetSubscribers.delete(fn);
  }

  onState(fn) {
    this.stateSubscribers.add(fn);
    return () => this.stateSubscribers.delete(fn);
  }

  connect() {
    this.setState(this.errors >= ERRORS_BEFORE_CLOSED ? "closed" : "connecting");
    let source;
    try {
      source = new EventSource(this.url);
    } catch (e) {
      this.retryLater();
      return;
    }
    this.source = source;
    source.onopen = () => {
      if (source !== this.source) return;
      this.errors = 0;
      this.setState("open");
      if (this.recreated && this.everOpen) {
        // A new EventSource cannot send Last-Event-ID: what happened meanwhile is missing.
        this.notifyReset({ reason: "reconnected" });
      }
      this.recreated = false;
      this.everOpen = true;
    };
    source.onmessage = (message) => {
      if (source !== this.source) return;
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      if (event === null || typeof event !== "object") return;
      event.event_id = message.lastEventId;
      this.received++;
      this.queue.push(event);
      this.schedule();
    };
    source.addEventListener("reset", (message) => {
      if (source !== this.source) return;
      let data = {};
      try {
        data = JSON.parse(message.data) || {};
      } catch (e) {
        // keep the empty object
      }
      // Events queued before the reset belong to the old view: deliver them first.
      this.flush();
      this.notifyReset(Object.assign({ reason: "reset" }, data));
    });
    source.addEventListener("dropped", (message) => {
      if (source !== this.source) return;
      let n = 0;
      try {
        n = Number(JSON.parse(message.data).dropped) || 0;
      } catch (e) {
        // unknown count
      }
      this.dropped += n;
      this.flush();
      this.notifyReset({ reason: "dropped", dropped: n });
    });
    source.onerror = () => {
      if (source !== this.source) return;
      this.errors++;
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (a non-200 answer, say): make a new one after a pause.
        source.close();
        this.source = null;
        this.retryLater();
      } else {
        // The browser retries itself (after the server's `retry`) and resends Last-Event-ID.
        this.setState(this.errors >= ERRORS_BEFORE_CLOSED ? "closed" : "connecting");
      }
    };
  }

  retryLater() {
    this.setState(this.errors >= ERRORS_BEFORE_CLOSED ? "closed" : "connecting");
    if (this.stopped) return;
    const delay = Math.min(MAX_BACKOFF, 500 * 2 ** Math.min(this.errors, 4));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.recreated = true;
      this.connect();
    }, delay);
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // requestAnimationFrame paints with the next frame; it does not run in hidden tabs (and may
    // be late in some headless set-ups), so a timer backs it up: whichever comes first flushes.
    if (typeof document !== "undefined" && !document.hidden && typeof requestAnimationFrame === "function") {
      requestAnimationFrame(this.flush);
      setTimeout(this.flush, 50);
    } else {
      setTimeout(this.flush, 16);
    }
  }

  flush() {
    if (!this.scheduled && this.queue.length === 0) return;
    this.scheduled = false;
    const events = this.queue;
    if (events.length === 0) return;
    this.queue = [];
    for (const entry of [...this.subscribers]) {
      if (!this.subscribers.has(entry)) continue;
      if (entry.batch) {
        call(entry.fn, events);
      } else {
        for (const event of events) call(entry.fn, event);
      }
    }
  }

  notifyReset(info) {
    for (const fn of [...this.resetSubscribers]) call(fn, info);
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    for (const fn of [...this.stateSubscribers]) call(fn, state);
  }
}

function call(fn, arg) {
  try {
    fn(arg);
  } catch (e) {
    // One broken subscriber must not starve the others.
    console.error(e);
  }
}
