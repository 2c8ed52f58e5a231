import path from "node:path";
import { isValidElement, type ReactNode } from "react";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type Outcome = "allowed" | "denied";
export type Target = { teamId: string; teamName: string; cohortId: string; studentId: string };

const root = process.cwd();
const digestOf = (error: unknown) => (typeof error === "object" && error && "digest" in error ? String(error.digest) : "");

/** A thrown notFound() or a redirect to the sign-in page is a refusal; any other redirect is where an allowed call leads. */
function outcomeOfThrow(error: unknown): Outcome {
  const digest = digestOf(error);
  if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "denied";
  if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2] === "/login" ? "denied" : "allowed";
  throw error;
}

// Looks through a rendered element tree (props included) for a value; components are not called.
function contains(node: unknown, match: (value: unknown) => boolean, seen = new Set<unknown>(), depth = 0): boolean {
  if (match(node)) return true;
  if (node === null || typeof node !== "object" || seen.has(node) || depth > 40) return false;
  seen.add(node);
  if (Array.isArray(node)) return node.some((n) => contains(n, match, seen, depth + 1));
  if (isValidElement(node)) return contains(node.props, match, seen, depth + 1);
  if (Object.getPrototypeOf(node) !== Object.prototype) return false;
  return Object.values(node).some((v) => contains(v, match, seen, depth + 1));
}

export type MatrixContext = ReturnType<typeof matrixContext>;

