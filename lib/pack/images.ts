import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { z } from "zod";
import { defaultCourseDir } from "@/lib/course/load";

const imagesSchema = z.object({
  parameters: z.record(z.string(), z.object({ default: z.union([z.string(), z.boolean()]), description: z.string() }).strict()),
  images: z.array(z.object({ name: z.string(), default: z.string(), teamBuilt: z.boolean().optional(), description: z.string().optional(), usedIn: z.array(z.string()) }).strict()),
});

export type ImageSettings = { registry: string; mirrorPublic: boolean };
export type PackImages = z.infer<typeof imagesSchema>;

export function readPackImages(courseDir = defaultCourseDir()): PackImages {
  return imagesSchema.parse(yaml.load(fs.readFileSync(path.join(courseDir, "images.yaml"), "utf8")));
}

const withRegistry = (registry: string, image: string) => (registry ? `${registry.replace(/\/$/, "")}/${image}` : image);

/**
 * Every default image reference of the pack → what the team runs: team-built images get the team's
 * registry prefix, public ones only when the team mirrors them.
 */
export function teamImageMap(images: PackImages, s: ImageSettings): Record<string, string> {
  return Object.fromEntries(images.images.map((i) => [i.default, i.teamBuilt || s.mirrorPublic ? withRegistry(s.registry, i.default) : i.default]));
}

/** The `@backend`, `@backend:update`, `@frontend` references the plan uses, resolved for a team. */
export function imageRefs(images: PackImages, s: ImageSettings): Record<string, string> {
  const p = (k: string) => String(images.parameters[k]?.default ?? "");
  const image = (repo: string, tag: string) => withRegistry(s.registry, `${p(repo)}:${p(tag)}`);
  return {
    "@backend": image("backend.repository", "backend.tag"),
    "@backend:update": image("backend.repository", "backend.updateTag"),
    "@frontend": image("frontend.repository", "frontend.tag"),
  };
}
