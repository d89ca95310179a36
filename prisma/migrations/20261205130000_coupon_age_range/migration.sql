-- A coupon's target says plainly whom it reaches (admin/write-errors.ts names each refusal in Dutch).

-- Existing rows first. Segment fields on a coupon for all passholders were ignored when granting: drop them.
UPDATE "Coupon" SET "segmentMunicipalityId" = NULL, "segmentMinAge" = NULL, "segmentMaxAge" = NULL WHERE "target" <> 'SEGMENT';
UPDATE "Coupon" SET "segmentMinAge" = NULL WHERE "segmentMinAge" < 0;
UPDATE "Coupon" SET "segmentMaxAge" = NULL WHERE "segmentMaxAge" < 0;
-- An age range typed the wrong way round reached nobody; swapped, it is the range that was meant.
UPDATE "Coupon" SET "segmentMinAge" = "segmentMaxAge", "segmentMaxAge" = "segmentMinAge" WHERE "segmentMinAge" > "segmentMaxAge";
-- A segment without any condition reached every passholder: say so.
UPDATE "Coupon" SET "target" = 'ALL'
WHERE "target" = 'SEGMENT' AND "segmentMunicipalityId" IS NULL AND "segmentMinAge" IS NULL AND "segmentMaxAge" IS NULL;

ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_segment_min_age_not_negative" CHECK ("segmentMinAge" >= 0);
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_segment_max_age_not_negative" CHECK ("segmentMaxAge" >= 0);
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_segment_age_range" CHECK ("segmentMinAge" <= "segmentMaxAge");
-- Also keeps a coupon for one municipality from silently becoming one for everybody when that municipality is deleted (ON DELETE SET NULL).
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_segment_has_condition"
  CHECK ("target" <> 'SEGMENT' OR "segmentMunicipalityId" IS NOT NULL OR "segmentMinAge" IS NOT NULL OR "segmentMaxAge" IS NOT NULL);
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_segment_fields_only_for_segment"
  CHECK ("target" = 'SEGMENT' OR ("segmentMunicipalityId" IS NULL AND "segmentMinAge" IS NULL AND "segmentMaxAge" IS NULL));
