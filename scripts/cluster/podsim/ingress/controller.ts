// podsim as the cluster's ingress-nginx: one plain-HTTP listener on 127.0.0.1 (the port up.sh
// gives, DAYBOOK_INGRESS_PORT) routing by Host and path (routes.ts) straight to a ready endpoint
// of the backend Service, from a controller pod in namespace ingress-nginx, so NetworkPolicy
// applies as to the real controller. Served Ingresses get status.loadBalancer.ingress 127.0.0.1.
import http from "node:http";
import { NetworkingV1Api, PatchStrategy, setHeaderOptions, type V1Ingress, type V1Pod } from "@kubernetes/client-node";
import { errorText, isNotFound, log } from "../log";
import type { Simulator } from "../sim";
import { buildServers, redirected, route, serverFor, servedBy, timeoutsOf, type Location, type Server } from "./routes";

export const CONTROLLER_NAMESPACE = "ingress-nginx";
const STATUS_IP = "127.0.0.1";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "server", "date", "content-length"]);
const REASONS: Record<number, string> = { 404: "Not Found", 502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out" };

const page = (status: number) =>
  `<html>\r\n<head><title>${status} ${REASONS[status]}</title></head>\r\n<body>\r\n<center><h1>${status} ${REASONS[status]}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** The controller's pod as NetworkPolicy sees it (the Helm chart's labels). */
export function controllerPod(podIp: string): V1Pod {
  return {
    metadata: {
      name: "ingress-nginx-controller", namespace: CONTROLLER_NAMESPACE, uid: "podsim-ingress-nginx-controller",
      labels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/component": "controller" },
    },
    status: { podIP: podIp, podIPs: [{ ip: podIp }] },
  };
}

/** nginx's $uri: decoded, `//` merged, dot segments resolved. */
function normalizedUri(rawUrl: string | undefined): { uri: string; search: string } {
  const url = new URL(rawUrl ?? "/", "http://ingress");
  let uri = url.pathname;
  try {
    uri = decodeURIComponent(uri);
  } catch {
    // nginx keeps a malformed escape as it is
  }
  return { uri: uri.replace(/\/{2,}/g, "/"), search: url.search };
}

export class IngressController {
  private server: http.Server | undefined;
  private servers = new Map<string, Server>();
  private statusTimer: NodeJS.Timeout | undefined;
  private readonly networking;
  private readonly source: V1Pod;

  constructor(private readonly sim: Simulator, private readonly port: number, podIp: string) {
    this.networking = sim.kubeConfig.makeApiClient(NetworkingV1Api);
    this.source = controllerPod(podIp);
    sim.state.onChange((change) => {
      if (change.kind !== "Ingress" && change.kind !== "IngressClass") return;
      this.reload();
      clearTimeout(this.statusTimer);
      this.statusTimer = setTimeout(() => void this.publishStatus(), 100);
    });
  }

  private served(): V1Ingress[] {
    const classes = this.sim.state.ingressClasses.list();
    return this.sim.state.ingresses.list().filter((i) => !i.metadata?.deletionTimestamp && servedBy(i, classes));
  }

  reload(): void {
    this.servers = buildServers(this.served());
  }

  async start(): Promise<void> {
    this.reload();
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => void this.handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        log("ingress request failed", { url: req.url, error: errorText(error) });
        if (!res.headersSent) this.send(res, 502);
        else res.destroy();
      }));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE"
        ? new Error(`the ingress port 127.0.0.1:${this.port} is in use (set DAYBOOK_INGRESS_PORT)`) : error));
      this.server!.listen(this.port, "127.0.0.1", () => resolve());
    });
    await this.publishStatus();
  }

  async stop(): Promise<void> {
    clearTimeout(this.statusTimer);
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private send(res: http.ServerResponse, status: number): void {
    const body = page(status);
    res.writeHead(status, REASONS[status] ?? "", { server: "nginx", date: new Date().toUTCString(), "content-type": "text/html", "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    const { uri, search } = normalizedUri(req.url);
    const matched = route(serverFor(this.servers, req.headers.host), uri);
    if (!matched) return this.send(res, 404);
    const upstream = this.endpoint(matched.location);
    if (!upstream) return this.send(res, 503);
    const { connectMs, readMs } = timeoutsOf(matched.location);
    const host = req.headers.host ?? "";
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && !HOP_BY_HOP.has(key)) headers[key] = value;
    }
    Object.assign(headers, {
      host, "x-real-ip": "127.0.0.1", "x-forwarded-for": "127.0.0.1", "x-forwarded-host": host.replace(/:\d+$/, ""),
      "x-forwarded-port": String(this.port), "x-forwarded-proto": "http", "x-forwarded-scheme": "http", "x-scheme": "http",
    });
    const result = await this.sim.http({
      source: this.source, url: new URL(`http://${upstream.ip}:${upstream.port}${matched.upstreamPath}${search}`),
      method: req.method, headers, body: body.length > 0 ? body : undefined, connectTimeoutMs: connectMs, timeoutMs: connectMs + readMs,
    });
    if (result.kind !== "response") {
      log("ingress upstream failed", { ingress: matched.location.ingress, host, uri, upstream: `${upstream.ip}:${upstream.port}`, failure: result.kind });
      return this.send(res, result.kind === "timeout" ? 504 : 502);
    }
    const out: Record<string, string> = { server: "nginx", date: new Date().toUTCString(), "content-length": String(result.body.length) };
    for (const [key, value] of Object.entries(result.headers)) {
      if (HOP_BY_HOP.has(key) || value === undefined) continue;
      const text = Array.isArray(value) ? value.join(", ") : value;
      out[key] = key === "location" ? redirected(matched.location, text) : text;
    }
    res.writeHead(result.status, result.statusText, out);
    res.end(req.method === "HEAD" ? undefined : result.body);
  }

  /** A ready endpoint of the backend Service (ingress-nginx balances over endpoints, not the ClusterIP). */
  private endpoint(location: Location): { ip: string; port: number } | undefined {
    const { namespace, service: name, port } = location.backend;
    const service = this.sim.state.services.get(namespace, name);
    const servicePort = service?.spec?.ports?.find((p) => (port.number !== undefined ? p.port === port.number : p.name === port.name));
    if (!service || !servicePort) return undefined;
    const chosen = this.sim.network.pickEndpoint(service, servicePort.port);
    const ip = chosen?.pod.status?.podIP;
    return chosen && ip ? { ip, port: chosen.port } : undefined;
  }

  private async publishStatus(): Promise<void> {
    for (const ingress of this.served()) {
      const current = ingress.status?.loadBalancer?.ingress ?? [];
      if (current.length === 1 && current[0]?.ip === STATUS_IP && !current[0].hostname) continue;
      try {
        await this.networking.patchNamespacedIngressStatus({
          name: ingress.metadata?.name ?? "", namespace: ingress.metadata?.namespace ?? "",
          body: { status: { loadBalancer: { ingress: [{ ip: STATUS_IP }] } } },
        }, setHeaderOptions("Content-Type", PatchStrategy.MergePatch));
      } catch (error) {
        if (!isNotFound(error)) log("ingress status update failed", { ingress: `${ingress.metadata?.namespace}/${ingress.metadata?.name}`, error: errorText(error) });
      }
    }
  }
}
