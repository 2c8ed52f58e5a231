-- CreateEnum
CREATE TYPE "SignoffRole" AS ENUM ('TECH_LEAD', 'PROJECT_MANAGER', 'STAKEHOLDER');

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "teamId" TEXT,
    "cohortId" TEXT,
    "subject" TEXT,
    "data" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignoffRound" (
    "teamId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedById" TEXT,
    "openedReason" TEXT,
    "staleAt" TIMESTAMPTZ(3),
    "staleReason" TEXT,

    CONSTRAINT "SignoffRound_pkey" PRIMARY KEY ("teamId","round")
);

-- CreateTable
CREATE TABLE "Signoff" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "role" "SignoffRole" NOT NULL,
    "signerId" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "evidenceHash" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Signoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignoffNotice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "SignoffNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamClosure" (
    "teamId" TEXT NOT NULL,
    "lessonsLearned" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TeamClosure_pkey" PRIMARY KEY ("teamId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_cohortId_seq_idx" ON "AuditEvent"("cohortId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_seq_idx" ON "AuditEvent"("teamId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Signoff_teamId_round_role_key" ON "Signoff"("teamId", "round", "role");

-- CreateIndex
CREATE INDEX "SignoffNotice_userId_readAt_idx" ON "SignoffNotice"("userId", "readAt");

-- AddForeignKey
ALTER TABLE "SignoffRound" ADD CONSTRAINT "SignoffRound_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signoff" ADD CONSTRAINT "Signoff_teamId_round_fkey" FOREIGN KEY ("teamId", "round") REFERENCES "SignoffRound"("teamId", "round") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignoffNotice" ADD CONSTRAINT "SignoffNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamClosure" ADD CONSTRAINT "TeamClosure_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit chain's head: one row, starting at the genesis hash (64 zeros).
ALTER TABLE "AuditHead" ADD CONSTRAINT "AuditHead_single_row" CHECK ("id" = 1);
INSERT INTO "AuditHead" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));

-- Every new event must follow the head exactly (the next number, the head's hash as its previous hash),
-- and moves the head. The head's row lock makes concurrent appends wait for each other, so two
-- transactions can never both extend the same event: the chain cannot fork.
CREATE FUNCTION "daybook_audit_link"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head RECORD;
BEGIN
  SELECT "seq", "hash" INTO head FROM "AuditHead" WHERE "id" = 1 FOR UPDATE;
  IF NEW."seq" <> head."seq" + 1 OR NEW."prevHash" <> head."hash" THEN
    RAISE EXCEPTION 'audit event % does not follow the chain head (event %)', NEW."seq", head."seq";
  END IF;
  UPDATE "AuditHead" SET "seq" = NEW."seq", "hash" = NEW."hash" WHERE "id" = 1;
  RETURN NEW;
END $$;

CREATE TRIGGER "AuditEvent_link" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "daybook_audit_link"();

-- Append-only: events are never changed or removed, whichever code path (or SQL session) tries.
CREATE FUNCTION "daybook_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on "%" is not allowed', TG_OP, TG_TABLE_NAME;
END $$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "daybook_audit_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "daybook_audit_append_only"();

-- The head moves only from inside the insert trigger above (trigger depth 2), never by a direct UPDATE.
CREATE FUNCTION "daybook_audit_head_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit chain head moves only when an event is appended (% refused)', TG_OP;
END $$;

CREATE TRIGGER "AuditHead_guard" BEFORE UPDATE OR DELETE ON "AuditHead"
  FOR EACH ROW EXECUTE FUNCTION "daybook_audit_head_guard"();
CREATE TRIGGER "AuditHead_no_truncate" BEFORE TRUNCATE ON "AuditHead"
  FOR EACH STATEMENT EXECUTE FUNCTION "daybook_audit_head_guard"();
