import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { getDb } from "@/lib/db/prisma";
import { clearFailures, lockedForMs, recordFailure } from "./attempts";
import { verifyPassword } from "./password";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(200) });

export class TooManyAttemptsError extends Error {}

const credentials = Credentials({
  id: "credentials",
  credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
  async authorize(raw) {
    const parsed = ZCredentials.safeParse(raw);
    if (!parsed.success) return null;
    const { email, password } = parsed.data;
    if (lockedForMs(email) > 0) return null;
    const db = await getDb();
    const user = await db.user.findUnique({ where: { email } });
    // Hash even for unknown emails so response time does not reveal which accounts exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    if (!user || !ok) {
      recordFailure(email);
      return null;
    }
    clearFailures(email);
    return { id: user.id, email: user.email, name: user.name };
  },
});

/** An OpenID Connect provider is added by configuration alone; its users must already be invited (matched by email). */
function oidcFromEnv(env = process.env): Provider[] {
  const issuer = env.AUTH_OIDC_ISSUER;
  if (!issuer || !env.AUTH_OIDC_CLIENT_ID) return [];
  return [
    {
      id: "oidc",
      name: env.AUTH_OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer,
      clientId: env.AUTH_OIDC_CLIENT_ID,
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    },
  ];
}

export const providers: Provider[] = [credentials, ...oidcFromEnv()];
export const hasOidc = providers.some((p) => typeof p !== "function" && p.id === "oidc");
