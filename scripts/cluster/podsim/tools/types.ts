// A command podsim runs for a container (exec'd fake tools, init-container scripts).
import type { V1Pod } from "@kubernetes/client-node";
import type { Simulator } from "../sim";

export interface ToolInvocation {
  sim: Simulator;
  pod: V1Pod;
  container: string;
  argv: string[];
  /** what the caller piped in; undefined when stdin is not connected */
  stdin?: Buffer;
  env: Readonly<Record<string, string>>;
}

export interface ToolResult {
  stdout: string | Buffer;
  stderr: string;
  exitCode: number;
}

export interface Tool {
  /** whether the command reads stdin (psql without -c/-f): the caller sends it before running */
  readsStdin?(argv: string[]): boolean;
  run(invocation: ToolInvocation): Promise<ToolResult>;
}

/** "--name=value" -> ["--name", "value"]; anything else -> [arg, undefined]. */
export function splitInlineValue(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/** Splits POSIX-style clustered short options ("-fsS" -> -f -s -S) given which ones take a value. */
export function expandShortOptions(argv: string[], withValue: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (!/^-[A-Za-z0-9#:]\S+$/.test(arg)) {
      out.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = `-${arg[j]}`;
      if (withValue.has(flag)) {
        const rest = arg.slice(j + 1);
        out.push(flag);
        if (rest) out.push(rest);
        break;
      }
      out.push(flag);
    }
  }
  return out;
}
