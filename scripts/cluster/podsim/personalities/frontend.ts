// ecommerce-frontend (course/images.yaml): a React build behind nginx on PORT (3000) that proxies
// /api/ to BACKEND_URL, as its image's nginx template does after envsubst at start.
import { NginxSite, nginxStartupLines } from "../nginx/site";
import type { ContainerContext, Personality, PersonalityFactory } from "./types";

const INDEX_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><title>E-commerce Store</title><script defer="defer" src="/static/js/main.js"></script><link href="/static/css/main.css" rel="stylesheet"></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`;
const MAIN_JS = `fetch("/api/products").then(r=>r.json()).then(p=>{document.getElementById("root").textContent=p.map(x=>x.name).join(", ")});\n`;

function siteConfig(env: Readonly<Record<string, string>>): string {
  const port = Number(env.PORT) || 3000;
  const api = env.BACKEND_URL ? `  location /api/ {\n    proxy_pass ${env.BACKEND_URL.replace(/\/$/, "")};\n  }\n` : "";
  return `server {\n  listen ${port};\n${api}  location / {\n    root /usr/share/nginx/html;\n    try_files $uri /index.html;\n  }\n}\n`;
}

class Frontend implements Personality {
  private readonly site: NginxSite;

  constructor(ctx: ContainerContext) {
    const files = new Map([["/etc/nginx/conf.d/default.conf", siteConfig(ctx.env)]]);
    this.site = new NginxSite(ctx, () => files, (root, uri) => {
      if (root !== "/usr/share/nginx/html") return undefined;
      if (uri === "/static/js/main.js") return { status: 200, body: MAIN_JS, type: "application/javascript" };
      if (uri === "/static/css/main.css") return { status: 200, body: "body{font-family:sans-serif}\n", type: "text/css" };
      return { status: 200, body: INDEX_HTML, type: "text/html" };
    }, "1.27.2");
    this.site.load();
    if (!ctx.log.hasLines) ctx.log.stderr(...nginxStartupLines(this.site.version));
  }

  httpPorts(): number[] {
    return this.site.error ? [] : this.site.ports();
  }

  handle = (port: number, request: Parameters<NginxSite["handle"]>[1]) => this.site.handle(port, request);
}

export const frontend: PersonalityFactory = (ctx) => new Frontend(ctx);
