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
    // A wrong password is expected and answered on the form: log one line, not a stack trace.
    // Match on Auth.js's `type`, since class names are minified in builds.
    error(error) {
      if ("type" in error && error.type === "CredentialsSignin") console.warn("[auth] sign-in refused: wrong email or password");
      else console.error("[auth]", error);
    },
  },
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      // /api/pack/ checks a session or its own short-lived download token (the course pack's curl command).
      const isPublic = path === "/login" || path.startsWith("/join") || path.startsWith("/api/auth") || path.startsWith("/api/pack/");
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
