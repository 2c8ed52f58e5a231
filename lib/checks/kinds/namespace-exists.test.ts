import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import { NS, courseCheck, evidenceOf, fixture, forbidden } from "./__fixtures__/recorded";
import { namespaceExists } from "./namespace-exists";

const check = courseCheck("namespaceExists", "d01-s2", "namespace-exists");

describe("namespaceExists", () => {
  it("checks the team's namespace, not the course's", () => {
    expect(check.name).toBe(NS);
  });

  it("passes for an Active namespace", () => {
    const v = namespaceExists.evaluate(ok(fixture<KubeObject>("namespace")), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe(`namespace ${NS} is Active`);
    expect(evidenceOf(v, `kubectl get namespace ${NS}`)).toMatch(new RegExp(`^NAME\\s+STATUS\\s+AGE\\n${NS}\\s+Active\\s+\\S+$`));
  });

  it("fails, without waiting, when the namespace does not exist", () => {
    const v = namespaceExists.evaluate(ok(undefined), check);
    expect(v).toMatchObject({ status: "fail", final: true, actual: `namespace ${NS} not found` });
    expect(evidenceOf(v, `kubectl get namespace ${NS}`)).toBe(`Error from server (NotFound): namespaces "${NS}" not found`);
  });

  it("fails for a namespace that is being deleted", () => {
    const terminating = fixture<KubeObject>("namespace-terminating");
    const v = namespaceExists.evaluate(ok(terminating), { ...check, name: "kindtests-term" });
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("namespace kindtests-term is Terminating");
  });

  it("is an error when namespaces may not be read", () => {
    expect(namespaceExists.evaluate(forbidden(), check).status).toBe("error");
  });
});
