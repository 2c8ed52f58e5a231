// psql 15 in a pod: -U/-d/-h/-p (and PG* env), -c (repeatable), -f FILE|-, stdin, -l, -t, -A, -F, -q,
// -v ON_ERROR_STOP=1, -X; meta-commands \dt \d \l \c \echo \conninfo \q; psql's exit codes
// (0, 1 for a failed -c or missing file, 2 connection, 3 script error with ON_ERROR_STOP).
import { pgConnect, type PgTarget } from "../postgres/client";
import type { StatementOutcome } from "../postgres/pg-protocol";
import { formatResult, formatServerMessage, type PrintOptions } from "../postgres/psql-output";
import { splitScript, type ScriptUnit } from "../postgres/sql-split";
import { expandShortOptions, splitInlineValue, type Tool, type ToolInvocation, type ToolResult } from "./types";
import { localPostgres } from "./local-postgres";

const WITH_VALUE = new Set(["-c", "-d", "-f", "-h", "-p", "-U", "-v", "-F", "-R", "-P", "-o", "-L", "-T"]);

type Action = { kind: "command"; text: string } | { kind: "file"; path: string };

interface PsqlOptions {
  actions: Action[];
  host?: string;
  port?: string;
  user?: string;
  database?: string;
  print: PrintOptions;
  onErrorStop: boolean;
  echoQueries: boolean;
  variables: Record<string, string>;
}

const usageError = (text: string): ToolResult => ({ stdout: "", stderr: `psql: error: ${text}\n`, exitCode: 1 });

function parse(argv: string[]): PsqlOptions | ToolResult {
  const o: PsqlOptions = {
    actions: [], print: { tuplesOnly: false, unaligned: false, fieldSeparator: "|", quiet: false },
    onErrorStop: false, echoQueries: false, variables: {},
  };
  const positional: string[] = [];
  const args = expandShortOptions(argv, WITH_VALUE);
  for (let i = 0; i < args.length; i++) {
    const [arg, inline] = splitInlineValue(args[i]!);
    const value = (): string | undefined => inline ?? args[++i];
    switch (arg) {
      case "-c": case "--command": { const v = value(); if (v === undefined) return usageError("option requires an argument -- 'c'"); o.actions.push({ kind: "command", text: v }); break; }
      case "-f": case "--file": { const v = value(); if (v === undefined) return usageError("option requires an argument -- 'f'"); o.actions.push({ kind: "file", path: v }); break; }
      case "-d": case "--dbname": o.database = value(); break;
      case "-h": case "--host": o.host = value(); break;
      case "-p": case "--port": o.port = value(); break;
      case "-U": case "--username": o.user = value(); break;
      case "-l": case "--list": o.actions.push({ kind: "command", text: "\\l" }); break;
      case "-t": case "--tuples-only": o.print.tuplesOnly = true; break;
      case "-A": case "--no-align": o.print.unaligned = true; break;
      case "-F": case "--field-separator": o.print.fieldSeparator = value() ?? "|"; break;
      case "-q": case "--quiet": o.print.quiet = true; break;
      case "-e": case "--echo-queries": o.echoQueries = true; break;
      case "-v": case "--set": case "--variable": {
        const [name, ...rest] = (value() ?? "").split("=");
        o.variables[name ?? ""] = rest.join("=");
        if (name === "ON_ERROR_STOP") o.onErrorStop = !["0", "off", "false"].includes(rest.join("=").toLowerCase());
        break;
      }
      case "-X": case "--no-psqlrc": case "-w": case "--no-password": case "-a": case "--echo-all": case "-b": case "-n": case "-1": case "--single-transaction": break;
      case "-P": case "--pset": case "-R": case "--record-separator": case "-o": case "-L": case "-T": value(); break;
      case "-W": case "--password": break;
      case "-V": case "--version": return { stdout: "psql (PostgreSQL) 15.8\n", stderr: "", exitCode: 0 };
      default:
        if (arg.startsWith("-") && arg !== "-") {
          return { stdout: "", stderr: `psql: error: unrecognized option '${arg}'\npsql: hint: Try "psql --help" for more information.\n`, exitCode: 1 };
        }
        positional.push(arg);
    }
  }
  o.database ??= positional[0];
  o.user ??= positional[1];
  return o;
}

