import { Button } from "@/components/ui/button";
import { Markdown } from "./markdown";

export type SavedNote = { body: string; blocked: boolean; blockedReason: string | null; version: number; updatedBy: string | null; updatedAt: string | null };

/** Shown when a teammate saved first: their text next to the user's draft, and an explicit choice of which one wins. */
export function NoteConflict({ theirs, onUseTheirs, onKeepMine, pending }: { theirs: SavedNote; onUseTheirs: () => void; onKeepMine: () => void; pending: boolean }) {
  return (
    <section aria-label="Newer version from a teammate" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">
        {theirs.updatedBy ?? "A teammate"} saved a newer version{theirs.updatedAt ? ` at ${new Date(theirs.updatedAt).toUTCString().slice(5, 22)} UTC` : ""}. Merge what you need into your draft above, then choose.
      </p>
      <div className="scroll-visible max-h-64 overflow-y-auto rounded-md border border-amber-200 bg-white p-3" tabIndex={0}>
        {theirs.body.trim() ? <Markdown text={theirs.body} /> : <p className="text-sm text-slate-600">Their note is empty.</p>}
        {theirs.blocked ? <p className="mt-2 text-sm text-rose-800"><strong>Blocked:</strong> {theirs.blockedReason}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={onKeepMine} disabled={pending}>Save my version over theirs</Button>
        <Button type="button" variant="secondary" onClick={onUseTheirs} disabled={pending}>Discard mine, use theirs</Button>
      </div>
    </section>
  );
}
