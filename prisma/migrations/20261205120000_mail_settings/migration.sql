-- The footer's region address and "met de steun van" line, and the mails' reply address (Reply-To).
-- Left empty on existing card systems: their coordinator fills them in (replies go to the coordinator address meanwhile).
ALTER TABLE "CardSystem" ADD COLUMN "footerEmail" TEXT,
ADD COLUMN "footerSupportedBy" TEXT,
ADD COLUMN "replyToEmail" TEXT;

-- The Reply-To each outbox mail is sent with; mails queued before had none.
ALTER TABLE "EmailMessage" ADD COLUMN "replyTo" TEXT;
