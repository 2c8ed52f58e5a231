import type { Evidence } from "@/lib/checks/types";

/** What a check read, as kubectl would print it; long lines scroll inside the block. */
export function EvidenceBlock({ evidence }: { evidence: Evidence[] }) {
  return (
    <div className="space-y-2">
      {evidence.map((e, i) => (
        <figure key={i} className="min-w-0">
          <figcaption className="font-mono text-xs text-slate-600">{e.title.startsWith("kubectl") || e.title.startsWith("helm") || e.title.startsWith("$") ? `$ ${e.title}` : e.title}</figcaption>
          <pre tabIndex={0} aria-label={e.title} className="scroll-visible mt-1 max-h-72 overflow-y-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">{e.text || "(no output)"}</pre>
        </figure>
      ))}
    </div>
  );
}
