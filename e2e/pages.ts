import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/** Every page route of the app (app/**\/page.tsx), as Next names it; route groups like (app) drop out. */
export function pageRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === "page.tsx") routes.push("/" + path.relative("app", dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/"));
    }
  };
  walk("app");
  return routes.sort();
}

const stepIds = () =>
  fs
    .readdirSync("course/plan/days")
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => ((yaml.load(fs.readFileSync(path.join("course/plan/days", f), "utf8")) as { steps: { id: string }[] }).steps ?? []).map((s) => s.id));

const packFiles = (dir = "course", rel = ""): string[] =>
  fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.name.startsWith(".") || child === "plan") return [];
    if (e.isDirectory()) return [child + "/", ...packFiles(dir, child)];
    return /\.(md|ya?ml|sql|sh|tpl|txt|json)$/.test(e.name) ? [child] : [];
  });

/** Addresses to open for each route, per role that can see it. `cohort` and `team` are filled in by the test. */
export function sampleAddresses(ids: { cohort: string; team: string }): Record<string, { student?: string[]; instructor?: string[]; stakeholder?: string[]; anonymous?: string[] }> {
  return {
    "/": { student: ["/"], instructor: ["/"], stakeholder: ["/"] },
    "/login": { anonymous: ["/login"] },
    "/join/[code]": { anonymous: ["/join/ATLAS2026", "/join/NO-SUCH-CODE"] },
    "/[...unknown]": { student: ["/nonsense", "/plan/step/d01-s1/extra"] },
    "/plan": { student: ["/plan"], instructor: [`/plan?team=${ids.team}`], stakeholder: [`/plan?team=${ids.team}`] },
    "/plan/day/[day]": { student: Array.from({ length: 20 }, (_, i) => `/plan/day/${i + 1}`).concat("/plan/day/21") },
    "/plan/step/[stepId]": { student: stepIds().map((id) => `/plan/step/${id}`), instructor: [`/plan/step/d01-s1?team=${ids.team}`] },
    "/plan/files": { student: ["/plan/files"] },
    "/plan/files/[...path]": { student: packFiles().map((f) => `/plan/files/${f.replace(/\/$/, "")}`).concat("/plan/files/no/such-file.yaml") },
    "/plan/cluster": { student: ["/plan/cluster"], instructor: [`/plan/cluster?team=${ids.team}`], stakeholder: [`/plan/cluster?team=${ids.team}`] },
    "/plan/runs/[runId]": { student: ["/plan/runs/no-such-run"] },
    "/plan/troubleshooting": { student: ["/plan/troubleshooting"] },
    "/plan/support": { student: ["/plan/support"] },
    "/instructor": { instructor: ["/instructor"], student: ["/instructor"] },
    "/instructor/cohorts/[cohortId]/teams": { instructor: [`/instructor/cohorts/${ids.cohort}/teams`] },
    "/instructor/cohorts/[cohortId]/people": { instructor: [`/instructor/cohorts/${ids.cohort}/people`] },
    "/instructor/cohorts/[cohortId]/calendar": { instructor: [`/instructor/cohorts/${ids.cohort}/calendar`] },
    "/instructor/teams/[teamId]": { instructor: [`/instructor/teams/${ids.team}`, `/instructor/teams/${ids.team}?step=d03-s1`], student: [`/instructor/teams/${ids.team}`] },
    "/stakeholder": { stakeholder: ["/stakeholder"], student: ["/stakeholder"] },
    "/signoff": { student: ["/signoff"], instructor: ["/signoff", `/signoff?team=${ids.team}`], stakeholder: [`/signoff?team=${ids.team}`, "/signoff"] },
    "/reports": { student: ["/reports"], instructor: ["/reports", `/reports?team=${ids.team}`], stakeholder: [`/reports?team=${ids.team}`, "/reports"] },
    "/reports/audit": { instructor: ["/reports/audit"], student: ["/reports/audit"] },
    "/stakeholder/teams/[teamId]": { stakeholder: [`/stakeholder/teams/${ids.team}`], instructor: [`/stakeholder/teams/${ids.team}`] },
    "/invite/[code]": { anonymous: ["/invite/NO-SUCH-INVITATION"] },
  };
}
