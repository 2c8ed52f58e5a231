/** What can go wrong talking to a cluster, as data the UI can explain; never a stack trace. */
export type FailureKind =
  | "unreachable"
  | "timeout"
  | "tls"
  | "unauthorized"
  | "forbidden"
  | "notFound"
  | "invalid"
  | "conflict"
  | "tooManyRequests"
  | "unsupported"
  | "server"
  | "unknown";

export type K8sFailure = {
  ok: false;
  kind: FailureKind;
  message: string;
  /** HTTP status when the API server answered. */
  status?: number;
  /** metav1.Status reason, e.g. "AlreadyExists", "NotFound". */
  reason?: string;
  /** metav1.Status details (the kind and name the server complained about). */
  details?: { group?: string; kind?: string; name?: string; causes?: { reason?: string; message?: string; field?: string }[] };
};

export type K8sResult<T> = { ok: true; value: T } | K8sFailure;

export const ok = <T>(value: T): K8sResult<T> => ({ ok: true, value });

export const failure = (kind: FailureKind, message: string, extra: Partial<Omit<K8sFailure, "ok" | "kind" | "message">> = {}): K8sFailure => ({
  ok: false,
  kind,
  message,
  ...extra,
});

export function unwrap<T>(result: K8sResult<T>): T {
  if (!result.ok) throw new K8sError(result);
  return result.value;
}

/** Carries a failure through code that throws; `toFailure` turns it back into data. */
export class K8sError extends Error {
  constructor(readonly failure: K8sFailure) {
    super(failure.message);
  }
}
