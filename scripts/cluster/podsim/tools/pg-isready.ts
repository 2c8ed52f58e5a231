// pg_isready: "<host>:<port> - accepting connections" (0), "rejecting connections" (1),
// "no response" (2), "no attempt" (3). It does not authenticate; -t bounds the wait (default 3 s).
import { pgConnect } from "../postgres/client";
import { localPostgres } from "./local-postgres";
import { expandShortOptions, splitInlineValue, type Tool } from "./types";

export const pgIsReady: Tool = {
  async run(invocation) {
    const args = expandShortOptions(invocation.argv, new Set(["-h", "-p", "-U", "-d", "-t"]));
    let host = invocation.env.PGHOST;
    let port = invocation.env.PGPORT ?? "5432";
    let timeout = "3";
    let quiet = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const [name, inline] = splitInlineValue(arg);
      const value = () => inline ?? args[++i];
      switch (name) {
        case "-h": case "--host": host = value(); break;
        case "-p": case "--port": port = value() ?? "5432"; break;
        case "-t": case "--timeout": timeout = value() ?? "3"; break;
        case "-q": case "--quiet": quiet = true; break;
        case "-U": case "--username": case "-d": case "--dbname": value(); break;
        case "-V": case "--version": return { stdout: "pg_isready (PostgreSQL) 15.8\n", stderr: "", exitCode: 0 };
        default:
          return { stdout: "", stderr: `pg_isready: error: invalid option -- '${name.replace(/^-+/, "")}'\npg_isready: hint: Try "pg_isready --help" for more information.\n`, exitCode: 3 };
      }
    }
    if (!/^\d+$/.test(port)) return { stdout: "", stderr: "", exitCode: 3 };
    const where = host ? `${host}:${port}` : `/var/run/postgresql:${port}`;
    const timeoutMs = Number(timeout) > 0 ? Number(timeout) * 1000 : undefined;
    const result = await pgConnect(invocation.sim, invocation.pod, localPostgres(invocation), {
      host, port: Number(port), user: "postgres", database: "postgres", connectTimeoutMs: timeoutMs, probeOnly: true,
    }, async () => undefined);
    const accepting = result.ok;
    const status = accepting ? { code: 0, text: "accepting connections" } : { code: 2, text: "no response" };
    return { stdout: quiet ? "" : `${where} - ${status.text}\n`, stderr: "", exitCode: status.code };
  },
};
