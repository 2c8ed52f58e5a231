import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { restJson } from "./rest";
import type { K8sResult } from "./result";

export type ServerVersion = { gitVersion: string; major?: string; minor?: string; platform?: string };

/** `kubectl version` (server part): GET /version. */
export const serverVersion = (kc: KubeConfig): Promise<K8sResult<ServerVersion>> => restJson<ServerVersion>(kc, { path: "/version" });
