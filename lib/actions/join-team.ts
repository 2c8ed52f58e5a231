"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { joinTeamWithCode } from "@/lib/data/cohorts";
import { ZJoinTeam } from "@/lib/validations/account";
import { defineFormAction } from "./define-action";

// Creates a student account on the team the join code names. Whether or not the email already had an
// account, the answer is the same: the sign-in page, where the student signs in with their password.
export const joinTeam = defineFormAction({
  public: true,
  schema: ZJoinTeam,
  run: async (input) => {
    await joinTeamWithCode(input, clientAddress(await headers()));
    return undefined;
  },
  redirectTo: () => "/login?notice=joined",
  keep: ["name", "email"],
});
