/** `kubectl exec` for integration tests: Daybook's own lib/k8s exec, throwing instead of returning a failure. */
import type { KubeConfig } from "@kubernetes/client-node";
import { execInPod as exec, type ExecOutcome, type ExecRequest } from "@/lib/k8s/exec";
import { unwrap } from "@/lib/k8s/result";

export async function execInPod(kubeConfig: KubeConfig, request: ExecRequest): Promise<ExecOutcome> {
  return unwrap(await exec(kubeConfig, request));
}
