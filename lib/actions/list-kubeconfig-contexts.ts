"use server";

import { kubeconfigContexts } from "@/lib/data/clusters";
import { ZListContexts } from "@/lib/validations/cluster";
import { defineAction } from "./define-action";

// Lists the contexts of a pasted or uploaded kubeconfig, so the student can pick one; nothing is stored.
export const listKubeconfigContexts = defineAction({
  schema: ZListContexts,
  run: (actor, input) => kubeconfigContexts(actor, input.teamId, input.kubeconfig),
});
