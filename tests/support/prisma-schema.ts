import fs from "node:fs";
import path from "node:path";

export type SchemaField = { model: string; name: string; type: string; nativeType?: string; optional: boolean; isList: boolean };

/** Just enough of schema.prisma to compare scalar columns: model blocks, field names, types, `@db.` types and `?`. */
export function readSchemaFields(file = path.join(process.cwd(), "prisma", "schema.prisma")) {
  return parseSchemaFields(fs.readFileSync(file, "utf8"));
}

export function parseSchemaFields(text: string) {
  const enums = new Map<string, string[]>();
  for (const match of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(match[1]!, match[2]!.split("\n").map((l) => l.replace(/\/\/.*/, "").trim()).filter(Boolean));
  }
  const fields: SchemaField[] = [];
  const models = [...text.matchAll(/^model (\w+) \{([^}]*)\}/gm)].map((m) => m[1]!);
  for (const match of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    for (const line of match[2]!.split("\n")) {
      const field = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || line.trim().startsWith("@@") || line.trim().startsWith("//")) continue;
      const nativeType = /@db\.(\w+)/.exec(field[5]!)?.[1];
      fields.push({ model: match[1]!, name: field[1]!, type: field[2]!, nativeType, isList: Boolean(field[3]), optional: Boolean(field[4]) });
    }
  }
  const modelNames = new Set(models);
  const scalarFields = fields.filter((f) => !modelNames.has(f.type) && !f.isList);
  return { models, enums, scalarFields };
}

// information_schema.columns.data_type for Prisma's default PostgreSQL mapping of each scalar type.
const DEFAULT_TYPE: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

// ... and for the `@db.` native types the schema uses or is likely to.
const NATIVE_TYPE: Record<string, string> = {
  Timestamptz: "timestamp with time zone",
  Timestamp: "timestamp without time zone",
  Date: "date",
  Text: "text",
  VarChar: "character varying",
  Uuid: "uuid",
  JsonB: "jsonb",
  Json: "json",
  BigInt: "bigint",
  Integer: "integer",
  SmallInt: "smallint",
};

/** The PostgreSQL type a field's column must have; throws for a type this test does not know yet, so it is never skipped silently. */
export function postgresType(field: SchemaField, enums: Map<string, string[]>): string {
  if (enums.has(field.type)) return field.type;
  const type = field.nativeType ? NATIVE_TYPE[field.nativeType] : DEFAULT_TYPE[field.type];
  if (!type) throw new Error(`tests/support/prisma-schema.ts does not know ${field.model}.${field.name}'s type ${field.nativeType ? `@db.${field.nativeType}` : field.type}: add it`);
  return type;
}
