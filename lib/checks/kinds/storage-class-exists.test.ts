import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { courseCheck, evidenceOf, fixture, forbidden, list, variant } from "./__fixtures__/recorded";
import { storageClassExists } from "./storage-class-exists";

const check = courseCheck("storageClassExists", "d01-s1", "storage-class");
const standard = fixture<KubeObject>("storageclass-default-dryrun");

describe("storageClassExists", () => {
  it("fails on the local control plane, which has no StorageClass", () => {
    const v = storageClassExists.evaluate(list("storageclasses"), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("no StorageClass");
    expect(evidenceOf(v, "kubectl get storageclass")).toBe("No resources found");
  });

  it("passes with one StorageClass, marked as the default like kubectl does", () => {
    const v = storageClassExists.evaluate(ok([standard]), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("1 StorageClass(es), one is the default");
    expect(evidenceOf(v, "kubectl get storageclass")).toMatch(/standard \(default\)\s+rancher\.io\/local-path\s+Delete/);
  });

  it("with requireDefault, fails when no class is the default", () => {
    const plain = variant(standard, (s) => void delete s.metadata!.annotations);
    const v = storageClassExists.evaluate(ok([plain]), { ...check, requireDefault: true });
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("1 StorageClass(es), none is the default");
  });

  it("is an error when storage classes may not be listed", () => {
    expect(storageClassExists.evaluate(forbidden(), check).status).toBe("error");
  });
});
