import type { Role } from "./permissions";

export const ROLE_LABEL: Record<Role, string> = { STUDENT: "Student", INSTRUCTOR: "Instructor", STAKEHOLDER: "Stakeholder" };
