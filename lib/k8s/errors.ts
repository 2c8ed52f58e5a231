import { failure, K8sError, type FailureKind, type K8sFailure } from "./result";

/** The metav1.Status an API server sends with an error (body text or an already parsed object). */
export type ApiStatus = {
  kind?: string;
  status?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: K8sFailure["details"];
};

export function parseStatus(body: unknown): ApiStatus | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "object") return body as ApiStatus;
  try {
    const parsed: unknown = JSON.parse(String(body));
    if (parsed && typeof parsed === "object") return parsed as ApiStatus;
    // client-node sometimes stores a JSON-encoded string
    if (typeof parsed === "string") return parseStatus(parsed);
  } catch {
    return undefined;
  }
  return undefined;
}

const BY_STATUS: Record<number, FailureKind> = {
  400: "invalid",
  401: "unauthorized",
  403: "forbidden",
  404: "notFound",
  405: "unsupported",
  406: "unsupported",
  409: "conflict",
  410: "conflict",
  413: "invalid",
  415: "unsupported",
  422: "invalid",
  429: "tooManyRequests",
  504: "timeout",
};

const kindOfStatus = (status: number): FailureKind => BY_STATUS[status] ?? (status >= 500 ? "server" : "unknown");

/** A failure from an HTTP answer of the API server. */
export function failureFromResponse(status: number, bodyText: string): K8sFailure {
  const parsed = parseStatus(bodyText);
  const kind = kindOfStatus(status);
  const fallback = bodyText.trim().split("\n")[0]?.slice(0, 300) || `HTTP ${status}`;
  const message = status === 401 ? UNAUTHORIZED : (parsed?.message ?? fallback);
  return failure(kind, message, { status, reason: parsed?.reason, details: parsed?.details });
}

const UNAUTHORIZED =
  "The cluster rejected Daybook's credentials (401 Unauthorized): the token or client certificate is expired, revoked or wrong. Upload a fresh kubeconfig.";

const NETWORK: Array<[RegExp, FailureKind, (m: string) => string]> = [
  [/ECONNREFUSED/, "unreachable", () => "Nothing answers at the API server's address (connection refused). Is the cluster running?"],
  [/ENOTFOUND|EAI_AGAIN/, "unreachable", () => "The API server's host name does not resolve."],
  [/EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|socket hang up/, "unreachable", (m) => `The connection to the API server failed: ${m}`],
  [/ETIMEDOUT|TimeoutError|aborted|AbortError|timed out/i, "timeout", () => "The API server did not answer in time."],
  [/CERT|certificate|self[- ]signed|altnames|SSL|TLS/i, "tls", (m) => `The API server's TLS certificate was not accepted: ${m}`],
];

/** Turns anything thrown while talking to a cluster into a typed failure. */
export function toFailure(error: unknown): K8sFailure {
  if (error instanceof K8sError) return error.failure;
  const e = (error ?? {}) as { code?: unknown; body?: unknown; message?: unknown; name?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (typeof e.code === "number" && e.code >= 100 && e.code < 600) {
    return failureFromResponse(e.code, typeof e.body === "string" ? e.body : JSON.stringify(e.body ?? ""));
  }
  const text = [e.name, e.code, e.message, e.cause?.code, e.cause?.message].filter((x) => typeof x === "string").join(" ");
  for (const [pattern, kind, message] of NETWORK) {
    if (pattern.test(text)) return failure(kind, message(String(e.cause?.message ?? e.message ?? text)));
  }
  return failure("unknown", typeof e.message === "string" && e.message ? e.message.split("\n")[0]! : "Unknown error talking to the cluster.");
}
