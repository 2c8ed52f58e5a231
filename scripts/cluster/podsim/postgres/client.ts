// libpq as seen from a pod: a Unix socket (the container's own server) or TCP through the pod
// network (DNS, Service, NetworkPolicy), with libpq's error messages.
import type { V1Pod } from "@kubernetes/client-node";
import { KERNEL_CONNECT_TIMEOUT_MS, RESOLVER_TIMEOUT_MS } from "../net/http-client";
import type { Simulator } from "../sim";
import type { PostgresServer, SessionWork } from "./server";

export interface PgTarget {
  /** undefined: the Unix socket in /var/run/postgresql */
  host?: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /** libpq connect_timeout (PGCONNECT_TIMEOUT); undefined waits for the kernel */
  connectTimeoutMs?: number;
  /** only find out whether the server accepts connections (pg_isready): no session */
  probeOnly?: boolean;
}

export type PgFailureKind = "unresolvable" | "refused" | "timeout" | "fatal" | "no-password" | "no-socket";

export interface PgFailure {
  kind: PgFailureKind;
  /** libpq's text, e.g. `connection to server at "db" (10.0.0.7), port 5432 failed: Connection refused` */
  message: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const socketPath = (port: number) => `/var/run/postgresql/.s.PGSQL.${port}`;

export async function pgConnect<T>(sim: Simulator, source: V1Pod, localServer: PostgresServer | undefined,
  target: PgTarget, work: SessionWork<T>): Promise<{ ok: true; value: T } | { ok: false; failure: PgFailure }> {
  if (target.host === undefined || target.host.startsWith("/")) {
    const where = `connection to server on socket "${target.host ? `${target.host}/.s.PGSQL.${target.port}` : socketPath(target.port)}" failed`;
    if (!localServer?.accepting || localServer.port !== target.port) {
      return { ok: false, failure: { kind: "no-socket", message: `${where}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?` } };
    }
    if (target.probeOnly) return { ok: true, value: undefined as T };
    const result = await localServer.connect({ user: target.user, database: target.database, local: true }, work);
    return result.ok ? result : { ok: false, failure: { kind: "fatal", message: `${where}: FATAL:  ${result.fatal}` } };
  }

  const connection = sim.network.connect(source, target.host, target.port);
  const timeout = target.connectTimeoutMs;
  switch (connection.kind) {
    case "unresolvable":
      return { ok: false, failure: { kind: "unresolvable", message: `could not translate host name "${target.host}" to address: Name or service not known` } };
    case "dns-timeout":
      await sleep(Math.min(timeout ?? RESOLVER_TIMEOUT_MS, RESOLVER_TIMEOUT_MS));
      return { ok: false, failure: { kind: "unresolvable", message: `could not translate host name "${target.host}" to address: Temporary failure in name resolution` } };
    default:
      break;
  }
  const where = `connection to server at "${target.host}" (${connection.kind === "connected" ? connection.address : connection.address}), port ${target.port} failed`;
  if (connection.kind === "refused") {
    return { ok: false, failure: { kind: "refused", message: `${where}: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?` } };
  }
  if (connection.kind === "dropped") {
    await sleep(timeout ?? KERNEL_CONNECT_TIMEOUT_MS);
    return {
      ok: false,
      failure: { kind: "timeout", message: timeout !== undefined ? `${where}: timeout expired` : `${where}: Connection timed out\n\tIs the server running on that host and accepting TCP/IP connections?` },
    };
  }
  const server = sim.runtimeOf(connection.pod)?.postgres(connection.port);
  if (!server) {
    return { ok: false, failure: { kind: "fatal", message: `${where}: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.` } };
  }
  if (target.probeOnly) return { ok: true, value: undefined as T };
  const result = await server.connect({
    user: target.user, database: target.database, password: target.password,
    local: connection.samePod && connection.address.startsWith("127."),
  }, work);
  if (result.ok) return result;
  return { ok: false, failure: { kind: result.noPassword ? "no-password" : "fatal", message: `${where}: ${result.noPassword ? "" : "FATAL:  "}${result.fatal}` } };
}
