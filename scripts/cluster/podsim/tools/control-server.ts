// podsim's control API on 127.0.0.1 (never another address): /healthz for up.sh, and /v1/tool
// for the fake tools exec'd in pods. A token in the pod's Exec env guards it.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { errorText, log } from "../log";
import type { Simulator } from "../sim";
import { TOOLS } from "./index";
import type { ToolResult } from "./types";

interface ToolRequest {
  tool: string;
  argv: string[];
  env: Record<string, string>;
  namespace: string;
  pod: string;
  container: string;
}

const TOOL_CLIENT = fileURLToPath(new URL("./bin/podsim-tool.mjs", import.meta.url));

export class ControlServer {
  readonly token = randomBytes(24).toString("hex");
  private server: http.Server | undefined;
  private readonly waitingForStdin = new Map<string, { request: ToolRequest; timer: NodeJS.Timeout }>();
  ready = false;
  url = "";

  constructor(private readonly sim: Simulator) {}

  /** Puts the tools into $RUN/podsim/bin: links to the native binary, or wrappers that start Node. */
  installTools(binDir: string): void {
    mkdirSync(binDir, { recursive: true });
    const native = this.sim.config.toolBin;
    for (const name of Object.keys(TOOLS)) {
      const file = path.join(binDir, name);
      rmSync(file, { force: true });
      if (native) symlinkSync(native, file);
      else writeFileSync(file, `#!/bin/sh\nexec "${this.sim.config.nodeBin}" "${TOOL_CLIENT}" ${name} "$@"\n`, { mode: 0o755 });
    }
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        log("control request failed", { url: req.url, error: errorText(error) });
        if (!res.headersSent) res.writeHead(500);
        res.end(JSON.stringify({ error: errorText(error) }));
      });
    });
    this.server.requestTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(0, "127.0.0.1", () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.url === "/healthz") {
      res.writeHead(this.ready ? 200 : 503, { "content-type": "text/plain" });
      return void res.end(this.ready ? "ok\n" : "starting\n");
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(401);
      return void res.end("unauthorized\n");
    }
    const body = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
    });
    const stdinMatch = /^\/v1\/tool\/([0-9a-f]+)\/stdin$/.exec(req.url ?? "");
    if (req.method === "POST" && req.url === "/v1/tool") {
      const request = JSON.parse(body.toString("utf8")) as ToolRequest;
      const tool = TOOLS[request.tool];
      if (tool?.readsStdin?.(request.argv)) {
        const id = randomBytes(8).toString("hex");
        const timer = setTimeout(() => this.waitingForStdin.delete(id), 10 * 60_000);
        timer.unref();
        this.waitingForStdin.set(id, { request, timer });
        return this.answer(res, { needsStdin: id });
      }
      return this.answer(res, await this.run(request));
    }
    if (req.method === "POST" && stdinMatch) {
      const waiting = this.waitingForStdin.get(stdinMatch[1]!);
      if (!waiting) return this.answer(res, { stdout: "", stderr: "podsim: unknown tool session\n", exitCode: 126 });
      this.waitingForStdin.delete(stdinMatch[1]!);
      clearTimeout(waiting.timer);
      return this.answer(res, await this.run(waiting.request, body));
    }
    res.writeHead(404);
    res.end("not found\n");
  }

  private answer(res: http.ServerResponse, value: ToolResult | { needsStdin: string }): void {
    const payload = "exitCode" in value
      ? { stdout: Buffer.from(value.stdout).toString("base64"), stderr: value.stderr, exitCode: value.exitCode }
      : value;
    const text = JSON.stringify(payload);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  private async run(request: ToolRequest, stdin?: Buffer): Promise<ToolResult> {
    const tool = TOOLS[request.tool];
    const pod = this.sim.state.pods.get(request.namespace, request.pod);
    const running = pod && this.sim.runtimeOf(pod)?.containers.get(request.container);
    if (!tool || !pod || !running) {
      return { stdout: "", stderr: `${request.tool}: podsim: container ${request.namespace}/${request.pod}/${request.container} is not running\n`, exitCode: 126 };
    }
    return tool.run({ sim: this.sim, pod, container: request.container, argv: request.argv, stdin, env: { ...running.ctx.env, ...request.env } });
  }
}
