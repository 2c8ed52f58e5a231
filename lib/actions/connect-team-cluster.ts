"use server";

import { connectTeamCluster as connect } from "@/lib/data/clusters";
import { ZConnectCluster } from "@/lib/validations/cluster";
import { defineAction } from "./define-action";

// Checks a kubeconfig context against the policy, tries it, and stores its credentials sealed.
export const connectTeamCluster = defineAction({
  schema: ZConnectCluster,
  run: (actor, input) => connect(actor, input),
  revalidate: { path: "/plan", type: "layout" },
});
