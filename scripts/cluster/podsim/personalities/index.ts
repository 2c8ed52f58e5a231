// Image repository name -> what the container does. The repository is the last path segment
// before the tag, so a team's registry prefix (ghcr.io/acme/ecommerce-backend:v2.0.0) matches.
import { alertmanager } from "./alertmanager";
import { backend } from "./backend";
import { frontend } from "./frontend";
import { grafana } from "./grafana";
import { nginx, nginxUnprivileged } from "./nginx";
import { postgres } from "./postgres";
import { prometheus } from "./prometheus";
import type { ContainerContext, Personality, PersonalityFactory } from "./types";
import { unknownImage } from "./unknown";

const configReloader: PersonalityFactory = (ctx) => {
  if (!ctx.log.hasLines) {
    const dirs = (ctx.container.args ?? []).filter((a) => a.startsWith("--volume-dir=")).map((a) => a.slice("--volume-dir=".length));
    ctx.log.stdout(...dirs.map((d) => `${new Date().toISOString().slice(0, 19).replace("T", " ").replace(/-/g, "/")} Watching directory: "${d}"`));
  }
  return { httpPorts: () => [] };
};

export const PERSONALITIES: Record<string, PersonalityFactory> = {
  "ecommerce-backend": backend,
  "ecommerce-frontend": frontend,
  postgres,
  "nginx-unprivileged": nginxUnprivileged,
  nginx,
  prometheus,
  grafana,
  alertmanager,
  "configmap-reload": configReloader,
};

export function personalityFor(ctx: ContainerContext): Personality {
  return (PERSONALITIES[ctx.image.repository] ?? unknownImage)(ctx);
}
