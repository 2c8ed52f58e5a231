// npm run course:test [step…]: proves each step's checks both ways on the real control plane (tests/integration/course).
// Steps are ids or numbers (d07-s2, 7.2); every step up to the last one named runs, since each builds on the ones before.
import { spawnSync } from "node:child_process";

const steps = process.argv.slice(2);
const env = { ...process.env, ...(steps.length ? { COURSE_TEST_STEPS: steps.join(",") } : {}) };
const result = spawnSync("npx", ["vitest", "run", "--config", "vitest.integration.config.ts", "tests/integration/course"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
