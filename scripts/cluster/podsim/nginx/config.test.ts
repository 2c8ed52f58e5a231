import { describe, expect, it } from "vitest";
import { loadManifests } from "@/lib/pack/manifests";
import { chooseLocation, NginxConfigError, parseDuration, parseNginx, serversOf } from "./config";

const sidecarConf = (loadManifests("k8s-manifests/07-multi-container-pods.yaml").find((o) => o.kind === "ConfigMap")!.data as Record<string, string>)["default.conf"]!;

describe("nginx configuration", () => {
  it("reads the course sidecar's server: listen 8080, the exact /health and the /backend/ proxy", () => {
    const [server] = serversOf(parseNginx(sidecarConf, "default.conf"));
    expect(server!.ports).toEqual([8080]);
    expect(chooseLocation(server!, "/health")?.modifier).toBe("=");
    const health = chooseLocation(server!, "/health")!.directives;
    expect(health.find((d) => d.name === "return")?.args).toEqual(["200", '{"status":"ok","container":"sidecar"}']);
    expect(chooseLocation(server!, "/backend/metrics")?.path).toBe("/backend/");
    expect(chooseLocation(server!, "/healthz")).toBeUndefined();
  });

  it("chooses locations like nginx: exact, then ^~ prefix, then regexes in order, then the longest prefix", () => {
    const [server] = serversOf(parseNginx(`server { listen 80; location / { return 200 root; } location /api/ { return 200 api; }
      location ^~ /static/ { return 200 static; } location ~ \\.php$ { return 200 php; } location = /api/x { return 200 exact; } }`));
    const pick = (uri: string) => chooseLocation(server!, uri)?.directives[0]?.args[1];
    expect(pick("/api/x")).toBe("exact");
    expect(pick("/api/y")).toBe("api");
    expect(pick("/static/a.php")).toBe("static");
    expect(pick("/api/a.php")).toBe("php");
    expect(pick("/other")).toBe("root");
  });

  it("reports syntax errors the way nginx -t words them", () => {
    expect(() => parseNginx("server { listen 8080; location = /health { return 200 'x' }", "default.conf")).toThrow(NginxConfigError);
    expect(() => parseNginx("server { listen 8080; }}", "default.conf")).toThrow(/unexpected "}" in default.conf:1/);
    expect(() => serversOf(parseNginx("server { listen 8080; location / { retrun 200; } }", "d.conf"))).toThrow('unknown directive "retrun" in d.conf:1');
    expect(() => serversOf(parseNginx("server { listen abc:; }", "d.conf"))).toThrow(/invalid port/);
  });

  it("parses listen forms and nginx durations", () => {
    const servers = serversOf(parseNginx("server { listen 127.0.0.1:8081; listen [::]:8082 default_server; } server { listen 3000; }"));
    expect(servers.map((s) => s.ports)).toEqual([[8081, 8082], [3000]]);
    expect(parseDuration("2s", 0)).toBe(2000);
    expect(parseDuration("500ms", 0)).toBe(500);
    expect(parseDuration("1m", 0)).toBe(60_000);
    expect(parseDuration(undefined, 60_000)).toBe(60_000);
  });
});
