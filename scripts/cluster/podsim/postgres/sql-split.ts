// psql's input scanner, as far as a script needs it: statements end at a `;` outside quotes,
// dollar quotes, comments and parentheses; a line starting with `\` is a meta-command. Text left
// at the end of input is sent too, as psql does at EOF.
export type ScriptUnit =
  | { kind: "sql"; text: string; line: number }
  | { kind: "meta"; command: string; args: string[]; line: number };

function metaArgs(rest: string): string[] {
  const args: string[] = [];
  const re = /\s*(?:'((?:[^']|'')*)'|"((?:[^"]|"")*)"|(\S+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    if (m[1] !== undefined) args.push(m[1].replace(/''/g, "'"));
    else if (m[2] !== undefined) args.push(m[2]);
    else if (m[3] !== undefined) args.push(m[3]);
  }
  return args;
}

export function splitScript(input: string): ScriptUnit[] {
  const units: ScriptUnit[] = [];
  let buffer = "";
  let line = 1;
  let depth = 0;
  let i = 0;
  const flush = () => {
    if (buffer.trim() !== "") units.push({ kind: "sql", text: buffer.trim(), line });
    buffer = "";
    depth = 0;
  };
  while (i < input.length) {
    const ch = input[i]!;
    const next = input[i + 1];
    if (ch === "\\" && buffer.trim() === "") {
      const end = input.indexOf("\n", i);
      const text = input.slice(i + 1, end === -1 ? input.length : end);
      const [command = "", ...rest] = text.split(/(?<=^\S+)\s/);
      units.push({ kind: "meta", command, args: metaArgs(rest.join(" ")), line });
      buffer = "";
      i = end === -1 ? input.length : end;
      continue;
    }
    if (ch === "\n") { line++; buffer += ch; i++; continue; }
    if (ch === "-" && next === "-") {
      while (i < input.length && input[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && next === "*") {
      let nesting = 0;
      do {
        if (input[i] === "/" && input[i + 1] === "*") { nesting++; buffer += "/*"; i += 2; continue; }
        if (input[i] === "*" && input[i + 1] === "/") { nesting--; buffer += "*/"; i += 2; continue; }
        if (input[i] === "\n") line++;
        buffer += input[i];
        i++;
      } while (i < input.length && nesting > 0);
      continue;
    }
    if (ch === "'" || ch === '"') {
      const escapes = ch === "'" && /[eE]$/.test(buffer);
      buffer += ch;
      i++;
      while (i < input.length) {
        const c = input[i]!;
        if (c === "\n") line++;
        if (escapes && c === "\\") { buffer += c + (input[i + 1] ?? ""); i += 2; continue; }
        buffer += c;
        i++;
        if (c === ch) {
          if (input[i] === ch) { buffer += ch; i++; continue; }
          break;
        }
      }
      continue;
    }
    if (ch === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(input.slice(i));
      if (tag && !/[A-Za-z0-9_]$/.test(buffer)) {
        const end = input.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? input.length : end + tag[0].length;
        const body = input.slice(i, stop);
        line += body.split("\n").length - 1;
        buffer += body;
        i = stop;
        continue;
      }
    }
    if (ch === "(") depth++;
    if (ch === ")" && depth > 0) depth--;
    if (ch === ";" && depth === 0) {
      buffer += ch;
      i++;
      flush();
      continue;
    }
    buffer += ch;
    i++;
  }
  flush();
  return units;
}
