import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { splitScript } from "./sql-split";

describe("psql's input scanner", () => {
  it("splits the course's schema.sql into its two CREATE TABLE statements, ending on lines 11 and 19", () => {
    const units = splitScript(readFileSync(path.join(defaultCourseDir(), "database/schema.sql"), "utf8"));
    expect(units.map((u) => u.kind === "sql" && u.text.split("\n")[0])).toEqual(["CREATE TABLE products (", "CREATE TABLE orders ("]);
    expect(units.map((u) => u.line)).toEqual([11, 19]);
  });

  it("keeps semicolons inside quotes, dollar quotes, comments and parentheses", () => {
    const units = splitScript("SELECT ';', \"a;b\" FROM t; -- x;\nDO $$ BEGIN PERFORM 1; END $$;\n/* a; /* nested; */ b; */ SELECT E'\\';';\nSELECT (1;\n2)");
    expect(units.map((u) => (u.kind === "sql" ? u.text : u.command))).toEqual([
      "SELECT ';', \"a;b\" FROM t;",
      "DO $$ BEGIN PERFORM 1; END $$;",
      "/* a; /* nested; */ b; */ SELECT E'\\';';",
      "SELECT (1;\n2)",
    ]);
  });

  it("reads backslash meta-commands at the start of a statement, with their arguments", () => {
    expect(splitScript("\\dt\nSELECT 1;\n\\c shop\n\\echo 'hello world' x\n")).toEqual([
      { kind: "meta", command: "dt", args: [], line: 1 },
      { kind: "sql", text: "SELECT 1;", line: 2 },
      { kind: "meta", command: "c", args: ["shop"], line: 3 },
      { kind: "meta", command: "echo", args: ["hello world", "x"], line: 4 },
    ]);
  });
});
