import { z } from "zod";
import { checkSchemaOf, defineCheck, name } from "../define";
import { verdict } from "../evidence";

/** What a person confirms; its fields (e.g. who attended) are part of the attestation. */
export const attestationField = z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), label: name, type: z.enum(["text", "people", "date", "url"]), required: z.boolean().optional() }).strict();

export const manual = defineCheck(checkSchemaOf("manual", { prompt: name, fields: z.array(attestationField).optional() }), {
  fetch: async () => undefined,
  evaluate: (_: undefined, c) => verdict("inconclusive", c.prompt, "confirmed by a named team member (attestation), not by reading the cluster"),
});
