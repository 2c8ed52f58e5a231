"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { acceptInvite } from "@/lib/data/invites";
import { ZAcceptInvite } from "@/lib/validations/review";
import { defineFormAction } from "./define-action";

// Creates the invited instructor's or stakeholder's account; like a join, the answer is the sign-in page either way.
export const acceptCohortInvite = defineFormAction({
  public: true,
  schema: ZAcceptInvite,
  run: async (input) => {
    await acceptInvite(input, clientAddress(await headers()));
    return undefined;
  },
  redirectTo: () => "/login?notice=invited",
  keep: ["name"],
});
