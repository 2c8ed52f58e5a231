import { describe, expect, it } from "vitest";
import { failureFromResponse, toFailure } from "./errors";

describe("API failures as data", () => {
  it("maps a Status body to a kind with the server's message", () => {
    const body = JSON.stringify({ kind: "Status", reason: "Forbidden", code: 403, message: 'deployments.apps is forbidden: User "x" cannot list' });
    expect(failureFromResponse(403, body)).toMatchObject({ kind: "forbidden", status: 403, reason: "Forbidden", message: expect.stringContaining("cannot list") });
    expect(failureFromResponse(409, JSON.stringify({ reason: "Conflict", message: "Apply failed with 1 conflict" })).kind).toBe("conflict");
    expect(failureFromResponse(429, JSON.stringify({ reason: "TooManyRequests", message: "Cannot evict pod as it would violate the pod's disruption budget." })).kind).toBe("tooManyRequests");
    expect(failureFromResponse(503, "service unavailable").kind).toBe("server");
  });
  it("explains 401 as expired or revoked credentials", () => {
    expect(failureFromResponse(401, "").message).toMatch(/expired, revoked or wrong/);
  });
  it("maps network errors", () => {
    expect(toFailure(Object.assign(new Error("request to https://127.0.0.1:1/version failed, reason: connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })).kind).toBe("unreachable");
    expect(toFailure(Object.assign(new Error("The operation was aborted."), { name: "AbortError" })).kind).toBe("timeout");
    expect(toFailure(new Error("unable to verify the first certificate; self signed certificate in certificate chain")).kind).toBe("tls");
    expect(toFailure("weird").kind).toBe("unknown");
  });
  it("reads the status code of a client-node ApiException", () => {
    expect(toFailure({ code: 404, body: JSON.stringify({ reason: "NotFound", message: 'pods "x" not found' }) })).toMatchObject({ kind: "notFound", message: 'pods "x" not found' });
  });
});
