-- Sessions of the counter desk (/balie) live in the same table as those of the backoffice and the portal.
ALTER TYPE "SessionKind" ADD VALUE IF NOT EXISTS 'DESK';
