-- AlterTable
ALTER TABLE "RunBatch" ADD COLUMN     "settleScale" DOUBLE PRECISION;

