import type { CheckResult } from "@/lib/checks/types";
import type { FieldChange } from "@/lib/k8s/diff";
import type { FailureKind } from "@/lib/k8s/result";
import type { LoadState } from "@/lib/load/types";
import type { StepVerdict } from "./verdict";

/** One object of a preview or an apply, as stored: never the object itself (it may be a Secret). */
export type ObjectSummary = {
  ref: string;
  namespace?: string;
  verb: "created" | "configured" | "unchanged" | "failed";
  changes?: FieldChange[];
  /** For Secrets: key names and sizes. */
  keys?: { key: string; bytes: number }[];
  failure?: { kind: FailureKind; message: string };
  note?: string;
};

export type VerifyResults = { type: "verify"; checks: CheckResult[]; verdict?: StepVerdict };
export type ApplyResults = { type: "apply"; dryRun: boolean; force: boolean; objects: ObjectSummary[]; problem?: string };
export type OperationResults = { type: "operation"; operation: string; log: string[]; checks?: CheckResult[] };
export type AttestResults = { type: "attest"; attestations: { checkId: string; prompt: string; fields: Record<string, string> }[]; note?: string };

/** A performance test: the load as it goes and as measured, then the step's checks judged with it. */
export type LoadRunResults = { type: "load"; load: LoadState; checks: CheckResult[]; verdict?: StepVerdict };

export type RunResults = VerifyResults | ApplyResults | OperationResults | AttestResults | LoadRunResults;
