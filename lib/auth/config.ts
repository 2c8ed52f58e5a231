import type { NextAuthConfig } from "next-auth";
import { authSecret } from "./secret";

/** The part of the Auth.js config that needs no database: pages, session shape and the coarse redirect rule. */
export const authConfig = {
  trustHost: true,
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/login" },
  providers: [],
  logger: {
    // A wrong password is an expected outcome, answered on the form; log one line, not a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin") console.warn("[auth] sign-in refused: wrong email or password");
      else console.error("[auth]", error);
    },
  },
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      const isPublic = path === "/login" || path.startsWith("/join") || path.startsWith("/api/auth");
      return isPublic || Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
} satisfies NextAuthConfig;
