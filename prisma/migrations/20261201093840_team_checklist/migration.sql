-- CreateTable
CREATE TABLE "TeamChecklistTick" (
    "teamId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "checkedById" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamChecklistTick_pkey" PRIMARY KEY ("teamId","itemKey")
);

-- AddForeignKey
ALTER TABLE "TeamChecklistTick" ADD CONSTRAINT "TeamChecklistTick_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamChecklistTick" ADD CONSTRAINT "TeamChecklistTick_checkedById_fkey" FOREIGN KEY ("checkedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

