import { describe, expect, it } from "vitest";
import { diffObjects, secretSummary } from "./diff";

const deployment = (image: string, replicas = 3) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "a", resourceVersion: "12", uid: "u", managedFields: [{}] },
  spec: { replicas, template: { spec: { containers: [{ name: "app", image }, { name: "sidecar", image: "nginx:1" }] } } },
  status: { readyReplicas: 3 },
});

describe("diffObjects", () => {
  it("reports nothing for an object that would not change, whatever its server fields", () => {
    const live = deployment("app:v1");
    const next = { ...deployment("app:v1"), metadata: { ...live.metadata, resourceVersion: "13" }, status: { readyReplicas: 1 } };
    expect(diffObjects(live, next)).toEqual([]);
  });

  it("names a changed container by its name, not its index", () => {
    expect(diffObjects(deployment("app:v1"), deployment("app:v2", 4))).toEqual([
      { path: "spec.replicas", change: "changed", before: "3", after: "4" },
      { path: "spec.template.spec.containers[app].image", change: "changed", before: "app:v1", after: "app:v2" },
    ]);
  });

  it("has no field diff for an object that does not exist yet", () => {
    expect(diffObjects(undefined, deployment("app:v1"))).toEqual([]);
  });

  it("shows Secret keys and sizes, never values", () => {
    const live = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: Buffer.from("hunter2").toString("base64"), b: Buffer.from("x").toString("base64") } };
    const next = { ...live, data: { a: Buffer.from("swordfish").toString("base64"), b: live.data.b, c: Buffer.from("new!").toString("base64") } };
    const changes = diffObjects(live, next);
    expect(changes).toEqual([
      { path: "data.a", change: "changed", before: "<7 bytes>", after: "<9 bytes>" },
      { path: "data.c", change: "added", after: "<4 bytes>" },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/hunter2|swordfish|c3dvcmRmaXNo|aHVudGVyMg/);
  });

  it("says a same-size Secret value changed", () => {
    const enc = (s: string) => Buffer.from(s).toString("base64");
    const live = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: enc("aaaa") } };
    expect(diffObjects(live, { ...live, data: { a: enc("bbbb") } })).toEqual([{ path: "data.a", change: "changed", before: "<4 bytes>", after: "<4 bytes> (value changed)" }]);
  });

  it("summarises a Secret by key and size", () => {
    expect(secretSummary({ data: { b: Buffer.from("abc").toString("base64") }, stringData: { a: "xy" } })).toEqual([{ key: "a", bytes: 2 }, { key: "b", bytes: 3 }]);
  });
});
