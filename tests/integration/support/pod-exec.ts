/**
 * Non-interactive `kubectl exec` through the API server (WebSocket), for integration tests.
 *
 *   execInPod(kubeConfig, { namespace, pod, container, command, stdin?, timeoutMs? }): Promise<ExecResult>
 *       Resolves when the API server sends the exec status (or the socket closes) with the
 *       collected stdout/stderr. status.status is "Success", or "Failure" with reason
 *       "NonZeroExitCode" for a non-zero exit (kwok: "InternalError" with "exit status N" in the
 *       message). With `stdin`, it is sent and closed (`kubectl exec -i ... < file`).
 *       Rejects on timeout or a refused upgrade.
 *   exitCodeOf(result): number
 *       0 for Success, else the exit code from the status (ExitCode cause, or kwok's message).
 */
import { PassThrough, Writable } from "node:stream";
import { Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  stdin?: string | Buffer;
  timeoutMs?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  status: V1Status | undefined;
}

function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
}

export async function execInPod(kubeConfig: KubeConfig, request: ExecRequest): Promise<ExecResult> {
  const stdoutChunks: Buffer[] = [];
  const stderrChunks: Buffer[] = [];
  const result = (status: V1Status | undefined): ExecResult => ({
    stdout: Buffer.concat(stdoutChunks).toString("utf8"),
    stderr: Buffer.concat(stderrChunks).toString("utf8"),
    status,
  });

  return new Promise<ExecResult>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`exec ${request.command.join(" ")} timed out`)),
      request.timeoutMs ?? 30_000,
    );
    const finish = (status: V1Status | undefined): void => {
      clearTimeout(timer);
      resolve(result(status));
    };
    new Exec(kubeConfig)
      .exec(
        request.namespace,
        request.pod,
        request.container,
        request.command,
        collector(stdoutChunks),
        collector(stderrChunks),
        stdinStream(request.stdin),
        false,
        (status) => finish(status),
      )
      .then((socket) => socket.on("close", () => setTimeout(() => finish(undefined), 500)))
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}

function stdinStream(stdin: string | Buffer | undefined): PassThrough | null {
  if (stdin === undefined) return null;
  const stream = new PassThrough();
  stream.end(stdin);
  return stream;
}

export function exitCodeOf(result: ExecResult): number {
  const status = result.status;
  if (status?.status === "Success") return 0;
  const cause = status?.details?.causes?.find((c) => c.reason === "ExitCode")?.message;
  if (cause !== undefined) return Number(cause);
  const match = /exit status (\d+)/.exec(status?.message ?? "");
  if (match) return Number(match[1]);
  throw new Error(`no exit code in exec status ${JSON.stringify(status)}`);
}
