// nginx serving a parsed configuration: the servers' listen ports, location choice, `return`,
// static roots, and proxy_pass through the pod network (502/504 like nginx on upstream errors).
import path from "node:path";
import { errorText } from "../log";
import type { ContainerContext, HttpRequest } from "../personalities/types";
import { chooseLocation, directive, parseDuration, parseNginx, serversOf, type Directive, type Server } from "./config";

export type StaticRoot = (root: string, uri: string) => { status: number; body: string; type: string } | undefined;

const REASONS: Record<number, string> = {
  200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Moved Temporarily", 304: "Not Modified",
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed", 500: "Internal Server Error",
  502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out",
};
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "server", "date", "content-length"]);

export const IMAGE_MAIN_CONF = `worker_processes auto;
pid /tmp/nginx.pid;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log /var/log/nginx/access.log main;
  keepalive_timeout 65;
  include /etc/nginx/conf.d/*.conf;
}
`;

export function imageDefaultSite(port: number): string {
  return `server {
    listen       ${port};
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;
}

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const imageHtmlRoot: StaticRoot = (root, uri) => {
  if (root !== "/usr/share/nginx/html") return undefined;
  if (uri === "/" || uri === "/index.html") return { status: 200, body: WELCOME, type: "text/html" };
  if (uri === "/50x.html") return { status: 200, body: "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>An error occurred.</h1></body></html>\n", type: "text/html" };
  return undefined;
};

/** Replaces `include` directives by the directives of the files they match (mime.types ignored). */
function expandIncludes(directives: Directive[], files: Map<string, string>, depth: number): Directive[] {
  const out: Directive[] = [];
  for (const d of directives) {
    if (d.name !== "include") {
      out.push(d);
      continue;
    }
    const pattern = d.args[0] ?? "";
    if (pattern.endsWith("mime.types")) continue;
    const dir = path.posix.dirname(pattern);
    const regex = new RegExp(`^${path.posix.basename(pattern).replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
    const matches = [...files.keys()].filter((f) => path.posix.dirname(f) === dir && regex.test(path.posix.basename(f))).sort();
    if (matches.length === 0 && !pattern.includes("*")) throw new Error(`open() "${pattern}" failed (2: No such file or directory) in ${d.file}:${d.line}`);
    for (const file of matches) {
      const parsed = parseNginx(files.get(file) ?? "", file);
      out.push(...(depth < 4 ? expandIncludes(parsed, files, depth + 1) : parsed));
    }
  }
  return out;
}

export class NginxSite {
  private servers: Server[] = [];
  private http: Directive[] = [];
  /** the `nginx: [emerg] ...` line when the configuration does not load */
  error: string | undefined;
  private fingerprint = "";

  constructor(
    private readonly ctx: ContainerContext,
    private readonly sources: () => Map<string, string>,
    private readonly staticRoot: StaticRoot,
    readonly version: string,
  ) {}

  /** (Re)loads the configuration; returns true when it changed. */
  load(): boolean {
    const files = this.sources();
    const fingerprint = JSON.stringify([...files].sort());
    if (fingerprint === this.fingerprint) return false;
    this.fingerprint = fingerprint;
    try {
      const main = parseNginx(files.get("/etc/nginx/nginx.conf") ?? IMAGE_MAIN_CONF, "/etc/nginx/nginx.conf");
      this.http = expandIncludes(directive(main, "http")?.block ?? [], files, 0);
      this.servers = serversOf(this.http);
      this.error = undefined;
    } catch (error) {
      this.servers = [];
      this.error = `nginx: [emerg] ${errorText(error)}`;
    }
    return true;
  }

  ports(): number[] {
    return [...new Set(this.servers.flatMap((s) => s.ports))];
  }

  private setting(name: string, ...levels: Directive[][]): Directive | undefined {
    for (const level of levels) {
      const found = directive(level, name);
      if (found) return found;
    }
    return undefined;
  }

