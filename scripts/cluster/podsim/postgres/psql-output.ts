// psql's output: aligned tables (border 1, centred headers, numbers right-aligned, "(n rows)"),
// unaligned (-A, -F), tuples only (-t), command tags, and server errors with LINE/caret context.
import { NUMERIC_TYPES, type ResultSet, type WireMessage } from "./pg-protocol";

export interface PrintOptions {
  tuplesOnly: boolean;
  unaligned: boolean;
  fieldSeparator: string;
  quiet: boolean;
  title?: string;
}

const width = (s: string) => [...s].length;

function rowCount(n: number): string {
  return `(${n} ${n === 1 ? "row" : "rows"})`;
}

export function formatResult(result: ResultSet, options: PrintOptions): string {
  if (result.columns.length === 0) return options.quiet ? "" : `${result.tag}\n`;
  const rows = result.rows.map((row) => row.map((v) => v ?? ""));
  if (options.unaligned) {
    const lines: string[] = [];
    if (options.title && !options.tuplesOnly) lines.push(options.title);
    if (!options.tuplesOnly) lines.push(result.columns.map((c) => c.name).join(options.fieldSeparator));
    for (const row of rows) lines.push(row.join(options.fieldSeparator));
    if (!options.tuplesOnly) lines.push(rowCount(rows.length));
    return lines.length > 0 ? `${lines.join("\n")}\n` : "";
  }
  // as psql: the header's width counts even with -t (`psql -tc "SELECT count(*) ..."` prints "     3")
  const widths = result.columns.map((c, i) => Math.max(width(c.name), ...rows.map((r) => width(r[i] ?? ""))));
  const numeric = result.columns.map((c) => NUMERIC_TYPES.has(c.typeId));
  const last = result.columns.length - 1;
  const lines: string[] = [];
  if (!options.tuplesOnly) {
    const header = result.columns.map((c, i) => {
      const pad = widths[i]! - width(c.name);
      const left = Math.floor(pad / 2);
      return `${" ".repeat(left)}${c.name}${" ".repeat(pad - left)}`;
    });
    const total = widths.reduce((a, w) => a + w + 3, -1);
    if (options.title) {
      const pad = Math.max(0, Math.floor((total - width(options.title)) / 2));
      lines.push(`${" ".repeat(pad)}${options.title}`);
    }
    lines.push(` ${header.join(" | ")} `);
    lines.push(widths.map((w) => "-".repeat(w + 2)).join("+"));
  }
  for (const row of rows) {
    const cells = row.map((value, i) => {
      const pad = " ".repeat(widths[i]! - width(value));
      if (numeric[i]) return `${pad}${value}`;
      return i === last ? value : `${value}${pad}`;
    });
    lines.push(` ${cells.join(" | ")}`);
  }
  if (!options.tuplesOnly) lines.push(rowCount(rows.length));
  return `${lines.join("\n")}\n\n`;
}

/** "ERROR:  relation ... \nLINE 1: ...\n        ^" with psql's `psql:<file>:<line>: ` prefix in scripts. */
export function formatServerMessage(message: WireMessage, statement: string, prefix = ""): string {
  const severity = message.severity ?? "ERROR";
  const lines = [`${prefix}${severity}:  ${message.message ?? ""}`];
  const position = Number(message.position);
  if (Number.isInteger(position) && position > 0) {
    const before = statement.slice(0, position - 1);
    const lineNo = before.split("\n").length;
    const lineText = statement.split("\n")[lineNo - 1] ?? "";
    const column = before.length - (before.lastIndexOf("\n") + 1);
    const label = `LINE ${lineNo}: `;
    lines.push(`${label}${lineText}`, `${" ".repeat(label.length + column)}^`);
  }
  if (message.detail) lines.push(`DETAIL:  ${message.detail}`);
  if (message.hint) lines.push(`HINT:  ${message.hint}`);
  return `${lines.join("\n")}\n`;
}
