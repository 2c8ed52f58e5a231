import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Coarse redirect to /login only; every page, action and data function checks permissions itself.
export default NextAuth(authConfig).auth;

export const config = { matcher: ["/((?!api/auth|_next/static|_next/image|favicon.svg|.*\\.png$).*)"] };
