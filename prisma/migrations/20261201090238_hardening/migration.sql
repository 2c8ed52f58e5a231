-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable: join codes that already exist get the default lifetime (14 days) from now.
ALTER TABLE "Team" ADD COLUMN     "joinCodeExpiresAt" TIMESTAMPTZ(3) NOT NULL DEFAULT (now() + interval '14 days');
ALTER TABLE "Team" ALTER COLUMN "joinCodeExpiresAt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "AuthThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuthThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AuthThrottle_updatedAt_idx" ON "AuthThrottle"("updatedAt");

-- Cohorts an instructor already named twice (a double submit) keep their teams; the later ones get a suffix.
UPDATE "Cohort" c SET "name" = c."name" || ' (' || d.n || ')'
FROM (SELECT "id", row_number() OVER (PARTITION BY "instructorId", "name" ORDER BY "createdAt", "id") AS n FROM "Cohort") d
WHERE d."id" = c."id" AND d.n > 1;

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_instructorId_name_key" ON "Cohort"("instructorId", "name");

-- Session versions: any change to who a user is or what they may do ends their existing sessions,
-- whichever code path makes the change. Sign-out bumps the version directly.
CREATE FUNCTION "daybook_bump_session_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'User' THEN
    NEW."sessionVersion" := OLD."sessionVersion" + 1;
    RETURN NEW;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "id" = OLD."userId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "id" = NEW."userId" AND (TG_OP = 'INSERT' OR NEW."userId" <> OLD."userId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_session_version" BEFORE UPDATE OF "role", "passwordHash", "email" ON "User"
  FOR EACH ROW WHEN (OLD."role" IS DISTINCT FROM NEW."role" OR OLD."passwordHash" IS DISTINCT FROM NEW."passwordHash" OR OLD."email" IS DISTINCT FROM NEW."email")
  EXECUTE FUNCTION "daybook_bump_session_version"();

CREATE TRIGGER "TeamMember_session_version" AFTER INSERT OR DELETE OR UPDATE OF "teamId", "userId" ON "TeamMember"
  FOR EACH ROW EXECUTE FUNCTION "daybook_bump_session_version"();
