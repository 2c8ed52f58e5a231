-- AlterEnum
ALTER TYPE "RunKind" ADD VALUE 'LOAD';