  private page(status: number): string {
    const title = `${status} ${REASONS[status] ?? ""}`;
    return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${this.version}</center>\r\n</body>\r\n</html>\r\n`;
  }

  private send(request: HttpRequest, status: number, body: string | Buffer, headers: Record<string, string>, accessLog: boolean): void {
    const payload = typeof body === "string" ? Buffer.from(body) : body;
    request.res.writeHead(status, REASONS[status] ?? "", { server: `nginx/${this.version}`, date: new Date().toUTCString(), "content-length": String(payload.length), ...headers });
    request.res.end(request.req.method === "HEAD" ? undefined : payload);
    if (accessLog) {
      const time = new Date().toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, "$1/$2/$3:$4 +0000");
      const agent = request.req.headers["user-agent"] ?? "-";
      this.ctx.log.stdout(`${request.peer} - - [${time}] "${request.req.method} ${request.req.url} HTTP/${request.req.httpVersion}" ${status} ${payload.length} "-" "${agent}" "-"`);
    }
  }

  async handle(port: number, request: HttpRequest): Promise<void> {
    const server = this.servers.find((s) => s.ports.includes(port));
    const uri = decodeURIComponent(new URL(request.req.url ?? "/", "http://nginx").pathname);
    if (!server) return this.send(request, 404, this.page(404), { "content-type": "text/html" }, true);
    const location = chooseLocation(server, uri);
    const levels = [location?.directives ?? [], server.directives, this.http];
    const accessLog = this.setting("access_log", ...levels)?.args[0] !== "off";
    const defaultType = this.setting("default_type", ...levels)?.args[0] ?? "text/plain";
    const extraHeaders: Record<string, string> = {};
    for (const d of (location?.directives ?? []).filter((x) => x.name === "add_header")) {
      if (d.args[0] && d.args[1] !== undefined) extraHeaders[d.args[0].toLowerCase()] = d.args[1];
    }
    if (!location) return this.send(request, 404, this.page(404), { "content-type": "text/html" }, accessLog);

    const ret = directive(location.directives, "return");
    if (ret) {
      const code = Number(ret.args[0]);
      const value = ret.args[1];
      if (!Number.isInteger(code)) return this.send(request, 302, this.page(302), { location: ret.args[0] ?? "/", "content-type": "text/html" }, accessLog);
      if ([301, 302, 303, 307, 308].includes(code)) return this.send(request, code, this.page(code), { location: value ?? "/", "content-type": "text/html" }, accessLog);
      if (value === undefined) return this.send(request, code, code >= 400 ? this.page(code) : "", { "content-type": "text/html" }, accessLog);
      const text = value.replace(/\$request_uri/g, request.req.url ?? "/").replace(/\$uri/g, uri).replace(/\$remote_addr/g, request.peer);
      return this.send(request, code, text, { "content-type": defaultType, ...extraHeaders }, accessLog);
    }

    const proxy = directive(location.directives, "proxy_pass");
    if (proxy?.args[0]) return this.proxy(request, proxy.args[0], location.path, levels, accessLog);

    const root = this.setting("root", ...levels)?.args[0] ?? "/etc/nginx/html";
    const content = this.staticRoot(root, uri) ?? (uri.endsWith("/") ? this.staticRoot(root, `${uri}index.html`) : undefined);
    if (content) return this.send(request, content.status, content.body, { "content-type": content.type, ...extraHeaders }, accessLog);
    return this.send(request, 404, this.page(404), { "content-type": "text/html" }, accessLog);
  }

  private async proxy(request: HttpRequest, target: string, locationPath: string, levels: Directive[][], accessLog: boolean): Promise<void> {
    let upstream: URL;
    try {
      upstream = new URL(target);
    } catch {
      return this.send(request, 500, this.page(500), { "content-type": "text/html" }, accessLog);
    }
    const original = new URL(request.req.url ?? "/", "http://nginx");
    const hasUri = upstream.pathname !== "/" || target.replace(/^[a-z]+:\/\/[^/]+/, "") === "/";
    const pathname = hasUri ? upstream.pathname + original.pathname.slice(locationPath.length) : original.pathname;
    const url = new URL(`${upstream.protocol}//${upstream.host}${pathname}${original.search}`);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.req.headers)) {
      if (typeof value === "string" && !HOP_BY_HOP.has(key) && key !== "host") headers[key] = value;
    }
    const result = await this.ctx.sim.http({
      source: this.ctx.pod(), url, method: request.req.method, headers, body: request.body.length > 0 ? request.body : undefined,
      connectTimeoutMs: parseDuration(this.setting("proxy_connect_timeout", ...levels)?.args[0], 60_000),
      timeoutMs: parseDuration(this.setting("proxy_connect_timeout", ...levels)?.args[0], 60_000) + parseDuration(this.setting("proxy_read_timeout", ...levels)?.args[0], 60_000),
    });
    if (result.kind === "response") {
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(result.headers)) {
        if (!HOP_BY_HOP.has(key) && value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
      }
      return this.send(request, result.status, result.body, out, accessLog);
    }
    const status = result.kind === "timeout" ? 504 : 502;
    const what = result.kind === "timeout" ? "upstream timed out (110: Connection timed out) while connecting to upstream"
      : result.kind === "unresolvable" ? `${url.hostname} could not be resolved (3: Host not found)`
        : "connect() failed (111: Connection refused) while connecting to upstream";
    this.ctx.log.stderr(`${new Date().toISOString().slice(0, 19).replace("T", " ").replace(/-/g, "/")} [error] 21#21: *1 ${what}, client: ${request.peer}, server: , request: "${request.req.method} ${request.req.url} HTTP/1.1", upstream: "${target}"`);
    return this.send(request, status, this.page(status), { "content-type": "text/html" }, accessLog);
  }
}

export function nginxStartupLines(version: string): string[] {
  const stamp = new Date().toISOString().slice(0, 19).replace("T", " ").replace(/-/g, "/");
  return [
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
    `${stamp} [notice] 1#1: using the "epoll" event method`,
    `${stamp} [notice] 1#1: nginx/${version}`,
    `${stamp} [notice] 1#1: OS: Linux (podsim)`,
    `${stamp} [notice] 1#1: start worker processes`,
    `${stamp} [notice] 1#1: start worker process 21`,
  ];
}
