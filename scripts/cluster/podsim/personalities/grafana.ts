// grafana/grafana: /login (HTML), /api/health (JSON), / redirects to /login.
import { sendJson, sendText, type PersonalityFactory } from "./types";

export const grafana: PersonalityFactory = (ctx) => {
  const port = Number(ctx.env.GF_SERVER_HTTP_PORT) || 3000;
  const version = ctx.image.tag.replace(/^v/, "") || "11.2.0";
  if (!ctx.log.hasLines) {
    const t = new Date().toISOString();
    ctx.log.stdout(
      `logger=settings t=${t} level=info msg="Starting Grafana" version=${version} commit=podsim branch=HEAD compiled=${t}`,
      `logger=sqlstore t=${t} level=info msg="Connecting to DB" dbtype=sqlite3`,
      `logger=provisioning.datasources t=${t} level=info msg="inserting datasource from configuration" name=Prometheus`,
      `logger=http.server t=${t} level=info msg="HTTP Server Listen" address=[::]:${port} protocol=http subUrl= socket=`,
    );
  }
  return {
    httpPorts: () => [port],
    handle: (_port, { req, res }) => {
      const pathname = new URL(req.url ?? "/", "http://grafana").pathname;
      if (pathname === "/api/health") return sendJson(res, 200, { commit: "podsim", database: "ok", version });
      if (pathname === "/metrics") {
        return sendText(res, 200, `# HELP grafana_build_info A metric with a constant '1' value.\n# TYPE grafana_build_info gauge\ngrafana_build_info{version="${version}"} 1\n`, "text/plain; version=0.0.4; charset=utf-8");
      }
      if (pathname === "/login") {
        return sendText(res, 200, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Grafana</title></head><body class="theme-dark"><div id="reactRoot"></div><script>window.grafanaBootData = {"settings":{"buildInfo":{"version":"${version}"}}};</script></body></html>`, "text/html; charset=UTF-8");
      }
      if (pathname === "/") {
        res.writeHead(302, { location: "/login", "content-type": "text/html; charset=utf-8" });
        return void res.end('<a href="/login">Found</a>.\n\n');
      }
      return sendJson(res, 404, { message: "Not found" });
    },
  };
};
