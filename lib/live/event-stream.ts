import type { LiveSnapshot } from "./types";

/** Proxies close a silent connection; a comment line every 25 s keeps it open (and costs the cluster nothing). */
const HEARTBEAT_MS = 25_000;

/**
 * A text/event-stream of live states: one `snapshot` event per new state. It unsubscribes when the
 * browser goes away (the request's signal, or the stream's cancel), whichever comes first.
 */
export function liveEventStream(subscribe: (listener: (s: LiveSnapshot) => void) => () => void, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let close = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const unsubscribe = subscribe((s) => send(`event: snapshot\ndata: ${JSON.stringify(s)}\n\n`));
      const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the browser going away
        }
      };
      send("retry: 5000\n\n");
      if (signal.aborted) close();
      signal.addEventListener("abort", () => close(), { once: true });
    },
    cancel() {
      close();
    },
  });
}
