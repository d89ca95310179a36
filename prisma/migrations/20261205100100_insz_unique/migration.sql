-- One INSZ belongs to one passholder. Existing duplicates must be resolved by a person first: the migration stops
-- and says so (without printing the numbers).
DO $$
DECLARE twice integer;
BEGIN
  SELECT count(*) INTO twice FROM (SELECT insz FROM "Passholder" WHERE insz IS NOT NULL GROUP BY insz HAVING count(*) > 1) AS d;
  IF twice > 0 THEN
    RAISE EXCEPTION 'Er zijn % rijksregisternummers (INSZ) die bij meer dan één pashouder horen. Zet die eerst recht; daarna kan deze versie starten.', twice;
  END IF;
END $$;

CREATE UNIQUE INDEX "Passholder_insz_key" ON "Passholder"("insz");
