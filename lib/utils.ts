export const cn = (...classes: Array<string | false | null | undefined>) => classes.filter(Boolean).join(" ");

export const formatWhen = (date: Date) =>
  new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date) + " UTC";

export const dayHref = (day: number, teamId?: string) => `/plan/day/${day}${teamId ? `?team=${teamId}` : ""}`;
export const stepHref = (stepId: string, teamId?: string) => `/plan/step/${stepId}${teamId ? `?team=${teamId}` : ""}`;

/** "1 command", "2 commands". */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
