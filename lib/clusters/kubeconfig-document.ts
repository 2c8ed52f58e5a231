/**
 * Reads an uploaded or pasted kubeconfig (YAML or JSON) into its three named lists, with errors a
 * student can act on. Never echoes the input: a YAML error names the line, not the text on it.
 */
import yaml from "js-yaml";

export const KUBECONFIG_MAX_BYTES = 256 * 1024;

export type RawEntry = Record<string, unknown>;

export interface KubeconfigDocument {
  clusters: Map<string, RawEntry>;
  users: Map<string, RawEntry>;
  /** In file order. */
  contexts: Map<string, RawEntry>;
  currentContext?: string;
}

export interface PolicyFailure {
  ok: false;
  /** Where the problem is: "kubeconfig", "context", or a path such as users[alice].user.exec. */
  field: string;
  message: string;
}

export type Step<T> = { ok: true; value: T } | PolicyFailure;

export const failure = (field: string, message: string): PolicyFailure => ({ ok: false, field, message });

export const FLATTEN_HINT = "kubectl config view --raw --minify --flatten";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseText(text: string): { ok: true; value: unknown } | PolicyFailure {
  if (text.trimStart().startsWith("{")) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      // js-yaml reads JSON too and says where it breaks
    }
  }
  try {
    return { ok: true, value: yaml.load(text, { schema: yaml.CORE_SCHEMA }) };
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // .message would quote the offending lines, which may hold a token or key
      const where = error.mark ? `line ${error.mark.line + 1}, column ${error.mark.column + 1}: ` : "";
      return failure("kubeconfig", `${where}${error.reason} (the kubeconfig is not valid YAML or JSON)`);
    }
    throw error;
  }
}

const KIND_OF_LIST = { clusters: "cluster", users: "user", contexts: "context" } as const;

function namedList(root: Record<string, unknown>, list: keyof typeof KIND_OF_LIST): Map<string, RawEntry> | PolicyFailure {
  const entries = new Map<string, RawEntry>();
  const value = root[list];
  if (value === undefined || value === null) return entries;
  if (!Array.isArray(value)) return failure(list, `"${list}" must be a list`);
  for (const [index, item] of value.entries()) {
    if (!isRecord(item) || typeof item.name !== "string" || item.name === "") {
      return failure(`${list}[${index}]`, `${list}[${index}] needs a name`);
    }
    if (entries.has(item.name)) return failure(`${list}[${item.name}]`, `two ${list} are named "${item.name}"`);
    const body = item[KIND_OF_LIST[list]] ?? {};
    if (!isRecord(body)) return failure(`${list}[${item.name}]`, `${list}[${item.name}].${KIND_OF_LIST[list]} must be a mapping`);
    entries.set(item.name, body);
  }
  return entries;
}

export function readKubeconfig(text: string): { ok: true; doc: KubeconfigDocument } | PolicyFailure {
  const size = Buffer.byteLength(text, "utf8");
  if (size > KUBECONFIG_MAX_BYTES) {
    return failure(
      "kubeconfig",
      `The kubeconfig is ${Math.ceil(size / 1024)} KiB; Daybook accepts at most ${KUBECONFIG_MAX_BYTES / 1024} KiB. ` +
        `Export only the context you need with \`${FLATTEN_HINT} --context=NAME\`.`,
    );
  }
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return failure("kubeconfig", `The kubeconfig is empty. Paste the output of \`${FLATTEN_HINT}\`.`);
  const parsed = parseText(body);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  if (root === null || root === undefined) {
    return failure("kubeconfig", `The kubeconfig is empty. Paste the output of \`${FLATTEN_HINT}\`.`);
  }
  if (!isRecord(root)) return failure("kubeconfig", "This is not a kubeconfig: it should be a mapping with clusters, users and contexts.");
  if (root.kind !== undefined && root.kind !== "Config") {
    return failure("kubeconfig", `This is a ${String(root.kind)}, not a kubeconfig (kind: Config).`);
  }
  if (!("clusters" in root) && !("users" in root) && !("contexts" in root)) {
    return failure("kubeconfig", "This is not a kubeconfig: it has no clusters, users or contexts.");
  }
  const clusters = namedList(root, "clusters");
  if (!(clusters instanceof Map)) return clusters;
  const users = namedList(root, "users");
  if (!(users instanceof Map)) return users;
  const contexts = namedList(root, "contexts");
  if (!(contexts instanceof Map)) return contexts;
  if (contexts.size === 0) {
    return failure("contexts", `The kubeconfig has no contexts. Export one with \`${FLATTEN_HINT} --context=NAME\`.`);
  }
  const current = root["current-context"];
  return {
    ok: true,
    doc: { clusters, users, contexts, ...(typeof current === "string" && current ? { currentContext: current } : {}) },
  };
}

export const stringField = (entry: RawEntry, key: string): string | undefined =>
  typeof entry[key] === "string" ? (entry[key] as string) : undefined;

/** YAML 1.1 booleans, as kubectl (sigs.k8s.io/yaml) reads them: `yes` and `on` are true there. */
export function yaml11Boolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  if (/^(y|yes|true|on)$/i.test(value)) return true;
  if (/^(n|no|false|off)$/i.test(value)) return false;
  return undefined;
}
