import type { Actor } from "@/lib/auth/session";
import { getStepNote } from "@/lib/data/notes";
import { Card } from "@/components/ui/card";
import { formatWhen } from "@/lib/utils";
import { Markdown } from "./markdown";
import { NoteEditor } from "./note-editor";
import { NoteVersionWatcher } from "./note-version-watcher";

export async function StepNotes({ actor, teamId, stepId, canWrite }: { actor: Actor; teamId: string; stepId: string; canWrite: boolean }) {
  const note = await getStepNote(actor, teamId, stepId);
  return (
    <Card className="p-5 sm:p-6">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Team notes</h2>
        {note ? <p className="text-xs text-slate-600">Started by {note.author} · {formatWhen(note.createdAt)}</p> : null}
      </div>
      {note?.blocked && !canWrite ? (
        <p className="mb-3 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <strong>Blocked:</strong> {note.blockedReason}
        </p>
      ) : null}
      {canWrite ? (
        <NoteEditor
          teamId={teamId}
          stepId={stepId}
          initial={{ body: note?.body ?? "", blocked: note?.blocked ?? false, blockedReason: note?.blockedReason ?? null, version: note?.version ?? 0, updatedBy: note?.updatedBy ?? null, updatedAt: note?.updatedAt.toISOString() ?? null }}
        />
      ) : (
        <>
          <NoteVersionWatcher teamId={teamId} stepId={stepId} version={note?.version ?? 0} />
          {note?.body.trim() ? (
            <>
              <Markdown text={note.body} />
              <p className="mt-3 text-xs text-slate-600">Last edited by {note.updatedBy} · {formatWhen(note.updatedAt)}</p>
            </>
          ) : (
            <p className="text-sm text-slate-600">The team has not written a note on this step.</p>
          )}
        </>
      )}
    </Card>
  );
}
