"use server";

import { z } from "zod";
import { createPackToken as signTokenFor } from "@/lib/data/pack";
import { defineAction } from "./define-action";

// Issues a 10-minute token for the course-pack `curl` command on the Course files page.
export const createPackToken = defineAction({
  schema: z.object({}).strict(),
  run: async (actor) => {
    const { token, expiresAt } = await signTokenFor(actor);
    return { token, expiresAt: expiresAt.toISOString() };
  },
});
