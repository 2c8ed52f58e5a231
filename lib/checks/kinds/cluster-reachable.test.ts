import { describe, expect, it } from "vitest";
import { failureFromResponse, toFailure } from "@/lib/k8s/errors";
import { ok } from "@/lib/k8s/result";
import type { ServerVersion } from "@/lib/k8s/version";
import { courseCheck, evidenceOf, fixture } from "./__fixtures__/recorded";
import { clusterReachable } from "./cluster-reachable";

const check = courseCheck("clusterReachable", "d01-s1", "cluster-reachable");

describe("clusterReachable", () => {
  it("passes when GET /version answers, showing the server version", () => {
    const v = clusterReachable.evaluate(ok(fixture<ServerVersion>("version")), check);
    expect(v.status).toBe("pass");
    expect(v.actual).toBe("Server Version: v1.36.3");
    expect(evidenceOf(v, "kubectl version")).toBe("Server Version: v1.36.3\nPlatform: linux/amd64");
  });

  it("fails when nothing answers at the API server's address", () => {
    // What Node's net module throws when the port is closed.
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:16443"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 16443 });
    const v = clusterReachable.evaluate(toFailure(refused), check);
    expect(v.status).toBe("fail");
    expect(v.actual).toBe("Nothing answers at the API server's address (connection refused). Is the cluster running?");
    expect(evidenceOf(v, "kubectl cluster-info")).toBe("error: Nothing answers at the API server's address (connection refused). Is the cluster running?");
  });

  it("is an error, not a failed step, when the cluster answers but rejects Daybook's credentials", () => {
    const v = clusterReachable.evaluate(failureFromResponse(401, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}'), check);
    expect(v.status).toBe("error");
    expect(v.actual).toContain("rejected Daybook's credentials");
  });
});
