import { describe, expect, it } from "vitest";
import { ok } from "@/lib/k8s/result";
import { NS, courseCheck, evidenceOf, forbidden, items, list, selected } from "./__fixtures__/recorded";
import { labelSelectorMatches } from "./label-selector-matches";

const podsLabelled = courseCheck("labelSelectorMatches", "d09-s1", "pods-labelled");
const servicesLabelled = courseCheck("labelSelectorMatches", "d09-s1", "services-labelled");
const setSelector = courseCheck("labelSelectorMatches", "d09-s2", "set-selector");

describe("labelSelectorMatches", () => {
  it("passes when every pod carries environment=production (labelled with kubectl label --all)", () => {
    const v = labelSelectorMatches.evaluate({ pods: { matching: list("day09-pods-environment"), all: list("day09-pods") } }, podsLabelled);
    expect(v).toMatchObject({ status: "pass", actual: `all ${items("day09-pods").length} labelled` });
    expect(evidenceOf(v, `kubectl get pods -n ${NS} -l 'environment=production' --show-labels`)).toMatch(/^NAME\s+LABELS\n\S+\s+\S*environment=production/);
  });

  it("fails naming the pods a later scale-up created without the label", () => {
    const labelled = new Set(items("day09-pods-environment-after-scale").map((p) => p.metadata?.name));
    const newcomers = items("day09-pods-after-scale").filter((p) => !labelled.has(p.metadata?.name)).map((p) => `pods/${p.metadata?.name}`);
    expect(newcomers).toHaveLength(1);
    const v = labelSelectorMatches.evaluate({ pods: { matching: list("day09-pods-environment-after-scale"), all: list("day09-pods-after-scale") } }, podsLabelled);
    expect(v).toMatchObject({ status: "fail", actual: `not labelled: ${newcomers[0]}` });
  });

  it("fails for services before they are labelled, passes after", () => {
    const before = labelSelectorMatches.evaluate({ services: { matching: ok(selected(items("services"), "tier=application")), all: list("services") } }, servicesLabelled);
    expect(before.status).toBe("fail");
    expect(before.actual).toMatch(/^not labelled: services\/ecommerce-backend-service, services\/ecommerce-database-service, services\/ecommerce-frontend-service/);
    const after = labelSelectorMatches.evaluate({ services: { matching: ok(selected(items("day09-services"), "tier=application")), all: list("day09-services") } }, servicesLabelled);
    expect(after.status).toBe("pass");
  });

  it("fails allInNamespace when the namespace has none of the resource at all", () => {
    expect(labelSelectorMatches.evaluate({ services: { matching: ok([]), all: ok([]) } }, servicesLabelled)).toMatchObject({ status: "fail", actual: "not labelled: (no services at all)" });
  });

  it("passes the set-based selector when it finds backend and frontend pods", () => {
    const v = labelSelectorMatches.evaluate({ pods: { matching: list("day09-set-selector") } }, setSelector);
    expect(v).toMatchObject({ status: "pass", actual: "5 match" });
    expect(v.expected).toBe("at least 2 pods match app in (ecommerce),component in (backend,frontend), including component=backend and component=frontend");
  });

  it("fails the set-based selector when backend pods alone match it (frontend scaled to zero)", () => {
    const v = labelSelectorMatches.evaluate({ pods: { matching: list("day09-set-selector-backend-only") } }, setSelector);
    expect(v).toMatchObject({ status: "fail", actual: "3 match, but none with component=frontend" });
    expect(evidenceOf(v, "kubectl get pods")).not.toMatch(/component=frontend/);
  });

  it("counts pods, services and deployments for `kubectl get all -l app=ecommerce`", () => {
    const check = courseCheck("labelSelectorMatches", "d09-s2", "app-resources");
    const v = labelSelectorMatches.evaluate({ pods: { matching: list("day09-app-pods") }, services: { matching: list("day09-app-services") }, deployments: { matching: list("day09-app-deployments") } }, check);
    const total = ["day09-app-pods", "day09-app-services", "day09-app-deployments"].reduce((n, f) => n + items(f).length, 0);
    expect(v).toMatchObject({ status: "pass", actual: `${total} match` });
    expect(v.evidence.map((e) => e.title)).toEqual([`kubectl get pods -n ${NS} -l 'app=ecommerce' --show-labels`, `kubectl get services -n ${NS} -l 'app=ecommerce' --show-labels`, `kubectl get deployments -n ${NS} -l 'app=ecommerce' --show-labels`]);
    expect(labelSelectorMatches.evaluate({ pods: { matching: ok([]) }, services: { matching: ok([]) }, deployments: { matching: ok([]) } }, check)).toMatchObject({ status: "fail", actual: "0 match" });
  });

  it("is an error when a list is refused", () => {
    expect(labelSelectorMatches.evaluate({ pods: { matching: forbidden() } }, setSelector).status).toBe("error");
  });
});
