-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "attempts" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "cancelRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "jobId" TEXT,
ADD COLUMN     "workStartedAt" TIMESTAMPTZ(3),
ADD COLUMN     "workerId" TEXT;

-- CreateTable
CREATE TABLE "Worker" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pidNamespace" TEXT,
    "pid" INTEGER NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunBatch" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "startedById" TEXT,
    "stepIds" JSONB NOT NULL DEFAULT '[]',
    "total" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RunBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunBatch_teamId_createdAt_idx" ON "RunBatch"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_workerId_idx" ON "Run"("workerId");

-- AddForeignKey
ALTER TABLE "RunBatch" ADD CONSTRAINT "RunBatch_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

