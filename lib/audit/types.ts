/** Every kind of state change the audit trail records. */
export const AUDIT_TYPES = [
  "step.status",
  "run.opened",
  "run.closed",
  "run.interrupted",
  "run.requeued",
  "note.saved",
  "gate.override",
  "checklist.changed",
  "signoff.signed",
  "signoff.reopened",
  "signoff.stale",
  "closure.lessons",
  "cohort.created",
  "team.created",
  "joinCode.rotated",
  "membership.joined",
  "designation.changed",
  "cluster.connected",
  "cluster.settings",
  "cluster.disconnected",
  "signin.failed",
  "step.reset",
  "comment.posted",
  "team.renamed",
  "team.archived",
  "joinCode.expired",
  "membership.removed",
  "membership.moved",
  "cohort.invited",
  "invite.accepted",
  "calendar.saved",
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/** JSON-able details; never a secret, a password, a note's text or a cluster credential. */
export type AuditData = { [key: string]: string | number | boolean | null | string[] | AuditData | undefined };

export type AuditInput = {
  type: AuditType;
  actorId?: string | null;
  teamId?: string | null;
  /** Filled in from the team when omitted. */
  cohortId?: string | null;
  /** What the event is about within the team: a step id, a run id, a user id. */
  subject?: string | null;
  data?: AuditData;
};

export type AuditRow = {
  seq: number;
  at: Date;
  type: string;
  actorId: string | null;
  teamId: string | null;
  cohortId: string | null;
  subject: string | null;
  data: string;
  prevHash: string;
  hash: string;
};
