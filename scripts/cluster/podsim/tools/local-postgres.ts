// The PostgreSQL server whose Unix socket a container sees: its own (the postgres image).
import type { PostgresServer } from "../postgres/server";
import type { ToolInvocation } from "./types";

export function localPostgres(invocation: ToolInvocation): PostgresServer | undefined {
  return invocation.sim.runtimeOf(invocation.pod)?.containers.get(invocation.container)?.personality.postgres;
}
