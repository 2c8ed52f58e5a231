import { SIGNOFF_ROLE_LABEL, type SignoffRole } from "@/lib/signoff/chain";
import type { EvidenceCheck, RoundView } from "@/lib/signoff/data";
import { cn, formatWhen } from "@/lib/utils";
import { LockIcon } from "./icons";

/** The three signatures in order: who signed, when, with what comment, over which hash, and whether it still matches. */
export function ChainView({ teamId, order, round, checks, locked }: { teamId: string; order: SignoffRole[]; round: RoundView; checks: EvidenceCheck[]; locked: boolean }) {
  return (
    <ol className="grid gap-3 md:grid-cols-3" data-team={teamId} aria-label="Sign-off chain">
      {order.map((role, i) => {
        const s = round.signoffs.find((x) => x.role === role);
        const check = s ? checks.find((c) => c.signoffId === s.id) : undefined;
        const next = !s && order.slice(0, i).every((r) => round.signoffs.some((x) => x.role === r));
        return (
          <li key={role} className={cn("rounded-xl border p-4", s ? "border-emerald-300 bg-emerald-50/60" : next ? "border-brand-200 bg-white" : "border-dashed border-slate-300 bg-slate-50")} data-testid={`signoff-${role}`}>
            <p className="flex items-center justify-between text-xs font-semibold uppercase tracking-wide text-slate-600">
              <span>{i + 1}. {SIGNOFF_ROLE_LABEL[role]}</span>
              {s && locked ? <LockIcon className="h-3.5 w-3.5 text-emerald-800" /> : null}
            </p>
            {s ? (
              <div className="mt-2 space-y-1 text-sm">
                <p className="font-medium text-emerald-950">✓ Signed by {s.signerName}</p>
                <p className="text-slate-700">{formatWhen(s.signedAt)}</p>
                {s.comment ? <p className="whitespace-pre-wrap break-words text-slate-800">“{s.comment}”</p> : null}
                <p className="break-all font-mono text-xs text-slate-600" title={s.evidenceSha256}>SHA-256 {s.evidenceSha256.slice(0, 16)}…</p>
                {check ? (
                  check.intact && check.matchesCurrent ? (
                    <p className="text-xs font-medium text-emerald-800">Matches the current evidence</p>
                  ) : (
                    <p className="text-xs font-medium text-amber-900">{check.intact ? `Evidence changed since: ${check.changes.length} difference${check.changes.length === 1 ? "" : "s"}` : "The stored evidence no longer gives this hash"}</p>
                  )
                ) : null}
              </div>
            ) : (
              <p className="mt-2 text-sm text-slate-600">{next ? "Next to sign" : "Waiting"}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
