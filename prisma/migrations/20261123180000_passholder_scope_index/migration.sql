-- DropIndex
DROP INDEX "Passholder_municipalityId_idx";

-- CreateIndex
CREATE INDEX "Passholder_municipalityId_id_idx" ON "Passholder"("municipalityId", "id");

