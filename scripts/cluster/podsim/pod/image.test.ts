import { describe, expect, it } from "vitest";
import { parseImage } from "./image";

describe("image repository names (what picks a personality)", () => {
  it("takes the last path segment before the tag, whatever the registry", () => {
    expect(parseImage("ecommerce-backend:v1.0.0")).toEqual({ repository: "ecommerce-backend", tag: "v1.0.0" });
    expect(parseImage("ghcr.io/acme/ecommerce-backend:v2.0.0")).toEqual({ repository: "ecommerce-backend", tag: "v2.0.0" });
    expect(parseImage("registry.local:5000/team-a/ecommerce-frontend:v1")).toEqual({ repository: "ecommerce-frontend", tag: "v1" });
    expect(parseImage("nginxinc/nginx-unprivileged:1.27-alpine")).toEqual({ repository: "nginx-unprivileged", tag: "1.27-alpine" });
    expect(parseImage("prom/prometheus@sha256:abc")).toEqual({ repository: "prometheus", tag: "latest" });
    expect(parseImage("postgres")).toEqual({ repository: "postgres", tag: "latest" });
  });
});
