-- Every event gets a short code to type when scanning fails: 8 characters from an alphabet without the look-alikes
-- 0/O and 1/I/L, stored in capitals (typed input is upper-cased). Made by the database, so events created by any
-- path (backoffice form, seeds, bulk SQL) get one; gen_random_uuid() is the strong random source built in.
CREATE FUNCTION "event_manual_code"() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  alphabet CONSTANT text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  code text;
  bytes bytea;
BEGIN
  LOOP
    code := '';
    FOR i IN 1..8 LOOP
      -- Two fully random bytes of a fresh v4 UUID per character: the modulo bias is negligible.
      bytes := uuid_send(gen_random_uuid());
      code := code || substr(alphabet, 1 + (get_byte(bytes, 0) * 256 + get_byte(bytes, 1)) % length(alphabet), 1);
    END LOOP;
    EXIT WHEN NOT EXISTS (SELECT 1 FROM "Event" WHERE "manualCode" = code);
  END LOOP;
  RETURN code;
END
$$;

ALTER TABLE "Event" ADD COLUMN "manualCode" TEXT;
UPDATE "Event" SET "manualCode" = "event_manual_code"();
ALTER TABLE "Event" ALTER COLUMN "manualCode" SET NOT NULL;
ALTER TABLE "Event" ALTER COLUMN "manualCode" SET DEFAULT "event_manual_code"();
CREATE UNIQUE INDEX "Event_manualCode_key" ON "Event"("manualCode");
ALTER TABLE "Event" ADD CONSTRAINT "Event_manualCode_valid" CHECK ("manualCode" ~ '^[2-9A-HJKMNP-Z]{8}$');

-- Raising the QR save-code version voids the printed poster; the code to type on it is replaced with it.
CREATE FUNCTION "event_new_manual_code"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."manualCode" := "event_manual_code"();
  RETURN NEW;
END
$$;
CREATE TRIGGER "Event_new_manual_code_with_version" BEFORE UPDATE OF "saveCodeVersion" ON "Event"
  FOR EACH ROW WHEN (NEW."saveCodeVersion" IS DISTINCT FROM OLD."saveCodeVersion") EXECUTE FUNCTION "event_new_manual_code"();
