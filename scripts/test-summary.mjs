// Adds up the JSON reports of every runner in `npm test` and prints one closing line: "tests: N passed, N failed, N skipped".
import fs from "node:fs";

let passed = 0, failed = 0, skipped = 0, flaky = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  if (report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    flaky += report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${flaky ? ` (${flaky} passed only on retry)` : ""}`);
