import { describe, expect, it } from "vitest";
import type { HttpProbe } from "@/lib/k8s/http-probe";
import { failure, type K8sResult } from "@/lib/k8s/result";
import type { HttpAnswer } from "@/lib/k8s/http-probe";
import { NS, answer, courseCheck, evidenceOf, forbidden, recordedCluster } from "./__fixtures__/recorded";
import { http } from "./http";

// kwok pods serve nothing, so the answers are written as the course's apps send them (FastAPI JSON, nginx HTML).
const HEALTH = '{"status":"healthy"}';
const PRODUCTS = '[{"id":1,"name":"Laptop","description":"High-performance laptop","price":999.99,"category":"Electronics"},{"id":2,"name":"Mouse","description":"Wireless mouse","price":29.99,"category":"Electronics"},{"id":3,"name":"Keyboard","description":"Mechanical keyboard","price":79.99,"category":"Electronics"}]';
const INDEX = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>E-commerce</title></head>\n<body><div id="root"></div></body>\n</html>\n';

type Http = (probe: HttpProbe) => K8sResult<HttpAnswer>;
const run = async (check: Parameters<typeof http.fetch>[1], serve: Http, pods = "day03-pods") => {
  const probes: HttpProbe[] = [];
  const f = await http.fetch(recordedCluster({ Service: "services", Pod: pods }, (p) => (probes.push(p), serve(p))), check);
  return { v: http.evaluate(f, check), probes };
};

describe("http", () => {
  const health = courseCheck("http", "d05-s1", "backend-health");
  const products = courseCheck("http", "d05-s1", "backend-products");

  it("passes through a port-forward to a backend pod's target port, saying which path it took", async () => {
    const { v, probes } = await run(health, () => answer(200, HEALTH));
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ namespace: NS, port: 8000, path: "/health" });
    expect(v).toMatchObject({ status: "pass", actual: "HTTP 200 in 12 ms", via: `port-forward to pod/${probes[0]!.pod}:8000` });
    expect(evidenceOf(v, "HTTP through a port-forward")).toBe(`$ kubectl port-forward -n ${NS} service/ecommerce-backend-service 8080:8000   # pod/${probes[0]!.pod}:8000\n$ curl -i http://localhost:8080/health\nHTTP/1.1 200\ncontent-type: application/json\ncontent-length: 20\n\n${HEALTH}\n(12 ms)`);
  });

  it("fails on another status, showing the body", async () => {
    const { v } = await run(health, () => answer(503, '{"detail":"database unavailable"}'));
    expect(v).toMatchObject({ status: "fail", actual: "HTTP 503" });
    expect(evidenceOf(v, "HTTP through a port-forward")).toContain('{"detail":"database unavailable"}');
  });

  it("checks the body: the products list must name the seeded Laptop", async () => {
    expect((await run(products, () => answer(200, PRODUCTS))).v.status).toBe("pass");
    expect((await run(products, () => answer(200, "[]"))).v).toMatchObject({ status: "fail", actual: 'HTTP 200, but the body lacks "Laptop"' });
  });

  it("serves the frontend's HTML", async () => {
    const { v } = await run(courseCheck("http", "d05-s1", "frontend-loads"), () => answer(200, INDEX, "text/html"));
    expect(v.status).toBe("pass");
  });

  it("fails when the answer is slower than the course allows", async () => {
    const { v } = await run(courseCheck("http", "d05-s2", "products-latency"), () => answer(200, PRODUCTS, "application/json", 1450));
    expect(v).toMatchObject({ status: "fail", actual: "took 1450 ms (p95 of 1)" });
  });

  it("sends the parallel requests the course asks for, and fails if one of them fails", async () => {
    const parallel = courseCheck("http", "d05-s2", "products-concurrent");
    let n = 0;
    const { v, probes } = await run(parallel, () => (++n === 7 ? answer(500, '{"detail":"Internal Server Error"}') : answer(200, PRODUCTS, "application/json", 10 + n)));
    expect(probes).toHaveLength(10);
    expect(v).toMatchObject({ status: "fail", actual: "HTTP 500" });
    n = 0;
    expect((await run(parallel, () => answer(200, PRODUCTS, "application/json", 10 + ++n))).v).toMatchObject({ status: "pass", actual: "HTTP 200 in p95 20 ms over 10 requests" });
  });

  it("fails when no pod behind the Service is running (the recorded database pod is Pending)", async () => {
    const check = { ...health, service: "ecommerce-database-service", port: 5432 };
    const { v, probes } = await run(check, () => answer(200, ""));
    expect(probes).toHaveLength(0);
    expect(v).toMatchObject({ status: "fail", actual: "no running pod behind Service ecommerce-database-service (selector app=ecommerce,component=database)" });
  });

  it("fails when the port-forward cannot connect; is an error when it is forbidden", async () => {
    const refused = await run(health, () => failure("unreachable", "error forwarding port 8000 to pod: connection refused"));
    expect(refused.v).toMatchObject({ status: "fail", actual: "error forwarding port 8000 to pod: connection refused" });
    expect((await run(health, () => forbidden())).v.status).toBe("error");
  });

  it("fails, without waiting, when the Service does not exist", async () => {
    const { v } = await run({ ...health, service: "ecommerce-prod-backend" }, () => answer(200, HEALTH));
    expect(v).toMatchObject({ status: "fail", final: true, actual: `Service ecommerce-prod-backend not found in ${NS}` });
    expect(evidenceOf(v, "kubectl get service ecommerce-prod-backend")).toBe('Error from server (NotFound): services "ecommerce-prod-backend" not found');
  });

  it("is an error when the Service may not be read", () => {
    expect(http.evaluate({ service: forbidden(), answers: [] }, health).status).toBe("error");
  });
});