class Output {
  stdout = "";
  stderr = "";
}

interface Session {
  run: (sql: string) => Promise<StatementOutcome>;
  database: string;
  user: string;
  target: PgTarget;
}

const META_QUERIES = {
  dt: `SELECT n.nspname AS "Schema", c.relname AS "Name", CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'p' THEN 'partitioned table' END AS "Type", pg_catalog.pg_get_userbyid(c.relowner) AS "Owner" FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','') AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast' AND n.nspname <> 'information_schema' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2`,
  d: `SELECT n.nspname AS "Schema", c.relname AS "Name", CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'p' THEN 'partitioned table' END AS "Type", pg_catalog.pg_get_userbyid(c.relowner) AS "Owner" FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S','f','') AND n.nspname <> 'pg_catalog' AND n.nspname !~ '^pg_toast' AND n.nspname <> 'information_schema' AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2`,
  l: `SELECT d.datname AS "Name", pg_catalog.pg_get_userbyid(d.datdba) AS "Owner", pg_catalog.pg_encoding_to_char(d.encoding) AS "Encoding", d.datcollate AS "Collate", d.datctype AS "Ctype", pg_catalog.array_to_string(d.datacl, E'\\n') AS "Access privileges" FROM pg_catalog.pg_database d ORDER BY 1`,
  columns: (table: string) => `SELECT a.attname AS "Column", pg_catalog.format_type(a.atttypid, a.atttypmod) AS "Type", '' AS "Collation", CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS "Nullable", COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') AS "Default" FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('${table.replace(/'/g, "''")}') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
};

/** Runs one meta-command; returns "quit", "reconnect:<db>", false (failed) or true. */
async function meta(unit: Extract<ScriptUnit, { kind: "meta" }>, session: Session, out: Output, o: PsqlOptions, prefix: string): Promise<boolean | "quit" | string> {
  const listing = async (sql: string, title: string, empty?: string) => {
    const outcome = await session.run(sql);
    const result = outcome.results[0];
    if (outcome.error || !result) {
      out.stderr += formatServerMessage(outcome.error ?? { name: "error", message: "no result" }, sql, prefix);
      return false;
    }
    if (result.rows.length === 0 && empty) {
      out.stderr += `${empty}\n`;
      return true;
    }
    out.stdout += formatResult(result, { ...o.print, title });
    return true;
  };
  switch (unit.command) {
    case "q": case "quit": return "quit";
    case "echo": out.stdout += `${unit.args.join(" ")}\n`; return true;
    case "conninfo":
      out.stdout += session.target.host
        ? `You are connected to database "${session.database}" as user "${session.user}" on host "${session.target.host}" at port "${session.target.port}".\n`
        : `You are connected to database "${session.database}" as user "${session.user}" via socket in "/var/run/postgresql" at port "${session.target.port}".\n`;
      return true;
    case "c": case "connect": return `reconnect:${unit.args[0] ?? session.database}`;
    case "dt": case "dt+": return listing(META_QUERIES.dt, "List of relations", "Did not find any relations.");
    case "l": case "l+": case "list": return listing(META_QUERIES.l, "List of databases");
    case "d": case "d+":
      if (unit.args[0]) {
        const name = unit.args[0];
        const found = await session.run(`SELECT to_regclass('${name.replace(/'/g, "''")}')::text`);
        const qualified = found.results[0]?.rows[0]?.[0];
        if (!qualified) {
          out.stderr += `Did not find any relation named "${name}".\n`;
          return false;
        }
        return listing(META_QUERIES.columns(name), `Table "${qualified.includes(".") ? qualified : `public.${qualified}`}"`);
      }
      return listing(META_QUERIES.d, "List of relations", "Did not find any relations.");
    default:
      out.stderr += `${prefix}invalid command \\${unit.command}\nTry \\? for help.\n`;
      return false;
  }
}

/** psql's SendQuery: prints every result of one query string; false when the server reported an error. */
async function sendQuery(sql: string, session: Session, out: Output, o: PsqlOptions, prefix: string): Promise<boolean> {
  if (o.echoQueries) out.stdout += `${sql}\n`;
  const outcome = await session.run(sql);
  for (const notice of outcome.notices) out.stderr += formatServerMessage(notice, sql, prefix).split("\n").slice(0, 1).join("\n") + "\n";
  for (const result of outcome.results) out.stdout += formatResult(result, o.print);
  if (outcome.error) {
    out.stderr += formatServerMessage(outcome.error, sql, prefix);
    return false;
  }
  return true;
}

