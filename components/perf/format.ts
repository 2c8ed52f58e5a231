/** 0:07, 5:00, 20:00: a load test's clock. */
export const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

export const latencyText = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
export const percentText = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
export const countText = (n: number) => n.toLocaleString("en-US");

/** Requests per second of a point: the last one may cover less than a second. */
export const pointRate = (p: { requests: number; ms?: number }) => Math.round((p.requests / ((p.ms ?? 1000) / 1000)) * 10) / 10;
