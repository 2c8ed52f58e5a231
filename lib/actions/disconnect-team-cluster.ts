"use server";

import { disconnectTeamCluster as disconnect } from "@/lib/data/clusters";
import { ZTeamOnly } from "@/lib/validations/cluster";
import { defineAction } from "./define-action";

// Forgets the team's cluster and its sealed credentials; runs and their evidence stay.
export const disconnectTeamCluster = defineAction({
  schema: ZTeamOnly,
  run: (actor, input) => disconnect(actor, input.teamId),
  revalidate: { path: "/plan", type: "layout" },
});
