import type { Role } from "./permissions";

/** The one role → home-page map: where "/" sends a role, and where "not allowed" and "back" links lead. */
export const ROLE_HOME: Record<Role, { href: string; label: string; back: string }> = {
  STUDENT: { href: "/plan", label: "Go to your team's plan", back: "Back to your plan" },
  INSTRUCTOR: { href: "/instructor", label: "Go to your team board", back: "Back to the board" },
  STAKEHOLDER: { href: "/stakeholder", label: "Go to cohort progress", back: "Back to cohort progress" },
};
