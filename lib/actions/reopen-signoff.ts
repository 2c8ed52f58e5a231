"use server";

import { reopenSignoff as reopen } from "@/lib/signoff/data";
import { ZReopenSignoff } from "@/lib/signoff/validation";
import { defineAction } from "./define-action";

// An instructor reopens a locked or stale sign-off with a reason; the earlier round is kept.
export const reopenSignoff = defineAction({
  schema: ZReopenSignoff,
  run: (actor, input) => reopen(actor, input),
  revalidate: [{ path: "/signoff" }, { path: "/reports", type: "layout" }],
});
