-- Days typed in the backoffice before this migration were stored one day early: its date picker sent the local
-- midnight of a browser in Belgium as a UTC moment (22:00 or 23:00 of the day before), and only that day was kept.
-- A day whose latest value came from such a form (an audit row written from a browser) is moved to the day that was
-- typed. Days written otherwise (demo data, scripts, core's own defaults) are left as they are.
CREATE TEMPORARY TABLE "_typed_day" (tbl text, field text, id text, written text) ON COMMIT DROP;

WITH writes AS (
  SELECT a.id AS audit_id, a.at, a.action, a."userAgent", a.resource, f.field, a."recordId", a.changes ->> f.field AS written
  FROM "AuditLog" a
  JOIN (VALUES
    ('Passholder', 'birthDate'), ('Passholder', 'kansenstatuutStart'), ('Passholder', 'kansenstatuutEnd'),
    ('Municipality', 'joinedAt'), ('Provider', 'agreementSignedAt'), ('Provider', 'collegeApprovedAt')
  ) AS f(resource, field) ON f.resource = a.resource
  WHERE (a.action IN ('admin.new', 'admin.edit') AND a.changes ? f.field)
     OR (a.action = 'passholder.register' AND f.field IN ('birthDate', 'kansenstatuutEnd'))
     OR (a.action = 'provider.uploadAgreement' AND f.field = 'agreementSignedAt' AND a.changes ->> 'agreementSignedAt' IS NOT NULL)
), latest AS (
  SELECT DISTINCT ON (resource, field, "recordId") * FROM writes ORDER BY resource, field, "recordId", at DESC, audit_id DESC
)
INSERT INTO "_typed_day" (tbl, field, id, written)
SELECT resource, field, "recordId", written FROM latest
WHERE "userAgent" IS NOT NULL AND action IN ('admin.new', 'admin.edit', 'passholder.register');

-- A form's write still holds when the day is the one its audit row recorded (registration recorded none).
DELETE FROM "_typed_day" t
USING "Passholder" p
WHERE t.tbl = 'Passholder' AND t.id = p.id::text AND t.written IS NOT NULL
  AND t.written <> to_char(CASE t.field WHEN 'birthDate' THEN p."birthDate" WHEN 'kansenstatuutStart' THEN p."kansenstatuutStart" ELSE p."kansenstatuutEnd" END, 'YYYY-MM-DD') || 'T00:00:00.000Z';
DELETE FROM "_typed_day" t
USING "Municipality" m
WHERE t.tbl = 'Municipality' AND t.id = m.id::text AND t.written <> to_char(m."joinedAt", 'YYYY-MM-DD') || 'T00:00:00.000Z';
DELETE FROM "_typed_day" t
USING "Provider" p
WHERE t.tbl = 'Provider' AND t.id = p.id::text
  AND t.written IS DISTINCT FROM to_char(CASE t.field WHEN 'agreementSignedAt' THEN p."agreementSignedAt" ELSE p."collegeApprovedAt" END, 'YYYY-MM-DD') || 'T00:00:00.000Z';

UPDATE "Passholder" p SET "birthDate" = p."birthDate" + 1
FROM "_typed_day" t WHERE t.tbl = 'Passholder' AND t.field = 'birthDate' AND t.id = p.id::text;
UPDATE "Passholder" p SET "kansenstatuutStart" = p."kansenstatuutStart" + 1
FROM "_typed_day" t WHERE t.tbl = 'Passholder' AND t.field = 'kansenstatuutStart' AND t.id = p.id::text AND p."kansenstatuutStart" IS NOT NULL;
-- At registration an end left empty became 30 April, which the form could not have produced.
UPDATE "Passholder" p SET "kansenstatuutEnd" = p."kansenstatuutEnd" + 1
FROM "_typed_day" t WHERE t.tbl = 'Passholder' AND t.field = 'kansenstatuutEnd' AND t.id = p.id::text AND p."kansenstatuutEnd" IS NOT NULL
  AND to_char(p."kansenstatuutEnd", 'MM-DD') <> '04-30';
UPDATE "Municipality" m SET "joinedAt" = m."joinedAt" + 1
FROM "_typed_day" t WHERE t.tbl = 'Municipality' AND t.field = 'joinedAt' AND t.id = m.id::text;
UPDATE "Provider" p SET "agreementSignedAt" = p."agreementSignedAt" + 1
FROM "_typed_day" t WHERE t.tbl = 'Provider' AND t.field = 'agreementSignedAt' AND t.id = p.id::text AND p."agreementSignedAt" IS NOT NULL;
UPDATE "Provider" p SET "collegeApprovedAt" = p."collegeApprovedAt" + 1
FROM "_typed_day" t WHERE t.tbl = 'Provider' AND t.field = 'collegeApprovedAt' AND t.id = p.id::text AND p."collegeApprovedAt" IS NOT NULL;