export const psql: Tool = {
  readsStdin(argv) {
    const parsed = parse(argv);
    if ("exitCode" in parsed) return false;
    return parsed.actions.length === 0 || parsed.actions.some((a) => a.kind === "file" && a.path === "-");
  },

  async run(invocation: ToolInvocation): Promise<ToolResult> {
    const parsed = parse(invocation.argv);
    if ("exitCode" in parsed) return parsed;
    const o = parsed;
    const env = invocation.env;
    const local = localPostgres(invocation);
    const user = o.user ?? env.PGUSER ?? (local ? "postgres" : "root");
    const target: PgTarget = {
      host: o.host ?? env.PGHOST,
      port: Number(o.port ?? env.PGPORT) || 5432,
      user,
      database: o.database ?? env.PGDATABASE ?? user,
      password: env.PGPASSWORD,
      connectTimeoutMs: env.PGCONNECT_TIMEOUT ? Number(env.PGCONNECT_TIMEOUT) * 1000 : undefined,
    };
    const out = new Output();
    const stdinText = invocation.stdin?.toString("utf8") ?? "";
    const actions: Action[] = o.actions.length > 0 ? o.actions : [{ kind: "file", path: "-" }];
    let exitCode = 0;

    let current: PgTarget = target;
    for (;;) {
      let reconnectTo: string | undefined;
      const connected = await pgConnect(invocation.sim, invocation.pod, local, current, async (run) => {
        const session: Session = { run, database: current.database, user: current.user, target: current };
        while (actions.length > 0) {
          const action = actions.shift()!;
          if (action.kind === "command") {
            const trimmed = action.text.trim();
            if (trimmed.startsWith("\\")) {
              const [unit] = splitScript(trimmed);
              const result = unit?.kind === "meta" ? await meta(unit, session, out, o, "") : false;
              if (result === "quit") return;
              if (typeof result === "string") { reconnectTo = result.slice("reconnect:".length); return; }
              exitCode = result ? 0 : 1;
            } else {
              exitCode = (await sendQuery(action.text, session, out, o, "")) ? 0 : 1;
            }
            if (exitCode !== 0 && o.onErrorStop) return;
            continue;
          }
          const fromStdin = action.path === "-";
          const text = fromStdin ? stdinText : invocation.sim && readContainerFile(invocation, action.path);
          if (text === undefined) {
            out.stderr += `psql: error: ${action.path}: No such file or directory\n`;
            exitCode = 1;
            if (o.onErrorStop) return;
            continue;
          }
          const name = fromStdin ? "<stdin>" : action.path;
          exitCode = 0;
          for (const unit of splitScript(text)) {
            const prefix = fromStdin && o.actions.length === 0 ? `psql:<stdin>:${unit.line}: ` : `psql:${name}:${unit.line}: `;
            if (unit.kind === "meta") {
              const result = await meta(unit, session, out, o, prefix);
              if (result === "quit") return;
              if (typeof result === "string") { reconnectTo = result.slice("reconnect:".length); return; }
              if (!result && o.onErrorStop) { exitCode = 3; return; }
              continue;
            }
            const ok = await sendQuery(unit.text, session, out, o, prefix);
            if (!ok && o.onErrorStop) { exitCode = 3; return; }
          }
        }
      });
      if (!connected.ok) {
        out.stderr += `psql: error: ${connected.failure.message}\n`;
        return { stdout: out.stdout, stderr: out.stderr, exitCode: 2 };
      }
      if (reconnectTo === undefined) break;
      current = { ...current, database: reconnectTo };
      out.stdout += `You are now connected to database "${reconnectTo}" as user "${current.user}".\n`;
    }
    return { stdout: out.stdout, stderr: out.stderr, exitCode };
  },
};

function readContainerFile(invocation: ToolInvocation, file: string): string | undefined {
  const runtime = invocation.sim.runtimeOf(invocation.pod);
  return runtime?.containers.get(invocation.container)?.ctx.files.read(file.startsWith("/") ? file : `/${file}`);
}
