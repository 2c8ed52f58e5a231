import { describe, expect, it } from "vitest";
import { formatResult, formatServerMessage } from "./psql-output";

const result = {
  columns: [{ name: "id", typeId: 23 }, { name: "name", typeId: 1043 }, { name: "price", typeId: 1700 }],
  rows: [["1", "Laptop", "999.99"], ["2", "Mouse", "29.99"]],
  tag: "SELECT 2",
};
const plain = { tuplesOnly: false, unaligned: false, fieldSeparator: "|", quiet: false };

describe("psql output", () => {
  it("prints aligned tables like psql: centred headers, numbers to the right, a row count and a blank line", () => {
    expect(formatResult(result, plain)).toBe(
      " id |  name  | price  \n" +
      "----+--------+--------\n" +
      "  1 | Laptop | 999.99\n" +
      "  2 | Mouse  |  29.99\n" +
      "(2 rows)\n\n");
  });

  it("prints -t, -A and -tA the way the course's checks read them", () => {
    expect(formatResult(result, { ...plain, tuplesOnly: true, unaligned: true })).toBe("1|Laptop|999.99\n2|Mouse|29.99\n");
    expect(formatResult(result, { ...plain, unaligned: true })).toBe("id|name|price\n1|Laptop|999.99\n2|Mouse|29.99\n(2 rows)\n");
    expect(formatResult({ ...result, rows: [["3", null, "1.00"]] }, { ...plain, tuplesOnly: true })).toBe("  3 |      |  1.00\n\n");
    expect(formatResult({ columns: [{ name: "count", typeId: 20 }], rows: [["1"]], tag: "SELECT 1" }, plain)).toBe(" count \n-------\n     1\n(1 row)\n\n");
  });

  it("prints command tags unless quiet", () => {
    expect(formatResult({ columns: [], rows: [], tag: "INSERT 0 3" }, plain)).toBe("INSERT 0 3\n");
    expect(formatResult({ columns: [], rows: [], tag: "INSERT 0 3" }, { ...plain, quiet: true })).toBe("");
  });

  it("points at the error position with LINE and a caret", () => {
    const message = { name: "error", severity: "ERROR", message: 'relation "nope" does not exist', position: "15" };
    expect(formatServerMessage(message, "SELECT * FROM nope;")).toBe(
      'ERROR:  relation "nope" does not exist\nLINE 1: SELECT * FROM nope;\n                      ^\n');
    expect(formatServerMessage({ ...message, position: undefined }, "x", "psql:<stdin>:3: ")).toBe('psql:<stdin>:3: ERROR:  relation "nope" does not exist\n');
  });
});
