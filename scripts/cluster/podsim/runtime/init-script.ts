// Init containers, emulated from what their manifests say: `sh -c` scripts made of echo, sleep,
// `until CMD; do ...; done` / `while ! CMD` loops and podsim's tools (pg_isready, psql, curl,
// wget), or a bare tool command. A loop that is not satisfied yet leaves the init container
// running; it is tried again when the cluster changes (podsim never polls).
import { TOOLS } from "../tools";
import type { ToolInvocation } from "../tools/types";

type Word = string;
type Statement =
  | { kind: "command"; words: Word[] }
  | { kind: "until"; negate: boolean; condition: Word[]; body: Statement[] };

export class UnsupportedScript extends Error {}

function expand(word: string, env: Readonly<Record<string, string>>): string {
  return word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => env[a ?? b ?? ""] ?? "");
}

/** Words and separators of a shell script (quotes, $VAR expansion in double quotes, ; and newlines). */
function lex(script: string, env: Readonly<Record<string, string>>): Array<Word | ";"> {
  const tokens: Array<Word | ";"> = [];
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === "\n" || ch === ";") { tokens.push(";"); i++; continue; }
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "#") { while (i < script.length && script[i] !== "\n") i++; continue; }
    if (ch === "\\" && script[i + 1] === "\n") { i += 2; continue; }
    let word = "";
    while (i < script.length && !/[\s;]/.test(script[i]!)) {
      const c = script[i]!;
      if (c === "'") {
        const end = script.indexOf("'", i + 1);
        word += script.slice(i + 1, end === -1 ? undefined : end);
        i = end === -1 ? script.length : end + 1;
      } else if (c === '"') {
        let j = i + 1;
        let text = "";
        while (j < script.length && script[j] !== '"') {
          if (script[j] === "\\" && j + 1 < script.length) { text += script[j + 1]; j += 2; continue; }
          text += script[j];
          j++;
        }
        word += expand(text, env);
        i = j + 1;
      } else if (c === "$") {
        const m = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}|^\$[A-Za-z_][A-Za-z0-9_]*/.exec(script.slice(i));
        if (m) { word += expand(m[0], env); i += m[0].length; } else { word += c; i++; }
      } else if ("|&<>`()".includes(c)) {
        throw new UnsupportedScript(`podsim cannot emulate "${c}" in an init script`);
      } else {
        word += c;
        i++;
      }
    }
    tokens.push(word);
  }
  return tokens;
}

function parse(tokens: Array<Word | ";">): Statement[] {
  let pos = 0;
  const simple = (stop: Set<string>): Word[] => {
    const words: Word[] = [];
    while (pos < tokens.length && tokens[pos] !== ";" && !(words.length === 0 && stop.has(tokens[pos] as string))) words.push(tokens[pos++] as string);
    return words;
  };
  const block = (terminators: Set<string>): Statement[] => {
    const statements: Statement[] = [];
    while (pos < tokens.length) {
      if (tokens[pos] === ";") { pos++; continue; }
      const head = tokens[pos] as string;
      if (terminators.has(head)) return statements;
      if (head === "until" || head === "while") {
        pos++;
        let condition = simple(new Set());
        let negate = head === "while";
        if (head === "while" && condition[0] === "!") { condition = condition.slice(1); negate = false; }
        else if (head === "while") throw new UnsupportedScript("podsim emulates `while ! CMD` loops only");
        if (tokens[pos] === ";") pos++;
        while (tokens[pos] === ";") pos++;
        if (tokens[pos] !== "do") throw new UnsupportedScript("expected `do` in an until/while loop");
        pos++;
        const body = block(new Set(["done"]));
        if (tokens[pos] !== "done") throw new UnsupportedScript("expected `done`");
        pos++;
        statements.push({ kind: "until", negate, condition, body });
        continue;
      }
      statements.push({ kind: "command", words: simple(new Set()) });
    }
    return statements;
  };
  return block(new Set());
}

export interface InitRun {
  /** the container finished (exit code), or is still waiting in a loop */
  state: { kind: "done"; exitCode: number } | { kind: "waiting" };
}

/**
 * An init container's progress. `advance()` runs from where it stopped until it finishes or a
 * loop condition fails; output goes to `write`.
 */
export class InitContainerRun {
  private statements: Statement[];
  private position = 0;
  finished: number | undefined;

  constructor(
    command: string[],
    env: Readonly<Record<string, string>>,
    private readonly invoke: (argv: string[]) => Omit<ToolInvocation, "argv">,
    private readonly write: (stdout: string, stderr: string) => void,
  ) {
    const [first, flag, script] = command;
    if ((first === "sh" || first === "/bin/sh" || first === "bash" || first === "/bin/bash") && flag === "-c" && script !== undefined) {
      this.statements = parse(lex(script, env));
    } else if (command.length > 0) {
      this.statements = [{ kind: "command", words: command.map((w) => expand(w, env)) }];
    } else {
      this.statements = [];
    }
  }

  private async command(words: Word[]): Promise<number> {
    const [name, ...args] = words;
    if (!name || name === "sleep" || name === "true" || name === ":" || name === "set") return 0;
    if (name === "false") return 1;
    if (name === "echo") {
      const noNewline = args[0] === "-n";
      this.write(`${(noNewline ? args.slice(1) : args).join(" ")}${noNewline ? "" : "\n"}`, "");
      return 0;
    }
    if (name === "exit") return Number(args[0] ?? 0);
    const tool = TOOLS[name.split("/").pop() ?? name];
    if (!tool) {
      this.write("", `podsim: cannot emulate \`${name}\` in an init container; treating it as successful\n`);
      return 0;
    }
    const result = await tool.run({ ...this.invoke(args), argv: args });
    this.write(Buffer.from(result.stdout).toString("utf8"), result.stderr);
    return result.exitCode;
  }

  async advance(): Promise<InitRun> {
    if (this.finished !== undefined) return { state: { kind: "done", exitCode: this.finished } };
    let last = 0;
    while (this.position < this.statements.length) {
      const statement = this.statements[this.position]!;
      if (statement.kind === "command") {
        if (statement.words[0] === "exit") {
          this.finished = Number(statement.words[1] ?? 0);
          return { state: { kind: "done", exitCode: this.finished } };
        }
        last = await this.command(statement.words);
      } else {
        const status = await this.command(statement.condition);
        const satisfied = statement.negate ? status !== 0 : status === 0;
        if (!satisfied) return { state: { kind: "waiting" } };
        last = 0;
      }
      this.position++;
    }
    this.finished = last;
    return { state: { kind: "done", exitCode: last } };
  }
}
