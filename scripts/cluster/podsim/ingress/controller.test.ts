import http from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../sim";
import { IngressController, controllerPod } from "./controller";

// No cluster: no Ingress is known, so nothing here talks to the (unreachable) API server.
const kubeConfig = new KubeConfig();
kubeConfig.loadFromOptions({
  clusters: [{ name: "none", server: "https://127.0.0.1:1" }], users: [{ name: "none" }],
  contexts: [{ name: "none", cluster: "none", user: "none" }], currentContext: "none",
});
const idleSim = {
  kubeConfig,
  state: { onChange: () => undefined, ingresses: { list: () => [] }, ingressClasses: { list: () => [] } },
} as unknown as Simulator;

describe("podsim's ingress controller listener", () => {
  let taken: http.Server;
  let port = 0;
  beforeAll(async () => {
    taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", () => resolve()));
    port = (taken.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it("names the setting when its port is taken", async () => {
    await expect(new IngressController(idleSim, port, "10.222.255.254").start())
      .rejects.toThrow(`the ingress port 127.0.0.1:${port} is in use (set DAYBOOK_INGRESS_PORT)`);
  });

  it("answers nginx's 404 page when no Ingress matches the host", async () => {
    const controller = new IngressController(idleSim, 0, "10.222.255.254");
    await controller.start();
    try {
      const address = (controller as unknown as { server: http.Server }).server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; server: string; body: string }>((resolve, reject) => {
        http.get({ host: "127.0.0.1", port: address.port, path: "/", headers: { host: "ecommerce.company.com" } }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, server: String(res.headers.server), body }));
        }).on("error", reject);
      });
      expect(answer).toEqual({ status: 404, server: "nginx", body: expect.stringContaining("<center><h1>404 Not Found</h1></center>") });
    } finally {
      await controller.stop();
    }
  });

  it("is a pod in namespace ingress-nginx with the Helm chart's labels, for NetworkPolicy", () => {
    expect(controllerPod("10.222.255.254")).toMatchObject({
      metadata: { namespace: "ingress-nginx", labels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } },
      status: { podIP: "10.222.255.254" },
    });
  });
});
