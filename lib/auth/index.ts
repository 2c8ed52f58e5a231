import NextAuth from "next-auth";
import { getDb } from "@/lib/db/prisma";
import { authConfig } from "./config";
import { providers } from "./providers";

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
      return true;
    },
  },
});