export function matrixContext(deps: {
  client: () => PrismaClient;
  notAllowed: unknown;
  signOutSpy: { calls: number };
  authHandlers: { GET: unknown; POST: unknown };
}) {
  let counter = 0;
  return {
    unique: (prefix: string) => `${prefix} ${Date.now().toString(36)}${(counter++).toString(36)}`,
    form(fields: Record<string, string>) {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      return data;
    },
    async noteVersion(teamId: string, stepId: string) {
      return (await deps.client().stepNote.findUnique({ where: { teamId_stepId: { teamId, stepId } } }))?.version ?? 0;
    },
    async joinCode(teamId: string) {
      return (await deps.client().team.findUniqueOrThrow({ where: { id: teamId } })).joinCode;
    },

    /** A new team in the cohort, for rows that rename, archive or expire (the demo teams stay as they are). */
    async freshTeam(cohortId: string) {
      const n = `${Date.now().toString(36)}${(counter++).toString(36)}`;
      return (await deps.client().team.create({ data: { cohortId, name: `Matrix team ${n}`, joinCode: `MX${n.toUpperCase()}`, joinCodeExpiresAt: new Date(Date.now() + 86_400_000) } })).id;
    },
    /** A new student on the team, for rows that move or remove one. */
    async freshStudent(teamId: string) {
      const n = `${Date.now().toString(36)}${(counter++).toString(36)}`;
      return (await deps.client().user.create({ data: { email: `matrix-${n}@daybook.local`, name: `Matrix ${n}`, role: "STUDENT", membership: { create: { teamId } } } })).id;
    },
    /** An open invitation to the cohort, for the invitation page and its form. */
    async invitation(cohortId: string) {
      const n = `${Date.now().toString(36)}${(counter++).toString(36)}`;
      const inviter = await deps.client().cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { instructorId: true } });
      const email = `invited-${n}@daybook.local`;
      const code = `INV${n.toUpperCase()}`.padEnd(24, "X");
      await deps.client().cohortInvite.create({ data: { cohortId, email, role: "STAKEHOLDER", code, invitedById: inviter.instructorId, expiresAt: new Date(Date.now() + 86_400_000) } });
      return { code, email };
    },

    /** Calls a server action module's export and reads its answer: a FORBIDDEN or NOT_FOUND refusal, or a sign-in redirect, is "denied". */
    async action<M>(name: string, call: (module: M) => Promise<{ ok: boolean; code?: string; message?: string }>): Promise<Outcome> {
      const module = (await import(path.join(root, "lib", "actions", `${name}.ts`))) as M;
      try {
        const result = await call(module);
        if (result.ok || result.code === "CONFLICT") return "allowed";
        if (result.code === "FORBIDDEN" || result.code === "NOT_FOUND") return "denied";
        throw new Error(`${name} answered neither allowed nor refused: ${JSON.stringify(result)}`);
      } catch (error) {
        return outcomeOfThrow(error);
      }
    },

    /**
     * For actions that reach a cluster (which the matrix has none of): any answer other than a FORBIDDEN or
     * NOT_FOUND refusal or a sign-in redirect means the call got past authorization.
     */
    async actionPastAuth<M>(name: string, call: (module: M) => Promise<{ ok: boolean; code?: string; message?: string }>): Promise<Outcome> {
      const module = (await import(path.join(root, "lib", "actions", `${name}.ts`))) as M;
      try {
        const result = await call(module);
        return result.ok || (result.code !== "FORBIDDEN" && result.code !== "NOT_FOUND") ? "allowed" : "denied";
      } catch (error) {
        return outcomeOfThrow(error);
      }
    },

    /** Calls a JSON route handler's GET: 200 is allowed; 401, 403 and 404 are refusals. */
    async route(file: string, params: object): Promise<Outcome> {
      const module = (await import(path.join(root, file))) as { GET: (req: Request, ctx: { params: Promise<object> }) => Promise<Response> };
      const res = await module.GET(new Request("http://127.0.0.1/matrix"), { params: Promise.resolve(params) });
      if (res.status === 200) return "allowed";
      if ([401, 403, 404].includes(res.status)) return "denied";
      throw new Error(`${file} answered ${res.status}: ${await res.text()}`);
    },

    /** For routes that reach a cluster (the matrix's teams have none): any answer but 401, 403 or 404 got past authorization. */
    async routePastAuth(file: string, params: object): Promise<Outcome> {
      const module = (await import(path.join(root, file))) as { GET: (req: Request, ctx: { params: Promise<object> }) => Promise<Response> };
      const controller = new AbortController();
      const res = await module.GET(new Request("http://127.0.0.1/matrix", { signal: controller.signal }), { params: Promise.resolve(params) });
      controller.abort();
      await res.body?.cancel();
      return [401, 403, 404].includes(res.status) ? "denied" : "allowed";
    },

    /** A sign-off notice addressed to this user, for the row that dismisses one. */
    async noticeFor(userId: string, teamId: string) {
      return (await deps.client().signoffNotice.create({ data: { userId, teamId, message: "matrix notice" } })).id;
    },

    /** A finished run of the team's step 1.1, for rows that name a run. */
    async runOf(teamId: string) {
      const run = await deps.client().run.create({ data: { teamId, stepId: "d01-s1", kind: "VERIFY", status: "FAILED", finishedAt: new Date(), summary: "matrix", results: { type: "verify", checks: [] } } });
      return run.id;
    },

    /** Renders a page component one level deep: "not allowed", a 404 or a sign-in redirect is "denied"; `shows` must appear in what it rendered. */
    async page(file: string, { params = {}, searchParams = {}, shows }: { params?: object; searchParams?: object; shows?: string }): Promise<Outcome> {
      const module = (await import(path.join(root, file))) as { default: (props: object) => Promise<ReactNode> | ReactNode };
      try {
        const tree = await module.default({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
        if (contains(tree, (v) => isValidElement(v) && v.type === deps.notAllowed)) return "denied";
        if (shows !== undefined && !contains(tree, (v) => v === shows)) return "denied";
        return "allowed";
      } catch (error) {
        return outcomeOfThrow(error);
      }
    },

    async signOutCalled(): Promise<Outcome> {
      const { signOutUser } = (await import(path.join(root, "lib", "actions", "sign-out-user.ts"))) as { signOutUser: (f: FormData) => Promise<void> };
      const before = deps.signOutSpy.calls;
      try {
        await signOutUser(new FormData());
      } catch (error) {
        outcomeOfThrow(error);
      }
      return deps.signOutSpy.calls > before ? "allowed" : "denied";
    },

    async authRoute(): Promise<Outcome> {
      const route = (await import(path.join(root, "app", "api", "auth", "[...nextauth]", "route.ts"))) as { GET: unknown; POST: unknown };
      if (route.GET !== deps.authHandlers.GET || route.POST !== deps.authHandlers.POST) throw new Error("app/api/auth must export Auth.js's handlers and nothing of its own");
      return "allowed";
    },
  };
}
