import { describe, expect, it } from "vitest";
import { courseCheck } from "./__fixtures__/recorded";
import { manual } from "./manual";

describe("manual", () => {
  it("is never decided by the cluster: inconclusive until a named team member attests it", () => {
    const check = courseCheck("manual", "d17-s2", "training-held");
    const v = manual.evaluate(undefined, check);
    expect(v).toMatchObject({ status: "inconclusive", expected: "Team can perform basic operations.", actual: "confirmed by a named team member (attestation), not by reading the cluster" });
  });
});
