import { z } from "zod";
import type { CheckModule, CheckModuleFor } from "./define";
import { alertingPipeline, prometheusRules, prometheusTargets } from "./kinds/prometheus";
import { apiResources } from "./kinds/api-resources";
import { canI } from "./kinds/can-i";
import { clusterReachable } from "./kinds/cluster-reachable";
import { configMapKeys, secretKeys } from "./kinds/keys";
import { crdInstalled } from "./kinds/crd-installed";
import { deploymentAvailable } from "./kinds/deployment-available";
import { deploymentImage } from "./kinds/deployment-image";
import { execSucceeds } from "./kinds/exec-succeeds";
import { helmRelease } from "./kinds/helm-release";
import { hpaExists } from "./kinds/hpa-exists";
import { http } from "./kinds/http";
import { httpUrl } from "./kinds/http-url";
import { labelSelectorMatches } from "./kinds/label-selector-matches";
import { loadTest } from "./kinds/load-test";
import { manual } from "./kinds/manual";
import { metricsAvailable } from "./kinds/metrics-available";
import { namespaceExists } from "./kinds/namespace-exists";
import { networkAllowed, networkBlocked } from "./kinds/network";
import { networkPolicyExists } from "./kinds/network-policy-exists";
import { nodesReady } from "./kinds/nodes-ready";
import { nodeDrained, pdbHealthy } from "./kinds/pdb";
import { podContainers } from "./kinds/pod-containers";
import { podLogsContain } from "./kinds/pod-logs-contain";
import { podsReady } from "./kinds/pods-ready";
import { probesConfigured } from "./kinds/probes-configured";
import { resourceExists } from "./kinds/resource-exists";
import { resourceLimitsSet } from "./kinds/resource-limits-set";
import { resourceQuotaActive } from "./kinds/resource-quota-active";
import { resourceQuotaEnforced } from "./kinds/resource-quota-enforced";
import { rolloutComplete, rolloutHistory } from "./kinds/rollout";
import { storageClassExists } from "./kinds/storage-class-exists";
import { validationSuiteSchema } from "./kinds/validation-suite";
import { vpaExists } from "./kinds/vpa-exists";

const modules = {
  clusterReachable, nodesReady, apiResources, storageClassExists, namespaceExists, crdInstalled, resourceExists,
  resourceQuotaActive, resourceQuotaEnforced, resourceLimitsSet, metricsAvailable, configMapKeys, secretKeys,
  deploymentAvailable, podsReady, podContainers, podLogsContain, execSucceeds, networkAllowed, networkBlocked, http,
  prometheusTargets, prometheusRules, alertingPipeline, httpUrl, rolloutComplete, rolloutHistory, probesConfigured,
  deploymentImage, pdbHealthy, nodeDrained, labelSelectorMatches, canI, networkPolicyExists, hpaExists, vpaExists,
  helmRelease, loadTest, manual,
};

type Modules = typeof modules;
type ModuleSchemas = { [K in keyof Modules]: Modules[K]["schema"] };

const schemas = [...Object.values(modules).map((m) => m.schema), validationSuiteSchema] as unknown as [ModuleSchemas[keyof Modules], typeof validationSuiteSchema];

/** Every check the course may use: one schema per kind, told apart by `kind`. */
export const checkSchema = z.discriminatedUnion("kind", schemas);

export type Check = z.infer<typeof checkSchema>;
export type CheckKind = Check["kind"];
export type CheckOf<K extends CheckKind> = Extract<Check, { kind: K }>;
export type ClusterCheckKind = Exclude<CheckKind, "validationSuite">;

/** A kind without a module is a compile error here. */
export const CHECK_MODULES = modules satisfies { [K in ClusterCheckKind]: CheckModuleFor<CheckOf<K>> };

export const checkKinds = [...Object.keys(modules), "validationSuite"] as CheckKind[];

export const moduleOf = <K extends ClusterCheckKind>(kind: K) => CHECK_MODULES[kind] as unknown as CheckModule<CheckOf<K>, unknown>;
