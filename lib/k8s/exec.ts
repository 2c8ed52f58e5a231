import "server-only";
import { PassThrough, Writable } from "node:stream";
import { Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";
import { toFailure } from "./errors";
import { logRequest } from "./request-log";
import { failure, ok, type K8sResult } from "./result";

export type ExecRequest = {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  /** Sent on stdin, then stdin is closed (e.g. SQL for psql). */
  stdin?: string;
  timeoutMs?: number;
  /** Output beyond this is dropped (and said so), so a chatty command cannot fill memory. */
  maxOutputBytes?: number;
};

export type ExecOutcome = { exitCode: number; stdout: string; stderr: string; truncated: boolean; status?: V1Status };

function collector(limit: number, state: { bytes: number; truncated: boolean }) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const room = limit - state.bytes;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      if (chunk.length > room) state.truncated = true;
      state.bytes += Math.min(chunk.length, Math.max(room, 0));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

// The ws library reports a refused upgrade as "Unexpected server response: <status>".
function upgradeFailure(error: unknown, req: ExecRequest) {
  const status = /Unexpected server response: (\d+)/.exec(error instanceof Error ? error.message : String(error))?.[1];
  if (status === "400") return failure("invalid", `The API server refused to exec in pod ${req.pod}: container "${req.container}" may not exist there (HTTP 400).`, { status: 400 });
  if (status === "403") return failure("forbidden", `Daybook's identity may not exec into pods in ${req.namespace} (needs get and create on pods/exec).`, { status: 403 });
  if (status === "404") return failure("notFound", `Pod ${req.pod} no longer exists in ${req.namespace}.`, { status: 404 });
  return toFailure(error);
}

/** kubectl's remotecommand status → the process exit code. */
export function exitCodeOf(status: V1Status | undefined): number | undefined {
  if (!status) return undefined;
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  if (cause?.message !== undefined) return Number(cause.message);
  // kwok-based nodes wrap the exit error: InternalError "... exit status 3".
  const wrapped = /exit status (\d+)/.exec(status.message ?? "");
  return wrapped ? Number(wrapped[1]) : 1;
}

/** `kubectl exec POD -c C -- CMD`, non-interactive; resolves when the command ends. */
export async function execInPod(kc: KubeConfig, req: ExecRequest): Promise<K8sResult<ExecOutcome>> {
  const state = { bytes: 0, truncated: false };
  const limit = req.maxOutputBytes ?? 256 * 1024;
  const out = collector(limit, state);
  const err = collector(limit, state);
  const stdin = req.stdin === undefined ? null : new PassThrough();
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: K8sResult<ExecOutcome>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => finish(failure("timeout", `\`${req.command.join(" ")}\` did not finish within ${Math.round((req.timeoutMs ?? 30_000) / 1000)} s.`)), req.timeoutMs ?? 30_000);
    logRequest("EXEC", `${kc.getCurrentCluster()?.server}/api/v1/namespaces/${req.namespace}/pods/${req.pod}/exec`);
    new Exec(kc)
      .exec(req.namespace, req.pod, req.container, req.command, out.stream, err.stream, stdin, false, (status) => {
        const exitCode = exitCodeOf(status) ?? 1;
        finish(ok({ exitCode, stdout: out.text(), stderr: err.text(), truncated: state.truncated, status }));
      })
      .then((socket) => {
        if (stdin) stdin.end(req.stdin);
        // Old servers may close without a status frame; the exit code is then unknown.
        socket.on("close", () => setTimeout(() => finish(failure("server", "The exec stream closed without an exit status.")), 500));
      })
      .catch((error: unknown) => finish(upgradeFailure(error, req)));
  });
}
