import { describe, expect, it } from "vitest";
import { escapeFormula, toCsv } from "./csv";

describe("CSV a spreadsheet opens as intended", () => {
  it("starts with a UTF-8 byte-order mark and ends every line with CRLF", () => {
    const csv = toCsv(["team", "score"], [["Atlas", 0.5], ["Zoë", 1]]);
    expect(csv).toBe("\uFEFFteam,score\r\nAtlas,0.5\r\nZoë,1\r\n");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("quotes commas, quotes, line breaks and surrounding spaces", () => {
    expect(toCsv(["a"], [['say "hi", then\nleave'], [" padded "]])).toBe('\uFEFFa\r\n"say ""hi"", then\nleave"\r\n" padded "\r\n');
  });

  it.each(["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])("makes %j text, not a formula", (value) => {
    const escaped = escapeFormula(value);
    expect(escaped).toBe(`'${value}`);
    expect(toCsv(["a"], [[value]]).split("\r\n")[1]!.replace(/^"/, "")).toMatch(/^'/);
  });

  it("leaves ordinary text and numbers alone (a number is never a formula)", () => {
    expect(escapeFormula("Team Atlas")).toBe("Team Atlas");
    expect(escapeFormula("1.5")).toBe("1.5");
    expect(toCsv(["n", "b", "x"], [[-1, true, null]])).toBe("\uFEFFn,b,x\r\n-1,yes,\r\n");
  });
});
