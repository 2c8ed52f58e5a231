import { ROLE_LABEL } from "@/lib/authz/roles";
import type { Role } from "@/lib/authz/permissions";

/**
 * A person's name as history and comments show it: always with their role beside it, so a student
 * who signs up as "Ines Instructor" still reads as a student.
 */
export function PersonName({ name, role }: { name: string; role: Role }) {
  return (
    <span className="inline-flex items-baseline gap-1.5">
      <span className="font-medium">{name}</span>
      <span className="rounded bg-slate-100 px-1 text-xs font-medium text-slate-600">{ROLE_LABEL[role]}</span>
    </span>
  );
}

/** The same for plain text (titles, aria labels): "Ines Instructor (Student)". */
export const personLabel = (name: string, role: Role) => `${name} (${ROLE_LABEL[role]})`;
