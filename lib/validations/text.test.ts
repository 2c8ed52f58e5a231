import { describe, expect, it } from "vitest";
import { ZCreateCohort, ZCreateTeam, ZJoinTeam } from "./account";
import { ZSaveStepNote } from "./note";

const note = (patch: Record<string, unknown>) => ZSaveStepNote.safeParse({ teamId: "t1", stepId: "d01-s1", body: "ok", blocked: false, blockedReason: null, baseVersion: 0, ...patch });
const join = (name: string) => ZJoinTeam.safeParse({ code: "ABCD2345", name, email: "x@daybook.local", password: "long enough pw" });
const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("the shared string rules", () => {
  it("refuse a NUL character in notes, blocked reasons and every name, saying so", () => {
    expect(message(note({ body: "kubectl get pods\u0000" }))).toBe("The note contains a NUL character (\\0). Remove it and try again.");
    expect(message(note({ blocked: true, blockedReason: "quota\u0000" }))).toMatch(/^The blocked reason contains a NUL/);
    expect(message(ZCreateTeam.safeParse({ cohortId: "c1", name: "Team\u0000X" }))).toMatch(/^The team name contains a NUL/);
    expect(message(ZCreateCohort.safeParse({ name: "Spring\u0000" }))).toMatch(/^The cohort name contains a NUL/);
    expect(message(join("Dee\u0000"))).toMatch(/^Your name contains a NUL/);
    expect(message(ZJoinTeam.safeParse({ code: "ABCD\u00002345", name: "Dee", email: "x@daybook.local", password: "long enough pw" }))).toMatch(/^The join code contains a NUL/);
  });

  it("refuse control, bidi and zero-width characters in names, so one cannot pose as another", () => {
    for (const name of ["Ines\u202EInstructor", "Ines\u200BInstructor", "\u2066Ines\u2069", "Ines\u200DI", "\uFEFFIness", "Ines\u0007", "Ines\u00ADInstructor", "Ines\u2028I"]) {
      expect(message(join(name)), JSON.stringify(name)).toMatch(/invisible or direction-changing|invisible/);
    }
    expect(join("  Zoë   Ångström ").data?.name).toBe("Zoë Ångström");
    expect(join("Zoe\u0308").data?.name).toBe("Zoë"); // NFC
  });

  it("refuse lone surrogates and stray control characters in free text, and keep tabs and line breaks", () => {
    expect(message(note({ body: "broken \uD800 text" }))).toMatch(/broken Unicode/);
    expect(message(note({ body: "bell\u0007" }))).toMatch(/invisible control character/);
    expect(note({ body: "a\tb\r\nc 🚀" }).data?.body).toBe("a\tb\r\nc 🚀");
    expect(note({ body: "\uFEFFnotes" }).data?.body).toBe("notes"); // a byte-order mark, not text
  });

  it("bound integers to their column", () => {
    expect(note({ baseVersion: 2 ** 31 }).success).toBe(false);
    expect(note({ baseVersion: 2 ** 31 - 1 }).success).toBe(true);
    expect(note({ baseVersion: -1 }).success).toBe(false);
    expect(note({ baseVersion: 1.5 }).success).toBe(false);
  });

  it("bound lengths after normalization", () => {
    expect(note({ body: "x".repeat(20_001) }).success).toBe(false);
    expect(join("x".repeat(81)).success).toBe(false);
    expect(ZCreateTeam.safeParse({ cohortId: "c1", name: "x".repeat(61) }).success).toBe(false);
  });
});
