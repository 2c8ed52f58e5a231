import type { ApplyResults, ObjectSummary } from "@/lib/runs/types";
import { cn } from "@/lib/utils";

const VERB: Record<ObjectSummary["verb"], { now: string; dry: string; className: string }> = {
  created: { now: "created", dry: "create", className: "bg-emerald-50 text-emerald-900 ring-emerald-300" },
  configured: { now: "changed", dry: "change", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  unchanged: { now: "unchanged", dry: "unchanged", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  failed: { now: "failed", dry: "would fail", className: "bg-rose-50 text-rose-900 ring-rose-300" },
};

/** Per object: the verb it got (or would get), its field-level diff, a Secret's keys and sizes, or why it failed. */
export function ObjectResults({ results }: { results: ApplyResults }) {
  if (results.problem) return <p role="alert" className="text-sm text-rose-800">{results.problem}</p>;
  return (
    <ul className="space-y-2">
      {results.objects.map((o) => (
        <li key={o.ref} className="rounded-lg border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className={cn("rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset", VERB[o.verb].className)}>{results.dryRun ? VERB[o.verb].dry : VERB[o.verb].now}</span>
            <span className="break-all font-mono">{o.ref}</span>
            {o.namespace ? <span className="text-xs text-slate-600">in {o.namespace}</span> : null}
          </div>
          {o.note ? <p className="mt-1 text-xs text-slate-600">{o.note}</p> : null}
          {o.failure ? <p className="mt-1 break-words text-rose-800">{o.failure.message}</p> : null}
          {o.keys?.length ? <p className="mt-1 text-xs text-slate-700">Keys: {o.keys.map((k) => `${k.key} (${k.bytes} bytes)`).join(", ")}. Values stay on the cluster.</p> : null}
          {o.changes?.length ? (
            <table className="mt-2 w-full table-fixed text-left font-mono text-xs">
              <caption className="sr-only">Field changes of {o.ref}</caption>
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="w-2/5 py-1 font-medium">Field</th>
                  <th scope="col" className="py-1 font-medium">Now</th>
                  <th scope="col" className="py-1 font-medium">After</th>
                </tr>
              </thead>
              <tbody>
                {o.changes.map((c) => (
                  <tr key={c.path} className="border-t border-slate-100 align-top">
                    <td className="break-all py-1 pr-2">{c.path}</td>
                    <td className="break-all py-1 pr-2 text-rose-800">{c.before ?? "—"}</td>
                    <td className="break-all py-1 text-emerald-800">{c.after ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
