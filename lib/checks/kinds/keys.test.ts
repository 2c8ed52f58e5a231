import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { NS, courseCheck, evidenceOf, evidenceText, expectNoSecretValues, forbidden, items, named, variant } from "./__fixtures__/recorded";
import { configMapKeys, secretKeys } from "./keys";

describe("configMapKeys", () => {
  const check = courseCheck("configMapKeys", "d02-s1", "backend-config-keys");
  const config = named("configmaps", "ecommerce-backend-config");

  it("takes the keys from the course manifest", () => {
    expect(check.keys).toContain("DATABASE_HOST");
    expect(check.keys).toHaveLength(13);
  });

  it("passes when every key the manifest declares is there, listing keys and sizes", () => {
    const v = configMapKeys.evaluate(ok(config), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("all 13 keys present");
    expect(evidenceOf(v, "kubectl describe configmap ecommerce-backend-config")).toMatch(/DATABASE_HOST\s+\d+ bytes/);
  });

  it("fails naming the key that was deleted", () => {
    const v = configMapKeys.evaluate(ok(variant(config, (c) => void delete (c.data as Record<string, string>).DATABASE_HOST)), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("missing DATABASE_HOST");
  });

  it("fails, without waiting, when the ConfigMap does not exist", () => {
    const v = configMapKeys.evaluate(ok(undefined), check);
    expect(v).toMatchObject({ status: "fail", final: true, actual: `ConfigMap ecommerce-backend-config not found in ${NS}` });
  });

  it("is an error when ConfigMaps may not be read", () => {
    expect(configMapKeys.evaluate(forbidden(), check).status).toBe("error");
  });
});

describe("secretKeys", () => {
  const check = courseCheck("secretKeys", "d02-s2", "api-secret-keys");
  const secrets = items("secrets");
  const secret = named("secrets", "ecommerce-api-secret");

  it("passes with key names and byte sizes, like kubectl describe secret", () => {
    const v = secretKeys.evaluate(ok(secret), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("all 2 keys present");
    expect(evidenceOf(v, "kubectl describe secret ecommerce-api-secret")).toMatch(/^Name:  ecommerce-api-secret\nType:  Opaque\n\nData\n====\nKEY\s+SIZE\nAPI_KEY\s+32 bytes\nJWT_SECRET_KEY\s+64 bytes$/);
    expectNoSecretValues(v, secrets);
  });

  it("fails for a missing key and for an empty one, still without values", () => {
    const broken = variant(secret, (s) => {
      const data = s.data as Record<string, string>;
      delete data.API_KEY;
      data.JWT_SECRET_KEY = "";
    });
    const v = secretKeys.evaluate(ok(broken as KubeObject), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("missing API_KEY, JWT_SECRET_KEY is empty");
    expectNoSecretValues(v, secrets);
  });

  it("shows a Secret written with stringData by sizes only", () => {
    const pending = { apiVersion: "v1", kind: "Secret", metadata: { name: "ecommerce-api-secret", namespace: NS }, type: "Opaque", stringData: { API_KEY: "s3cr3t-api-key", JWT_SECRET_KEY: "s3cr3t-jwt" } };
    const v = secretKeys.evaluate(ok(pending), check);
    expect(v.status).toBe("pass");
    expect(JSON.stringify(v)).not.toMatch(/s3cr3t/);
    expect(evidenceText(v)).toMatch(/API_KEY\s+14 bytes/);
  });

  it("fails, without waiting, when the Secret does not exist", () => {
    expect(secretKeys.evaluate(ok(undefined), check)).toMatchObject({ status: "fail", final: true });
  });

  it("is an error when Secrets may not be read", () => {
    expect(secretKeys.evaluate(forbidden(), check).status).toBe("error");
  });
});
