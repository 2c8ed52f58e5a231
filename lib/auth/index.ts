import NextAuth from "next-auth";
import { getDb } from "@/lib/db/prisma";
import { authConfig } from "./config";
import { providers } from "./providers";
import { endSessions } from "./session-version";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers,
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const known = await (await getDb()).user.findUnique({ where: { email } });
      if (!known) return "/login?error=NotInvited";
      user.id = known.id;
      user.sessionVersion = known.sessionVersion;
      return true;
    },
  },
  events: {
    // Every way of signing out (the header's button, a POST to /api/auth/signout) ends every session of the user.
    async signOut(message) {
      const uid = "token" in message ? message.token?.uid : undefined;
      if (typeof uid === "string") await endSessions(uid);
    },
  },
});
