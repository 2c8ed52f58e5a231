import { describe, expect, it } from "vitest";
import { liveEventStream } from "./event-stream";
import type { LiveSnapshot } from "./types";

const snapshot: LiveSnapshot = { stepId: "d02-s1", stepNumber: "2.1", at: "2026-12-01T10:00:00Z", checks: [] };

function subscription() {
  const state = { listener: undefined as ((s: LiveSnapshot) => void) | undefined, unsubscribed: 0 };
  const subscribe = (l: (s: LiveSnapshot) => void) => ((state.listener = l), () => void state.unsubscribed++);
  return { state, subscribe };
}

describe("liveEventStream", () => {
  it("sends each state as a snapshot event", async () => {
    const { state, subscribe } = subscription();
    const reader = liveEventStream(subscribe, new AbortController().signal).getReader();
    state.listener!(snapshot);
    let text = "";
    while (!text.includes("event: snapshot")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
    await reader.cancel();
  });

  it("unsubscribes once when the browser goes away, by the request's signal or the stream's cancel", async () => {
    const aborted = subscription();
    const controller = new AbortController();
    liveEventStream(aborted.subscribe, controller.signal);
    controller.abort();
    controller.abort();
    expect(aborted.state.unsubscribed).toBe(1);

    const cancelled = subscription();
    const stream = liveEventStream(cancelled.subscribe, new AbortController().signal);
    await stream.cancel();
    expect(cancelled.state.unsubscribed).toBe(1);
  });
});
