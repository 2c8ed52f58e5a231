// Ingress rules -> ingress-nginx's routing, pure: servers per host, locations as the controller
// writes them (internal/ingress/controller/location.go, template.go: buildLocation,
// buildProxyPass), and nginx's choice of location for a request, with rewrite-target.
import type { V1Ingress, V1IngressBackend, V1IngressClass } from "@kubernetes/client-node";

export const CONTROLLER = "k8s.io/ingress-nginx";
const ANNOTATION = "nginx.ingress.kubernetes.io/";
const DEFAULT_SERVER = "_";

export interface Backend {
  namespace: string;
  service: string;
  port: { number?: number; name?: string };
}

export interface Location {
  path: string;
  pathType: "Exact" | "Prefix" | "ImplementationSpecific";
  ingress: string;
  backend: Backend;
  annotations: Record<string, string>;
}

export interface Server {
  host: string;
  locations: Location[];
  /** use-regex or rewrite-target on any of the host's Ingresses: every location is a `~*` regex */
  regex: boolean;
}

export interface Route {
  location: Location;
  /** the path sent upstream (rewritten by rewrite-target) */
  upstreamPath: string;
}

const annotation = (location: Pick<Location, "annotations">, name: string) => location.annotations[`${ANNOTATION}${name}`];
const rewriteTarget = (location: Location) => annotation(location, "rewrite-target");
const needsRewrite = (location: Location) => Boolean(rewriteTarget(location)) && rewriteTarget(location) !== location.path;
const usesRegex = (location: Location) => annotation(location, "use-regex") === "true";

/** Ingresses this controller serves: its IngressClasses' (or the legacy annotation's) and class-less ones. */
export function servedBy(ingress: V1Ingress, classes: readonly V1IngressClass[]): boolean {
  const className = ingress.spec?.ingressClassName ?? ingress.metadata?.annotations?.["kubernetes.io/ingress.class"];
  if (!className) return true;
  return classes.some((c) => c.metadata?.name === className && c.spec?.controller === CONTROLLER);
}

function backendOf(namespace: string, backend: V1IngressBackend | undefined): Backend | undefined {
  const service = backend?.service;
  if (!service?.name) return undefined;
  return { namespace, service: service.name, port: { number: service.port?.number, name: service.port?.name } };
}

const created = (ingress: V1Ingress) => new Date(ingress.metadata?.creationTimestamp ?? 0).getTime();

/** The controller's servers: one per host, the host-less rules in the default server "_". */
export function buildServers(ingresses: readonly V1Ingress[]): Map<string, Server> {
  const servers = new Map<string, Server>();
  const serverFor = (host: string) => servers.get(host) ?? servers.set(host, { host, locations: [], regex: false }).get(host)!;
  // on conflicting paths the oldest Ingress wins, as in ingress-nginx
  const ordered = [...ingresses].sort((a, b) => created(a) - created(b) ||
    `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
  for (const ingress of ordered) {
    const namespace = ingress.metadata?.namespace ?? "";
    const name = `${namespace}/${ingress.metadata?.name}`;
    const annotations = ingress.metadata?.annotations ?? {};
    const add = (host: string, location: Omit<Location, "ingress" | "annotations">) => {
      const server = serverFor(host);
      if (server.locations.some((l) => l.path === location.path && l.pathType === location.pathType)) return;
      server.locations.push({ ...location, ingress: name, annotations });
    };
    const rules = ingress.spec?.rules ?? [];
    for (const rule of rules) {
      for (const p of rule.http?.paths ?? []) {
        const backend = backendOf(namespace, p.backend);
        if (backend) add(rule.host ?? DEFAULT_SERVER, { path: p.path || "/", pathType: (p.pathType as Location["pathType"]) ?? "ImplementationSpecific", backend });
      }
    }
    const fallback = backendOf(namespace, ingress.spec?.defaultBackend);
    if (fallback) {
      const hosts = rules.length > 0 ? rules.map((r) => r.host ?? DEFAULT_SERVER) : [DEFAULT_SERVER];
      for (const host of hosts) add(host, { path: "/", pathType: "Prefix", backend: fallback });
    }
  }
  for (const server of servers.values()) {
    server.locations = withExactCopies(server.locations);
    server.regex = server.locations.some((l) => needsRewrite(l) || usesRegex(l));
    // longest path first (ties: reverse lexical), the order nginx tries regex locations in
    server.locations.sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
    server.locations.sort((a, b) => b.path.length - a.path.length);
  }
  return servers;
}

/** A Prefix path /p becomes the locations /p/ and = /p (location.go: updateServerLocations). */
function withExactCopies(locations: Location[]): Location[] {
  const exact = new Set(locations.filter((l) => l.pathType === "Exact").map((l) => l.path));
  return locations.flatMap((l) => {
    if (l.path === "/" || l.pathType !== "Prefix" || needsRewrite(l) || usesRegex(l)) return [l];
    const prefix = { ...l, path: l.path.endsWith("/") ? l.path : `${l.path}/` };
    return exact.has(l.path) ? [prefix] : [prefix, { ...l, pathType: "Exact" as const }];
  });
}

/** nginx's server_name choice: the exact host, then a one-label wildcard, then the default server. */
export function serverFor(servers: Map<string, Server>, hostHeader: string | undefined): Server | undefined {
  const host = (hostHeader ?? "").toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  const exact = servers.get(host);
  if (exact) return exact;
  const dot = host.indexOf(".");
  const wildcard = dot > 0 ? servers.get(`*${host.slice(dot)}`) : undefined;
  return wildcard ?? servers.get(DEFAULT_SERVER);
}

function regexOf(path: string, anchored: boolean): RegExp | undefined {
  try {
    return new RegExp(anchored ? `^${path}` : path, "i");
  } catch {
    return undefined;
  }
}

/** nginx's location choice for a URI, and the URI sent upstream. */
export function route(server: Server | undefined, uri: string): Route | undefined {
  if (!server) return undefined;
  let location: Location | undefined;
  if (server.regex) {
    location = server.locations.find((l) => regexOf(l.path, true)?.test(uri));
  } else {
    location = server.locations.find((l) => l.pathType === "Exact" && l.path === uri) ??
      server.locations.filter((l) => l.pathType !== "Exact" && uri.startsWith(l.path)).sort((a, b) => b.path.length - a.path.length)[0];
  }
  if (!location) return undefined;
  const target = rewriteTarget(location);
  if (!target || !needsRewrite(location)) return { location, upstreamPath: uri };
  // rewrite "(?i)<path>" <target> break;
  const match = regexOf(location.path, false)?.exec(uri);
  return { location, upstreamPath: match ? target.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? "") : uri };
}

/** proxy_redirect <from> <to>: a Location header starting with `from` gets `to` instead. */
export function redirected(location: Location, header: string): string {
  const from = annotation(location, "proxy-redirect-from");
  const to = annotation(location, "proxy-redirect-to");
  if (!from || from === "default" || from === "off" || !to || to === "off" || !header.startsWith(from)) return header;
  return `${to}${header.slice(from.length)}`;
}

/** proxy-connect-timeout / proxy-read-timeout (seconds) with ingress-nginx's defaults, 5 s and 60 s. */
export function timeoutsOf(location: Location): { connectMs: number; readMs: number } {
  const seconds = (name: string, fallback: number) => {
    const value = Number(annotation(location, name));
    return (Number.isFinite(value) && value > 0 ? value : fallback) * 1000;
  };
  return { connectMs: seconds("proxy-connect-timeout", 5), readMs: seconds("proxy-read-timeout", 60) };
}
