import { describe, expect, it } from "vitest";
import { changedByApply, diffObjects, secretSummary } from "./diff";

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

describe("changedByApply", () => {
  const owned = (fields: unknown) => [{ manager: "daybook", operation: "Apply", fieldsV1: fields }];
  const pvc = (rv: string, extra: Record<string, unknown> = {}, managedFields: unknown[] = owned({ "f:spec": {} })) => ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data", namespace: "a", resourceVersion: rv, managedFields },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...extra },
  });
  const manifest = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "a" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };

  it("is unchanged when the server kept the same version", () => {
    expect(changedByApply(pvc("5"), pvc("5"), manifest, "daybook")).toBe(false);
  });

  it("ignores a controller's own write between the read and the apply", () => {
    expect(changedByApply(pvc("5"), pvc("6", { volumeName: "pv-1" }), manifest, "daybook")).toBe(false);
  });

  it("sees a field the manifest sets change", () => {
    const bigger = { ...manifest, spec: { ...manifest.spec, resources: { requests: { storage: "2Gi" } } } };
    expect(changedByApply(pvc("5"), pvc("6", { resources: { requests: { storage: "2Gi" } } }), bigger, "daybook")).toBe(true);
  });

  it("sees a field it used to own dropped", () => {
    expect(changedByApply(pvc("5", {}, owned({ "f:spec": { "f:volumeMode": {} } })), pvc("6"), manifest, "daybook")).toBe(true);
  });

  it("taking over fields kubectl set to the same values is not a change", () => {
    expect(changedByApply(pvc("5", {}, [{ manager: "kubectl", operation: "Apply", fieldsV1: {} }]), pvc("6"), manifest, "daybook")).toBe(false);
  });

  it("compares a Secret's stringData as the data it is stored as", () => {
    const secret = (rv: string, password: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", resourceVersion: rv, managedFields: owned({}) }, data: { password: Buffer.from(password).toString("base64") } });
    const wants = (password: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { password } });
    expect(changedByApply(secret("1", "old"), secret("2", "new"), wants("new"), "daybook")).toBe(true);
    expect(changedByApply(secret("1", "same"), secret("2", "same"), wants("same"), "daybook")).toBe(false);
  });

  it("sees a dry run's change although the server returns the live resourceVersion", () => {
    const config = (rv: string, data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", resourceVersion: rv, managedFields: owned({ "f:data": { "f:A": {}, "f:B": {} } }) }, data });
    const manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { A: "1", B: "2" } };
    expect(changedByApply(config("7", { A: "1" }), config("7", { A: "1", B: "2" }), manifest, "daybook")).toBe(true);
    expect(changedByApply(config("7", { A: "1", B: "2" }), config("7", { A: "1", B: "2" }), manifest, "daybook")).toBe(false);
  });
});
