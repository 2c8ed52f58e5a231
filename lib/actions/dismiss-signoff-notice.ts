"use server";

import { dismissSignoffNotice as dismiss } from "@/lib/signoff/data";
import { ZNoticeId } from "@/lib/signoff/validation";
import { defineAction } from "./define-action";

// A signer has read a notice about their sign-off (stale, reopened).
export const dismissSignoffNotice = defineAction({
  schema: ZNoticeId,
  run: (actor, input) => dismiss(actor, input.id),
  revalidate: { path: "/", type: "layout" },
});
