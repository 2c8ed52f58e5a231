"use server";

import { signOff } from "@/lib/signoff/data";
import { ZSignOff } from "@/lib/signoff/validation";
import { defineAction } from "./define-action";

// Step 20.2: the signer approves the evidence the page showed them, in their role, in the chain's order.
export const signOffTeam = defineAction({
  schema: ZSignOff,
  run: (actor, input) => signOff(actor, input),
  revalidate: [{ path: "/signoff" }, { path: "/reports", type: "layout" }],
});
