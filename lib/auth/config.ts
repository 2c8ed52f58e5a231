import type { NextAuthConfig } from "next-auth";
import { sameOriginPath } from "./redirect";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    /** The user's session version when this session began; the actor lookup refuses any other. */
    sv?: number;
  }
}

// /api/pack/ checks a session or its own short-lived download token (the course pack's curl command).
export const isPublic = (path: string) => path === "/login" || path.startsWith("/join/") || path === "/join" || path.startsWith("/invite/") || path.startsWith("/api/auth") || path.startsWith("/api/pack/");

/** The part of the Auth.js config that needs no database: pages and the session's shape. The proxy redirects to /login with isPublic. */
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
      if ("type" in error && error.type === "CredentialsSignin") console.warn("[auth] sign-in refused: wrong email or password, or too many attempts");
      else console.error("[auth]", error);
    },
  },
  callbacks: {
    redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sv === "number") session.sessionVersion = token.sv;
      return session;
    },
  },
} satisfies NextAuthConfig;
