// npm run course:check: validates course/plan and the course pack; lists errors, then one summary line.
import { checkPack, summaryLine } from "../lib/pack/check-pack";
import { defaultCourseDir } from "../lib/course/load";

const report = checkPack(defaultCourseDir());
// stdout only, so the errors always print above the summary
for (const error of report.errors) console.log(`error: ${error}`);
console.log(summaryLine(report));
process.exitCode = report.errors.length > 0 ? 1 : 0;
