-- DropIndex
DROP INDEX "RebateEntry_accountId_kind_postedOn_idx";

-- CreateIndex
CREATE INDEX "RebateEntry_accountId_kind_postedOn_amountCents_idx" ON "RebateEntry"("accountId", "kind", "postedOn", "amountCents");

