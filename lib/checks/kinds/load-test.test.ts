import { describe, expect, it } from "vitest";
import { suiteCheck } from "./__fixtures__/recorded";
import { loadTest } from "./load-test";

describe("loadTest", () => {
  it("is inconclusive, saying the run is deferred, with the suite's parameters in what it expects", () => {
    const check = suiteCheck("loadTest", "performance-test", ["--duration=300s", "--concurrency=50"], "products-under-load");
    const v = loadTest.evaluate(undefined, check);
    expect(v).toMatchObject({
      status: "inconclusive",
      expected: "50 concurrent clients for 300 s on ecommerce-backend-service:8000/api/products: at most 1% errors, p95 under 1000 ms",
      actual: "Load tests run in the background on a job queue, which comes next; this check is not run yet.",
      evidence: [],
    });
  });
});
