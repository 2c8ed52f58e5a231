"use server";

import { testTeamCluster as test } from "@/lib/data/clusters";
import { ZTeamOnly } from "@/lib/validations/cluster";
import { defineAction } from "./define-action";

// Reports the server version, the nodes and the permissions the course needs that the identity lacks.
export const testTeamCluster = defineAction({
  schema: ZTeamOnly,
  run: (actor, input) => test(actor, input.teamId),
  revalidate: { path: "/plan/cluster" },
});
