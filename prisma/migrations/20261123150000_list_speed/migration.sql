-- CreateIndex
CREATE INDEX "Redemption_redeemedAt_idx" ON "Redemption"("redeemedAt");

-- The backoffice's name and card-number filters match any part of the value ("contains", in any case), which a
-- btree cannot serve. Trigram indexes can, where the pg_trgm extension is available (PostgreSQL with its
-- contrib modules; not the embedded PGlite, whose small databases need none). Without the right to create the
-- extension the indexes are skipped, never the migration.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_trgm kon niet worden aangemaakt: de naamfilters werken zonder trigramindexen.';
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "Passholder_lastName_trgm_idx" ON "Passholder" USING gin ("lastName" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "Passholder_firstName_trgm_idx" ON "Passholder" USING gin ("firstName" gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS "Card_number_trgm_idx" ON "Card" USING gin ("number" gin_trgm_ops);
  END IF;
END $$;
