/**
 * Turns errors from applying pack manifests (ApiException from
 * @kubernetes/client-node, or plain Errors from its discovery step) into one
 * sentence a team can act on. Pure: inspects `code`, `body` and `message` only.
 */

/** CRD-backed kinds the pack uses, by API group. */
const CRD_GROUPS: Record<string, { what: string; crd: string }> = {
  "autoscaling.k8s.io": { what: "VPA", crd: "verticalpodautoscalers.autoscaling.k8s.io" },
};

interface StatusBody {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: { group?: string; kind?: string; name?: string };
}

function parseBody(body: unknown): { status?: StatusBody; text: string } {
  if (body === undefined || body === null) return { text: "" };
  if (typeof body === "object") return { status: body as StatusBody, text: JSON.stringify(body) };
  const text = String(body);
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") return { status: parsed as StatusBody, text };
    // client-node sometimes stores a JSON-encoded string
    if (typeof parsed === "string") return parseBody(parsed);
  } catch {
    /* not JSON: e.g. "404 page not found" */
  }
  return { text };
}

function missingCrdGroup(haystack: string, status?: StatusBody): string | undefined {
  for (const group of Object.keys(CRD_GROUPS)) {
    if (status?.details?.group === group && status.reason === "NotFound") return group;
    const g = group.replace(/\./g, "\\.");
    const patterns = [
      new RegExp(`Failed to fetch resource metadata for ${g}/`),
      new RegExp(`Unrecognized API version and kind: ${g}/`),
      new RegExp(`no matches for kind "[^"]+" in version "${g}/`),
      new RegExp(`the server could not find the requested resource.*${g}`),
      new RegExp(`/apis/${g}/`),
    ];
    if (patterns.some((p) => p.test(haystack))) return group;
  }
  return undefined;
}

/** One-sentence explanation of an apply failure. */
export function explainApplyError(err: unknown): string {
  const e = (err ?? {}) as { code?: number; body?: unknown; message?: string };
  const { status, text } = parseBody(e.body);
  const message = status?.message ?? "";
  const haystack = `${e.message ?? ""}\n${text}`;

  const group = (e.code === 404 || e.code === undefined || status?.reason === "NotFound") ? missingCrdGroup(haystack, status) : undefined;
  if (group) {
    const { what, crd } = CRD_GROUPS[group]!;
    return `${what} is not installed on this cluster (CRD ${crd} missing)`;
  }
  if (/exceeded quota/.test(message)) return `Rejected by the namespace ResourceQuota: ${message}`;
  if (/maximum (cpu|memory) usage per (Container|Pod)|minimum (cpu|memory) usage per/.test(message)) {
    return `Rejected by the namespace LimitRange: ${message}`;
  }
  if (status?.reason === "NotFound" && status.details?.kind === "namespaces") {
    return `Namespace ${status.details.name ?? ""} does not exist yet: apply k8s-manifests/01-namespace.yaml first`;
  }
  if (status?.reason === "AlreadyExists") return `Already exists: ${message}`;
  if (status?.reason === "Conflict") return `Field ownership conflict (re-apply with force): ${message}`;
  if (status?.reason === "Invalid") return `Invalid manifest: ${message}`;
  if (status?.reason === "Forbidden") return `Forbidden: ${message}`;
  if (message) return message;
  if (e.message) return e.message.split("\n")[0]!;
  return "Unknown error while applying the manifest";
}
