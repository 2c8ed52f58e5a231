import { z } from "zod";
import { KUBECONFIG_MAX_BYTES } from "@/lib/clusters/kubeconfig-policy";
import { freeText } from "./text";
import { ZTeamId } from "./progress";

const dnsLabel = z.string().trim().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "A namespace is lower-case letters, digits and dashes (at most 63), starting and ending with a letter or digit.");
const optionalUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => v === "" || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v), "Use an http(s) address such as https://shop.example.com")
  .transform((v) => (v === "" ? null : v.replace(/\/$/, "")));

const optionalHost = z
  .string()
  .trim()
  .max(253)
  .refine((v) => v === "" || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/i.test(v), "A host name such as shop.example.com")
  .optional()
  .transform((v) => (v ? v.toLowerCase() : null));

export const ZKubeconfigText = freeText({ max: KUBECONFIG_MAX_BYTES, min: 1, label: "The kubeconfig", tooShort: "Paste or upload a kubeconfig first." });

export const ZListContexts = z.object({ teamId: ZTeamId, kubeconfig: ZKubeconfigText });

export const ZConnectCluster = z.discriminatedUnion("source", [
  z.object({ source: z.literal("kubeconfig"), teamId: ZTeamId, kubeconfig: ZKubeconfigText, context: z.string().min(1, "Pick a context.").max(253) }),
  z.object({ source: z.literal("local"), teamId: ZTeamId }),
]);
export type TConnectCluster = z.infer<typeof ZConnectCluster>;

export const ZClusterSettings = z.object({
  teamId: ZTeamId,
  namespace: dnsLabel,
  registry: z.string().trim().max(200).regex(/^([a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*)?$/, "A registry prefix looks like ghcr.io/acme/team-a (no scheme, no tag)."),
  mirrorPublic: z.union([z.boolean(), z.literal("on"), z.literal("")]).transform((v) => v === true || v === "on"),
  productionUrl: optionalUrl,
  monitoringUrl: optionalUrl,
  productionHost: optionalHost,
  monitoringHost: optionalHost,
});
export type TClusterSettings = z.infer<typeof ZClusterSettings>;

export const ZTeamOnly = z.object({ teamId: ZTeamId });
