import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { canonicalEvent, eventHash, sha256Hex } from "./hash";

describe("canonical JSON", () => {
  it("sorts keys at every depth, keeps array order and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
  it("writes dates as ISO 8601 and escapes strings as JSON does", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 11, 1, 9, 0, 0, 5)), s: 'a"\n' })).toBe('{"at":"2026-12-01T09:00:00.005Z","s":"a\\"\\n"}');
  });
  it("refuses what JSON cannot hold exactly", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/no JSON form/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint has no JSON form/);
    expect(() => canonicalJson(new Map())).toThrow(/no JSON form/);
  });
});

describe("an event's hash", () => {
  const event = { at: new Date("2026-12-01T10:00:00.000Z"), type: "step.status", actorId: "u1", teamId: "t1", cohortId: "c1", subject: "d01-s1", data: '{"from":"NOT_STARTED","to":"IN_PROGRESS"}', prevHash: "0".repeat(64) };
  it("is the SHA-256 of its documented canonical form", () => {
    expect(canonicalEvent(event)).toBe(`{"actorId":"u1","at":"2026-12-01T10:00:00.000Z","cohortId":"c1","data":"{\\"from\\":\\"NOT_STARTED\\",\\"to\\":\\"IN_PROGRESS\\"}","prevHash":"${"0".repeat(64)}","subject":"d01-s1","teamId":"t1","type":"step.status","v":1}`);
    expect(eventHash(event)).toBe(sha256Hex(canonicalEvent(event)));
  });
  it("changes with any field, the previous hash included", () => {
    const base = eventHash(event);
    for (const change of [{ type: "note.saved" }, { actorId: null }, { data: "{}" }, { prevHash: "1".repeat(64) }, { at: new Date("2026-12-01T10:00:00.001Z") }]) {
      expect(eventHash({ ...event, ...change })).not.toBe(base);
    }
  });
});
