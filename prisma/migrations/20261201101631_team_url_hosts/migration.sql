-- AlterTable
ALTER TABLE "TeamCluster" ADD COLUMN     "monitoringHost" TEXT,
ADD COLUMN     "productionHost" TEXT;

