import { describe, expect, it } from "vitest";
import type { AccessAnswer } from "@/lib/k8s/access";
import { ok } from "@/lib/k8s/result";
import { NS, courseCheck, evidenceOf, failureOf, fixture } from "./__fixtures__/recorded";
import { canI } from "./can-i";

const account = ok({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "prometheus", namespace: NS } });
const answer = (name: string) => ({ answer: ok(fixture<{ status: AccessAnswer }>(name).status), account });
const mayList = courseCheck("canI", "d13-s1", "prometheus-can-list-pods");
const mayNotGetSecrets = courseCheck("canI", "d18-s2", "prometheus-cannot-get-secrets");

describe("canI", () => {
  it("asks for the team's ServiceAccount", () => {
    expect(mayList.as).toBe(`system:serviceaccount:${NS}:prometheus`);
  });

  it("passes when the SubjectAccessReview allows what must be allowed, with RBAC's reason", () => {
    const v = canI.evaluate(answer("sar-prometheus-list-pods"), mayList);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe(`yes - RBAC: allowed by RoleBinding "prometheus-rolebinding/${NS}" of Role "prometheus-role" to ServiceAccount "prometheus/${NS}"`);
    expect(evidenceOf(v, `kubectl auth can-i list pods -n ${NS} --as=system:serviceaccount:${NS}:prometheus`)).toBe(v.actual);
  });

  it("passes when what must be denied is denied", () => {
    const v = canI.evaluate(answer("sar-prometheus-get-secrets"), mayNotGetSecrets);
    expect(v).toMatchObject({ status: "pass", actual: "no" });
  });

  it("fails a denial for a ServiceAccount that does not exist: it proves nothing", () => {
    const v = canI.evaluate({ ...answer("sar-prometheus-get-secrets"), account: ok(undefined) }, mayNotGetSecrets);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe(`ServiceAccount prometheus does not exist in ${NS}, so the denial proves nothing`);
  });

  it("fails when what must be allowed is denied (RBAC's denial carries no reason, as recorded for secrets)", () => {
    const v = canI.evaluate(answer("sar-prometheus-get-secrets"), mayList);
    expect(v).toMatchObject({ status: "fail", actual: "no" });
  });

  it("fails when what must be denied is allowed", () => {
    const v = canI.evaluate(answer("sar-prometheus-get-pods"), mayNotGetSecrets);
    expect(v.status).toBe("fail");
    expect(v.actual).toMatch(/^yes - RBAC: allowed by RoleBinding/);
  });

  it("is an error when Daybook may not create SubjectAccessReviews (recorded)", () => {
    const v = canI.evaluate({ answer: failureOf("forbidden-sar"), account }, mayList);
    expect(v.status).toBe("error");
    expect(v.actual).toMatch(/^Could not read a SubjectAccessReview: subjectaccessreviews\.authorization\.k8s\.io is forbidden/);
  });
});
