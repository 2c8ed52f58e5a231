import type { Role } from "@/lib/authz/permissions";

const HOME: Record<Role, { href: string; label: string }> = {
  STUDENT: { href: "/plan", label: "Go to your team's plan" },
  INSTRUCTOR: { href: "/instructor", label: "Go to your team board" },
  STAKEHOLDER: { href: "/stakeholder", label: "Go to cohort progress" },
};

/** Where each role starts, and how a link back there reads. */
export const homeOf = (role: Role) => HOME[role];
