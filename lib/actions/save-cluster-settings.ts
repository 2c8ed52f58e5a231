"use server";

import { updateClusterSettings } from "@/lib/data/clusters";
import { ZClusterSettings } from "@/lib/validations/cluster";
import { defineAction } from "./define-action";

// Saves the team's namespace, image registry and public URLs, which retarget everything the engine applies and checks.
export const saveClusterSettings = defineAction({
  schema: ZClusterSettings,
  run: (actor, input) => updateClusterSettings(actor, input),
  revalidate: { path: "/plan", type: "layout" },
});
