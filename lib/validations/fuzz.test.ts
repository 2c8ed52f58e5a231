import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { createCohort } from "@/lib/data/cohorts";
import { saveStepNote } from "@/lib/data/notes";
import { ZCreateCohort, ZCreateTeam, ZJoinTeam, ZRotateJoinCode, ZSetDesignation, ZSignIn } from "./account";
import { ZSaveStepNote } from "./note";
import { ZSetStepStatus } from "./progress";
import { INT32_MAX } from "./text";

// Strings as an attacker sends them: any code point, lone surrogates, NUL, bidi and zero-width characters, huge.
const SPECIAL = ["\u0000", "\uD800", "\uDFFF", "\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u0007", "\u00AD", "\u2028", "\r\n", "\t", "e\u0301", "🚀"];
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom(...SPECIAL)), { maxLength: 60 }).map((parts) => parts.join("")),
  fc.nat({ max: 30_000 }).map((n) => "x".repeat(n)),
);
const hostileValue = fc.oneof(hostileString, fc.anything(), fc.integer(), fc.double(), fc.constant(2 ** 31), fc.constant(null));

const SCHEMAS = { ZSignIn, ZJoinTeam, ZCreateTeam, ZCreateCohort, ZSetDesignation, ZRotateJoinCode, ZSaveStepNote, ZSetStepStatus };
const FIELDS = ["email", "password", "callbackUrl", "code", "name", "cohortId", "teamId", "userId", "designation", "stepId", "status", "expected", "body", "blocked", "blockedReason", "baseVersion"];
const NAME_FIELDS = new Set(["name", "code"]);

function* strings(value: unknown, key = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [key, value];
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, k);
}

describe("input schemas under generated input", () => {
  it.each(Object.entries(SCHEMAS))("%s never throws, and what it accepts is storable text within its bounds", (_name, schema) => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 8 }), fc.anything(), (fields, junk) => {
        for (const input of [fields, junk]) {
          const result = schema.safeParse(input);
          if (!result.success) {
            expect(result.error.issues.length).toBeGreaterThan(0);
            continue;
          }
          for (const [key, text] of strings(result.data)) {
            expect(text.includes("\u0000"), key).toBe(false);
            expect(text.isWellFormed(), key).toBe(true);
            expect(text.length, key).toBeLessThanOrEqual(20_000);
            if (NAME_FIELDS.has(key)) expect(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text), key).toBe(false);
          }
          if ("baseVersion" in result.data) expect(result.data.baseVersion).toBeLessThanOrEqual(INT32_MAX);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(TEST_BACKENDS)("what the schemas accept, the database stores, on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("cohort names and note bodies from generated strings are stored exactly as validated", async () => {
    const instructor = await actorFor(demo.client, "instructor@daybook.local");
    const alice = await actorFor(demo.client, "alice@daybook.local");
    await fc.assert(
      fc.asyncProperty(hostileString, async (text) => {
        const cohort = ZCreateCohort.safeParse({ name: text });
        if (cohort.success) {
          const created = await createCohort(instructor, cohort.data.name).catch((e: { code?: string }) => (e.code === "CONFLICT" ? null : Promise.reject(e)));
          if (created) expect(created.name).toBe(cohort.data.name);
        }
        const current = await demo.client.stepNote.findUnique({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d04-s1" } } });
        const note = ZSaveStepNote.safeParse({ teamId: demo.atlas, stepId: "d04-s1", body: text, blocked: false, blockedReason: null, baseVersion: current?.version ?? 0 });
        if (note.success) {
          await saveStepNote(alice, note.data);
          const stored = await demo.client.stepNote.findUniqueOrThrow({ where: { teamId_stepId: { teamId: demo.atlas, stepId: "d04-s1" } } });
          expect(stored.body).toBe(note.data.body);
        }
      }),
      { numRuns: 60 },
    );
  });
});
