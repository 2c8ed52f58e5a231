/**
 * What a team downloads: a course-pack file as the engine will apply it for that team. The per-file
 * download, the file page and the whole-pack archive all go through `servePackFile`.
 */
import yaml from "js-yaml";
import { COURSE_NAMESPACE, readManifestDocuments, retargetNamespace, setImages } from "./manifests";

export type TeamPackSettings = {
  /** The namespace the team's objects go to. */
  namespace: string;
  /** Default image reference (course/images.yaml) → the team's registry reference. */
  images: Record<string, string>;
};

/** The pack as written: every team gets this until team cluster settings exist. */
export const PACK_AS_WRITTEN: TeamPackSettings = { namespace: COURSE_NAMESPACE, images: {} };

const isAsWritten = (s: TeamPackSettings) => s.namespace === COURSE_NAMESPACE && Object.keys(s.images).length === 0;

/**
 * The file's text for this team. Kubernetes manifests are retargeted (namespace, images) with the
 * engine's own rewrites; anything else (docs, scripts, Helm templates) is served as written. With the
 * settings as written the text is returned untouched, so comments survive.
 */
export function servePackFile(relPath: string, content: string, settings: TeamPackSettings): string {
  if (isAsWritten(settings) || !/\.ya?ml$/i.test(relPath)) return content;
  const { objects, errors } = readManifestDocuments(content, relPath);
  if (errors.length > 0 || objects.length === 0) return content;
  const rewritten = setImages(retargetNamespace(objects, settings.namespace), settings.images);
  const header = `# ${relPath}, retargeted by Daybook for namespace ${settings.namespace}.\n`;
  return header + rewritten.map((obj) => yaml.dump(obj, { lineWidth: -1, noRefs: true })).join("---\n");
}
