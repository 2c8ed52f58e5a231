import type { Check } from "@/lib/course/schema";

/** A check that measures performance: a load test, or the performance-test validation suite (Days 10, 15, 18, 20). */
export const isPerformanceCheck = (c: Check) => c.kind === "loadTest" || (c.kind === "validationSuite" && c.suite === "performance-test");
