import fs from "node:fs";
import path from "node:path";

export type SchemaField = { model: string; name: string; type: string; optional: boolean; isList: boolean };

/** Just enough of schema.prisma to compare scalar columns: model blocks, field names, types and `?`. */
export function readSchemaFields(file = path.join(process.cwd(), "prisma", "schema.prisma")) {
  const text = fs.readFileSync(file, "utf8");
  const enums = new Map<string, string[]>();
  for (const match of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(match[1]!, match[2]!.split(/\s+/).filter(Boolean));
  }
  const fields: SchemaField[] = [];
  const models = [...text.matchAll(/^model (\w+) \{([^}]*)\}/gm)].map((m) => m[1]!);
  for (const match of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    for (const line of match[2]!.split("\n")) {
      const field = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!field || line.trim().startsWith("@@") || line.trim().startsWith("//")) continue;
      fields.push({ model: match[1]!, name: field[1]!, type: field[2]!, isList: Boolean(field[3]), optional: Boolean(field[4]) });
    }
  }
  const modelNames = new Set(models);
  const scalarFields = fields.filter((f) => !modelNames.has(f.type) && !f.isList);
  return { models, enums, scalarFields };
}
