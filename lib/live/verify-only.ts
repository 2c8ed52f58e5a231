import type { CheckKind } from "@/lib/checks/registry";

/**
 * Kinds whose fetch can need what no watch gives. They are Verify's whatever the cluster holds: run live,
 * such a check would fail while its objects are missing and fall silent once they exist, which reads as a
 * verdict it never reached. (verify-only.test.ts finds every kind whose module reads more than objects.)
 */
export const VERIFY_ONLY_KINDS: Partial<Record<CheckKind, string>> = {
  podLogsContain: "reads pod logs",
  execSucceeds: "runs a command in a pod",
  networkAllowed: "runs a command in a pod",
  networkBlocked: "runs a command in a pod",
  http: "sends an HTTP request to a pod",
  prometheusTargets: "asks Prometheus through a pod",
  prometheusRules: "asks Prometheus through a pod",
  alertingPipeline: "asks Prometheus and Alertmanager through a pod",
  httpUrl: "requests a public URL",
  metricsAvailable: "reads resource metrics",
  canI: "asks the API server for an access review",
  resourceQuotaEnforced: "creates a test object with a dry run",
  loadTest: "runs a load test",
  manual: "a team member confirms it",
  validationSuite: "runs a validation suite",
};
