// nginx / nginxinc/nginx-unprivileged: serves the configuration the container sees, i.e. the
// image's files overlaid by its mounts (a ConfigMap at /etc/nginx/conf.d replaces default.conf).
// An edited ConfigMap is picked up at once (the course's sidecar has no reloader; see docs).
import { IMAGE_MAIN_CONF, NginxSite, imageDefaultSite, imageHtmlRoot, nginxStartupLines } from "../nginx/site";
import type { ContainerContext, Personality, PersonalityFactory } from "./types";

export function nginxVersion(tag: string): string {
  return /^\d+\.\d+(\.\d+)?/.exec(tag)?.[0] ?? "1.27.5";
}

class Nginx implements Personality {
  private readonly site: NginxSite;
  private loggedError: string | undefined;

  constructor(private readonly ctx: ContainerContext, defaultPort: number) {
    this.site = new NginxSite(ctx, () => this.sources(defaultPort), imageHtmlRoot, nginxVersion(ctx.image.tag));
    this.site.load();
    if (this.site.error) this.logError();
    else if (!ctx.log.hasLines) ctx.log.stderr(...nginxStartupLines(this.site.version));
  }

  private sources(defaultPort: number): Map<string, string> {
    const files = new Map<string, string>();
    if (!this.ctx.files.isMounted("/etc/nginx")) files.set("/etc/nginx/nginx.conf", IMAGE_MAIN_CONF);
    if (!this.ctx.files.isMounted("/etc/nginx/conf.d")) files.set("/etc/nginx/conf.d/default.conf", imageDefaultSite(defaultPort));
    for (const [file, content] of this.ctx.files.all()) files.set(file, content);
    return files;
  }

  private logError(): void {
    if (this.site.error && this.site.error !== this.loggedError) this.ctx.log.stderr(this.site.error);
    this.loggedError = this.site.error;
  }

  refresh(): void {
    if (!this.site.load()) return;
    if (this.site.error) this.logError();
    else {
      this.loggedError = undefined;
      this.ctx.log.stderr(`${new Date().toISOString().slice(0, 19).replace("T", " ").replace(/-/g, "/")} [notice] 1#1: configuration reloaded`);
    }
  }

  httpPorts(): number[] {
    return this.site.error ? [] : this.site.ports();
  }

  handle = (port: number, request: Parameters<NginxSite["handle"]>[1]) => this.site.handle(port, request);
}

export const nginxUnprivileged: PersonalityFactory = (ctx) => new Nginx(ctx, 8080);
export const nginx: PersonalityFactory = (ctx) => new Nginx(ctx, 80);
