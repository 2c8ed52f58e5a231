"use server";

import { checkSignoffRecord as check } from "@/lib/signoff/data";
import { ZCheckRecord } from "@/lib/signoff/validation";
import { defineAction } from "./define-action";

// Someone with an exported sign-off record checks its hashes and compares it with today's evidence.
export const checkSignoffRecord = defineAction({
  schema: ZCheckRecord,
  run: (actor, input) => check(actor, input),
});
