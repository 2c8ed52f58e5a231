// What a simulated image does: the ports it serves, its HTTP answers, its logs.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { V1Container, V1Pod } from "@kubernetes/client-node";
import type { ImageRef } from "../pod/image";
import type { ContainerFiles } from "../pod/container-files";
import type { ContainerLog } from "../runtime/container-log";
import type { Simulator } from "../sim";
import type { PodRuntime } from "../runtime/pod-runtime";
import type { PostgresServer } from "../postgres/server";

export interface ContainerContext {
  readonly sim: Simulator;
  readonly runtime: PodRuntime;
  readonly container: V1Container;
  readonly image: ImageRef;
  /** the environment as resolved when the container started */
  readonly env: Readonly<Record<string, string>>;
  /** env names whose value came from a Secret */
  readonly secretEnvNames: ReadonlySet<string>;
  readonly files: ContainerFiles;
  readonly log: ContainerLog;
  pod(): V1Pod;
}

export interface HttpRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** source address: 127.0.0.1 for a port-forward or the pod itself, else the calling pod's IP */
  peer: string;
  body: Buffer;
}

export interface Personality {
  /** resolves when the container finished starting (the pod is not Ready before) */
  readonly ready?: Promise<void>;
  /** HTTP ports served right now */
  httpPorts(): number[];
  /** non-HTTP ports accepting connections (postgres) */
  tcpPorts?(): number[];
  handle?(port: number, request: HttpRequest): Promise<void> | void;
  /** the embedded PostgreSQL of a postgres container */
  readonly postgres?: PostgresServer;
  /** cluster objects changed: re-read mounted files */
  refresh?(): void;
  stop?(): Promise<void>;
}

export type PersonalityFactory = (ctx: ContainerContext) => Personality;

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType = "text/plain; charset=utf-8", headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}
