import Credentials from "next-auth/providers/credentials";
import { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { auditSignInFailure } from "@/lib/audit/sign-in";
import { getDb } from "@/lib/db/prisma";
import { clientAddress } from "./client-address";
import { verifyPassword } from "./password";
import { accountKey, ACCOUNT_POLICY, addressKey, ADDRESS_POLICY, checkThrottle, clearFailures, recordFailure } from "./throttle";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().max(254).email(), password: z.string().min(1).max(200) });

// Hashed even for unknown emails so response time does not reveal which accounts exist.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** Refused because the account or the address is locked; the sign-in form words the wait. */
export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

/**
 * Every password sign-in, from the sign-in form's action or a direct POST to /api/auth, goes through
 * here, so the limits in the database hold for all of them.
 */
export async function authorizeCredentials(raw: unknown, headers: Headers, now = new Date()) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = { address: addressKey(clientAddress(headers)), account: accountKey(email) };
  const throttle = await checkThrottle(keys, now);
  if (throttle.locked) {
    // A guess at a locked account still costs the address, so one address cannot keep an account locked.
    if (throttle.scope === "account") await recordFailure([{ key: keys.address, policy: ADDRESS_POLICY }], now);
    await auditSignInFailure({ userId: (await (await getDb()).user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null, address: keys.address, reason: "locked" });
    throw new ThrottledSignin();
  }
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await recordFailure([{ key: keys.account, policy: ACCOUNT_POLICY }, { key: keys.address, policy: ADDRESS_POLICY }], now);
    await auditSignInFailure({ userId: user?.id ?? null, address: keys.address, reason: user ? "wrong-password" : "unknown-account" });
    return null;
  }
  await clearFailures(keys.account);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

const credentials = Credentials({
  id: "credentials",
  credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
  authorize: (raw, request) => authorizeCredentials(raw, request.headers),
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
