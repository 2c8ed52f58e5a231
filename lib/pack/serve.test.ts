import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildPackArchive } from "./archive";
import { listPackFiles, readPackFile } from "./files";
import { loadManifests, parseManifests, retargetNamespace, setImages } from "./manifests";
import { PACK_AS_WRITTEN, servePackFile } from "./serve";

const team = { namespace: "team-atlas", images: { "ecommerce-backend:v1.0.0": "registry.example/atlas/backend:v1.0.0" } };
const read = (rel: string) => fs.readFileSync(`course/${rel}`, "utf8");

describe("servePackFile", () => {
  it("serves every file as written while a team uses the pack's own settings", () => {
    for (const rel of listPackFiles()) expect(servePackFile(rel, read(rel), PACK_AS_WRITTEN)).toBe(read(rel));
  });

  it("serves a manifest exactly as the engine would apply it for the team", () => {
    const rel = "k8s-manifests/04-deployments.yaml";
    const served = parseManifests(servePackFile(rel, read(rel), team));
    expect(served).toEqual(setImages(retargetNamespace(loadManifests(rel), team.namespace), team.images));
    expect(served.every((o) => o.metadata.namespace === "team-atlas")).toBe(true);
    expect(JSON.stringify(served)).toContain("registry.example/atlas/backend:v1.0.0");
    expect(parseManifests(servePackFile("k8s-manifests/01-namespace.yaml", read("k8s-manifests/01-namespace.yaml"), team))[0]!.metadata.name).toBe("team-atlas");
  });

  it("leaves Helm templates, docs and scripts alone", () => {
    for (const rel of ["templates/templates/backend.yaml", "docs/04-deployment-guide.md", "validation/smoke-tests.sh"]) {
      expect(servePackFile(rel, read(rel), team)).toBe(read(rel));
    }
  });
});

describe("the whole-pack archive", () => {
  it("holds every served file under course-pack/, scripts executable, and none of the plan data", () => {
    const files = unzipSync(buildPackArchive(team));
    const names = Object.keys(files);
    expect(names.sort()).toEqual(listPackFiles().map((f) => `course-pack/${f}`).sort());
    expect(names.some((n) => n.includes("/plan/"))).toBe(false);
    const rel = "k8s-manifests/02-configmaps.yaml";
    expect(strFromU8(files[`course-pack/${rel}`]!)).toBe(servePackFile(rel, readPackFile(rel)!, team));
  });

  it("is the same bytes for the same pack and settings, so a download can be compared", () => {
    expect(Buffer.from(buildPackArchive(PACK_AS_WRITTEN)).equals(Buffer.from(buildPackArchive(PACK_AS_WRITTEN)))).toBe(true);
  });
});
