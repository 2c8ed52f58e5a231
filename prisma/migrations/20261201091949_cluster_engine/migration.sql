-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('PREVIEW', 'APPLY', 'OPERATION', 'VERIFY', 'ATTEST');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'PASSED', 'FAILED', 'ERROR', 'INTERRUPTED', 'CANCELLED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "StepStatus" ADD VALUE 'FAILED';
ALTER TYPE "StepStatus" ADD VALUE 'ATTESTED';

-- DropForeignKey
ALTER TABLE "StepProgress" DROP CONSTRAINT "StepProgress_updatedById_fkey";

-- DropForeignKey
ALTER TABLE "StepEvent" DROP CONSTRAINT "StepEvent_actorId_fkey";

-- AlterTable
ALTER TABLE "StepProgress" ADD COLUMN     "runId" TEXT,
ALTER COLUMN "updatedById" DROP NOT NULL;

-- AlterTable
ALTER TABLE "StepEvent" ADD COLUMN     "runId" TEXT,
ALTER COLUMN "actorId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "TeamCluster" (
    "teamId" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "contextName" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT 'ecommerce',
    "registry" TEXT NOT NULL DEFAULT '',
    "mirrorPublic" BOOLEAN NOT NULL DEFAULT false,
    "productionUrl" TEXT,
    "monitoringUrl" TEXT,
    "source" TEXT NOT NULL,
    "credentials" TEXT,
    "generatedSecrets" TEXT,
    "serverVersion" TEXT,
    "nodesReady" TEXT,
    "testedAt" TIMESTAMPTZ(3),
    "connectedById" TEXT NOT NULL,
    "connectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "TeamCluster_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "kind" "RunKind" NOT NULL,
    "operationId" TEXT,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedById" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "clusterServer" TEXT,
    "serverVersion" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "results" JSONB NOT NULL DEFAULT '[]',
    "activeKey" TEXT,
    "batchId" TEXT,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateOverride" (
    "teamId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GateOverride_pkey" PRIMARY KEY ("teamId","stepId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Run_activeKey_key" ON "Run"("activeKey");

-- CreateIndex
CREATE INDEX "Run_teamId_stepId_startedAt_idx" ON "Run"("teamId", "stepId", "startedAt");

-- CreateIndex
CREATE INDEX "Run_batchId_idx" ON "Run"("batchId");

-- AddForeignKey
ALTER TABLE "StepProgress" ADD CONSTRAINT "StepProgress_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepEvent" ADD CONSTRAINT "StepEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamCluster" ADD CONSTRAINT "TeamCluster_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamCluster" ADD CONSTRAINT "TeamCluster_connectedById_fkey" FOREIGN KEY ("connectedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateOverride" ADD CONSTRAINT "GateOverride_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GateOverride" ADD CONSTRAINT "GateOverride_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

