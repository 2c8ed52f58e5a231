// What a spreadsheet needs to open a CSV as intended: a UTF-8 byte-order mark (Excel otherwise guesses
// the encoding), CRLF line ends, and RFC 4180 quoting.
const BOM = "\uFEFF";

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return, which
 * some read past) is prefixed with an apostrophe, which makes it text: the OWASP advice for CSV injection.
 */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return String(value);
  }
  const text = typeof value === "boolean" ? (value ? "yes" : "no") : escapeFormula(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
