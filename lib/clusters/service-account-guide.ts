/**
 * The kubectl commands a student runs with their own (admin) access to give Daybook an identity it
 * can use: a ServiceAccount in the team namespace, the RBAC that requiredAccess lists, and a
 * kubeconfig with a token. Generated from requiredAccess, so the two cannot drift apart.
 */
import yaml from "js-yaml";
import { clusterRequirements, namespaceRequirements, type AccessRequirement } from "./required-access";

export const GUIDE_SERVICE_ACCOUNT = "daybook";
export const GUIDE_KUBECONFIG_FILE = "daybook.kubeconfig";
/** 30 days covers the 20-day plan; API servers that cap token lifetimes silently return a shorter one. */
export const GUIDE_TOKEN_DURATION = "720h";

export interface GuideOptions {
  namespace: string;
  /** The student's own context for that cluster; without it kubectl uses the current context. */
  context?: string;
}

interface RbacRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** One rule per group, verb set and name, as a person would write them. */
function rulesFor(requirements: readonly AccessRequirement[]): RbacRule[] {
  const rules = new Map<string, RbacRule>();
  for (const need of requirements) {
    const key = [need.apiGroup, need.verbs.join(","), need.resourceName ?? ""].join("|");
    const rule = rules.get(key);
    if (rule) {
      if (!rule.resources.includes(need.resource)) rule.resources.push(need.resource);
      continue;
    }
    rules.set(key, {
      apiGroups: [need.apiGroup],
      resources: [need.resource],
      verbs: [...need.verbs],
      ...(need.resourceName ? { resourceNames: [need.resourceName] } : {}),
    });
  }
  return [...rules.values()];
}

/** The objects `kubectl apply` creates: Namespace, ServiceAccount, Role(Binding), ClusterRole(Binding). */
export function guideObjects(namespace: string): Record<string, unknown>[] {
  const name = GUIDE_SERVICE_ACCOUNT;
  const clusterName = `${name}-${namespace}`;
  const subject = { kind: "ServiceAccount", name, namespace };
  const rbac = "rbac.authorization.k8s.io/v1";
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } },
    { apiVersion: rbac, kind: "Role", metadata: { name, namespace }, rules: rulesFor(namespaceRequirements()) },
    {
      apiVersion: rbac,
      kind: "RoleBinding",
      metadata: { name, namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
      subjects: [subject],
    },
    { apiVersion: rbac, kind: "ClusterRole", metadata: { name: clusterName }, rules: rulesFor(clusterRequirements(namespace)) },
    {
      apiVersion: rbac,
      kind: "ClusterRoleBinding",
      metadata: { name: clusterName },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterName },
      subjects: [subject],
    },
  ];
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The commands, ready to paste into a shell. */
export function serviceAccountGuide({ namespace, context }: GuideOptions): string {
  const kubectl = context ? `kubectl --context=${shellQuote(context)}` : "kubectl";
  const out = `kubectl --kubeconfig=${GUIDE_KUBECONFIG_FILE}`;
  const manifest = guideObjects(namespace)
    .map((object) => yaml.dump(object, { lineWidth: -1, noRefs: true, flowLevel: 3 }))
    .join("---\n");
  const sa = GUIDE_SERVICE_ACCOUNT;
  return [
    `${kubectl} apply -f - <<'EOF'`,
    manifest.trimEnd(),
    "EOF",
    `SERVER=$(${kubectl} config view --minify -o jsonpath='{.clusters[0].cluster.server}')`,
    `${kubectl} config view --raw --minify --flatten -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > daybook-ca.crt`,
    `${out} config set-cluster ${sa} --server="$SERVER" --certificate-authority=daybook-ca.crt --embed-certs=true`,
    `${out} config set-credentials ${sa} --token="$(${kubectl} -n ${namespace} create token ${sa} --duration=${GUIDE_TOKEN_DURATION})"`,
    `${out} config set-context ${sa} --cluster=${sa} --user=${sa} --namespace=${namespace}`,
    `${out} config use-context ${sa}`,
    `# then upload ${GUIDE_KUBECONFIG_FILE} to Daybook; run the create-token line again when the token expires`,
  ].join("\n");
}
