import { describe, expect, it } from "vitest";
import type { ToolInvocation } from "../tools/types";
import { InitContainerRun, UnsupportedScript } from "./init-script";

function run(command: string[], env: Record<string, string> = {}) {
  let out = "";
  let err = "";
  const init = new InitContainerRun(command, env, () => ({}) as Omit<ToolInvocation, "argv">, (stdout, stderr) => {
    out += stdout;
    err += stderr;
  });
  return { init, output: () => ({ out, err }) };
}

describe("init containers emulated from their command", () => {
  it("runs echo lines with the container's env expanded, quoted or not", async () => {
    const { init, output } = run(["sh", "-c", 'echo "waiting for ${DATABASE_HOST}:${DATABASE_PORT}"\necho $DATABASE_USER \'$NOT\'; echo -n x'],
      { DATABASE_HOST: "db", DATABASE_PORT: "5432", DATABASE_USER: "postgres" });
    expect(await init.advance()).toEqual({ state: { kind: "done", exitCode: 0 } });
    expect(output().out).toBe("waiting for db:5432\npostgres $NOT\nx");
  });

  it("stays in an until loop whose condition fails, and does not repeat what ran before it", async () => {
    const { init, output } = run(["sh", "-c", "echo start\nuntil false; do\n  sleep 2\ndone\necho never"]);
    expect((await init.advance()).state).toEqual({ kind: "waiting" });
    expect((await init.advance()).state).toEqual({ kind: "waiting" });
    expect(output().out).toBe("start\n");
  });

  it("ends with the script's exit code", async () => {
    expect((await run(["sh", "-c", "echo a; exit 3; echo b"]).init.advance()).state).toEqual({ kind: "done", exitCode: 3 });
    expect((await run(["false"]).init.advance()).state).toEqual({ kind: "done", exitCode: 1 });
    expect((await run([]).init.advance()).state).toEqual({ kind: "done", exitCode: 0 });
  });

  it("says what it cannot emulate", async () => {
    expect(() => run(["sh", "-c", "cat /etc/hosts | grep db"])).toThrow(UnsupportedScript);
    const { init, output } = run(["sh", "-c", "nslookup db"]);
    expect((await init.advance()).state).toEqual({ kind: "done", exitCode: 0 });
    expect(output().err).toContain("podsim: cannot emulate `nslookup` in an init container");
  });
});
