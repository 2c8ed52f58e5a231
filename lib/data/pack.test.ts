import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { actorFor, useSeededDatabase } from "@/tests/support/test-prisma";
import { createPackToken, getPackArchiveWithToken, getPackFile } from "./pack";

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", "test-secret-for-pack-tokens");
});

describe.each(TEST_BACKENDS)("course-pack downloads on $name", (backend) => {
  const demo = useSeededDatabase(backend);

  it("a student's token fetches their team's pack while they are on the team, and not after", async () => {
    const alice = await actorFor(demo.client, "alice@daybook.local");
    const { token } = await createPackToken(alice);
    const archive = await getPackArchiveWithToken(token);
    expect(archive.filename).toBe("daybook-course-pack.zip");
    expect(Object.keys(unzipSync(archive.body as Uint8Array))).toContain("course-pack/k8s-manifests/01-namespace.yaml");

    await demo.client.teamMember.update({ where: { userId: alice.id }, data: { teamId: demo.borealis } });
    await expect(getPackArchiveWithToken(token)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getPackArchiveWithToken(token + "x")).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("serves one file by its pack path and refuses paths outside the pack", async () => {
    const bo = await actorFor(demo.client, "bo@daybook.local");
    expect(String((await getPackFile(bo, "k8s-manifests/01-namespace.yaml")).body)).toContain("name: ecommerce");
    await expect(getPackFile(bo, "plan/course.yaml")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPackFile(bo, "../package.json")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
