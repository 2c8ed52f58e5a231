// The part of autocannon 9 (an untyped CommonJS package) that lib/load uses: its options, its HTTP
// client's events and the instance's stop().
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export interface AutocannonClient extends EventEmitter {
    opts: { hostname: string; port: number };
  }

  export interface AutocannonOptions {
    url: string | string[];
    connections: number;
    duration: number;
    pipelining?: number;
    timeout?: number;
    sampleInt?: number;
    headers?: Record<string, string>;
    setupClient?: (client: AutocannonClient) => void;
  }

  export interface AutocannonInstance extends EventEmitter {
    stop(): void;
  }

  export default function autocannon(opts: AutocannonOptions, cb: (error: Error | null, result: unknown) => void): AutocannonInstance;
}
