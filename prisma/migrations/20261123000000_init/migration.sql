-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "LimitPeriod" AS ENUM ('ABSOLUTE', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR');

-- CreateEnum
CREATE TYPE "CardStatus" AS ENUM ('ACTIVE', 'BLOCKED', 'REPLACED');

-- CreateEnum
CREATE TYPE "CardType" AS ENUM ('PHYSICAL', 'DIGITAL');

-- CreateEnum
CREATE TYPE "CardIssueReason" AS ENUM ('FIRST_CARD', 'EXTRA_CARD', 'DEFECT', 'THEFT_LOSS', 'KANSENSTATUUT_OBTAINED', 'KANSENSTATUUT_LOST', 'UPGRADE');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'X');

-- CreateEnum
CREATE TYPE "CounterType" AS ENUM ('LIBRARY', 'CULTURAL_CENTRE', 'SPORTS', 'YOUTH', 'ASSOCIATION', 'MUNICIPALITY', 'OTHER');

-- CreateEnum
CREATE TYPE "PermissionGroup" AS ENUM ('AUTHORISED_REGISTRATION', 'NON_AUTHORISED_REGISTRATION', 'CHECKIN_TICKET');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('COORDINATOR', 'MUNICIPAL_ADMIN', 'COUNTER_STAFF');

-- CreateEnum
CREATE TYPE "PillarEventMode" AS ENUM ('AUTOMATIC', 'SPECIFIC');

-- CreateEnum
CREATE TYPE "CheckinChannel" AS ENUM ('COUNTER', 'PILLAR', 'QR');

-- CreateEnum
CREATE TYPE "RecordStatus" AS ENUM ('ACTIVE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('ACTIVE', 'REMOVED');

-- CreateEnum
CREATE TYPE "AdvantageKind" AS ENUM ('WELCOME', 'EXCHANGE');

-- CreateEnum
CREATE TYPE "RedemptionChannel" AS ENUM ('COUNTER', 'ONLINE');

-- CreateEnum
CREATE TYPE "PointsTransactionType" AS ENUM ('CHECKIN', 'CHECKIN_CORRECTION', 'REDEMPTION', 'REDEMPTION_REMOVAL');

-- CreateEnum
CREATE TYPE "CouponTarget" AS ENUM ('ALL', 'ALL_MIA', 'SEGMENT');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('ADMIN', 'PORTAL');

-- CreateTable
CREATE TABLE "CardSystem" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "checkinMarginBeforeMinutes" INTEGER NOT NULL DEFAULT 60,
    "checkinMarginAfterMinutes" INTEGER NOT NULL DEFAULT 60,
    "inszRequired" BOOLEAN NOT NULL DEFAULT false,
    "keyParticipantPct" INTEGER NOT NULL DEFAULT 25,
    "keyOrganiserPct" INTEGER NOT NULL DEFAULT 55,
    "keyMunicipalityPct" INTEGER NOT NULL DEFAULT 20,
    "coordinatorEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CardSystem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Municipality" (
    "id" SERIAL NOT NULL,
    "cardSystemId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nisCode" TEXT,
    "joinedAt" DATE NOT NULL,
    "contactEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubMunicipality" (
    "id" SERIAL NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "postalCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "SubMunicipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Passholder" (
    "id" UUID NOT NULL,
    "cardSystemId" INTEGER NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "gender" "Gender",
    "email" TEXT,
    "phone" TEXT,
    "street" TEXT,
    "houseNumber" TEXT,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "insz" TEXT,
    "kansenstatuutStart" DATE,
    "kansenstatuutEnd" DATE,
    "points" INTEGER NOT NULL DEFAULT 0,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registeredAtCounterId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Passholder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Card" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "passholderId" UUID NOT NULL,
    "type" "CardType" NOT NULL DEFAULT 'PHYSICAL',
    "status" "CardStatus" NOT NULL DEFAULT 'ACTIVE',
    "issueReason" "CardIssueReason" NOT NULL DEFAULT 'FIRST_CARD',
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedAtCounterId" INTEGER,
    "blockedAt" TIMESTAMP(3),
    "blockReason" TEXT,
    "replacedAt" TIMESTAMP(3),
    "replacedByCardId" INTEGER,

    CONSTRAINT "Card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Counter" (
    "id" SERIAL NOT NULL,
    "cardSystemId" INTEGER NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" "CounterType" NOT NULL DEFAULT 'OTHER',
    "consumerKey" TEXT NOT NULL,
    "permissionGroups" "PermissionGroup"[],
    "iban" TEXT,
    "keyParticipantPct" INTEGER,
    "keyOrganiserPct" INTEGER,
    "keyMunicipalityPct" INTEGER,
    "miaTicketLimit" INTEGER,
    "miaTicketLimitPeriod" "LimitPeriod" NOT NULL DEFAULT 'YEAR',
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "municipalityId" INTEGER,
    "mayViewInsz" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CounterStaff" (
    "counterId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CounterStaff_pkey" PRIMARY KEY ("counterId","userId")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" UUID NOT NULL,
    "cardSystemId" INTEGER NOT NULL,
    "cdbid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "location" TEXT,
    "organiserCounterId" INTEGER NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 1,
    "checkinMarginBeforeMinutes" INTEGER,
    "checkinMarginAfterMinutes" INTEGER,
    "checkinLimit" INTEGER NOT NULL DEFAULT 1,
    "checkinLimitPeriod" "LimitPeriod" NOT NULL DEFAULT 'DAY',
    "priceCents" INTEGER,
    "kansentariefCents" INTEGER,
    "saveCodeVersion" INTEGER NOT NULL DEFAULT 1,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pillar" (
    "id" SERIAL NOT NULL,
    "cid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "showQrCode" BOOLEAN NOT NULL DEFAULT false,
    "eventMode" "PillarEventMode" NOT NULL DEFAULT 'AUTOMATIC',
    "specificEventId" UUID,
    "fixedEventId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pillar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PillarCounter" (
    "pillarId" INTEGER NOT NULL,
    "counterId" INTEGER NOT NULL,

    CONSTRAINT "PillarCounter_pkey" PRIMARY KEY ("pillarId","counterId")
);

-- CreateTable
CREATE TABLE "Checkin" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "passholderId" UUID NOT NULL,
    "cardId" INTEGER,
    "counterId" INTEGER,
    "pillarId" INTEGER,
    "channel" "CheckinChannel" NOT NULL,
    "points" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "checkedInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "corrected" BOOLEAN NOT NULL DEFAULT false,
    "correctedAt" TIMESTAMP(3),
    "correctedBy" TEXT,
    "correctionReason" TEXT,

    CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketSale" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "passholderId" UUID NOT NULL,
    "cardId" INTEGER,
    "counterId" INTEGER NOT NULL,
    "soldAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "regularPriceCents" INTEGER NOT NULL,
    "tariffCents" INTEGER NOT NULL,
    "keyParticipantPct" INTEGER NOT NULL,
    "keyOrganiserPct" INTEGER NOT NULL,
    "keyMunicipalityPct" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" "RecordStatus" NOT NULL DEFAULT 'ACTIVE',
    "cancelledAt" TIMESTAMP(3),
    "cancelledBy" TEXT,
    "cancelReason" TEXT,

    CONSTRAINT "TicketSale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Coupon" (
    "id" SERIAL NOT NULL,
    "cardSystemId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "usageLimit" INTEGER NOT NULL DEFAULT 1,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "conditions" TEXT,
    "discountCents" INTEGER,
    "keyParticipantPct" INTEGER NOT NULL DEFAULT 25,
    "keyOrganiserPct" INTEGER NOT NULL DEFAULT 55,
    "keyMunicipalityPct" INTEGER NOT NULL DEFAULT 20,
    "target" "CouponTarget" NOT NULL DEFAULT 'ALL',
    "segmentMunicipalityId" INTEGER,
    "segmentMinAge" INTEGER,
    "segmentMaxAge" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponGrant" (
    "id" SERIAL NOT NULL,
    "couponId" INTEGER NOT NULL,
    "passholderId" UUID NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CouponGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponUse" (
    "id" SERIAL NOT NULL,
    "grantId" INTEGER NOT NULL,
    "counterId" INTEGER NOT NULL,
    "eventId" UUID,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CouponUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Advantage" (
    "id" SERIAL NOT NULL,
    "cardSystemId" INTEGER NOT NULL,
    "kind" "AdvantageKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "ownerMunicipalityId" INTEGER,
    "points" INTEGER NOT NULL DEFAULT 0,
    "unitsAvailable" INTEGER,
    "maxTotal" INTEGER,
    "redeemedCount" INTEGER NOT NULL DEFAULT 0,
    "perUserLimit" INTEGER,
    "perUserLimitPeriod" "LimitPeriod" NOT NULL DEFAULT 'ABSOLUTE',
    "publicationStart" TIMESTAMP(3) NOT NULL,
    "publicationEnd" TIMESTAMP(3),
    "grantStart" TIMESTAMP(3),
    "grantEnd" TIMESTAMP(3),
    "exchangeStart" TIMESTAMP(3) NOT NULL,
    "exchangeEnd" TIMESTAMP(3),
    "onlineExchange" BOOLEAN NOT NULL DEFAULT false,
    "onlineUrl" TEXT,
    "usesUniqueCodes" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Advantage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvantageCounter" (
    "advantageId" INTEGER NOT NULL,
    "counterId" INTEGER NOT NULL,

    CONSTRAINT "AdvantageCounter_pkey" PRIMARY KEY ("advantageId","counterId")
);

-- CreateTable
CREATE TABLE "AdvantageMunicipality" (
    "advantageId" INTEGER NOT NULL,
    "municipalityId" INTEGER NOT NULL,

    CONSTRAINT "AdvantageMunicipality_pkey" PRIMARY KEY ("advantageId","municipalityId")
);

-- CreateTable
CREATE TABLE "AdvantageCode" (
    "id" SERIAL NOT NULL,
    "advantageId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redemptionId" UUID,

    CONSTRAINT "AdvantageCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" UUID NOT NULL,
    "advantageId" INTEGER NOT NULL,
    "kind" "AdvantageKind" NOT NULL,
    "passholderId" UUID NOT NULL,
    "cardId" INTEGER,
    "counterId" INTEGER,
    "channel" "RedemptionChannel" NOT NULL,
    "points" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "redeemedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'ACTIVE',
    "removedAt" TIMESTAMP(3),
    "removedBy" TEXT,
    "removalReason" TEXT,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsTransaction" (
    "id" UUID NOT NULL,
    "passholderId" UUID NOT NULL,
    "type" "PointsTransactionType" NOT NULL,
    "amount" INTEGER NOT NULL,
    "checkinId" UUID,
    "redemptionId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,
    "note" TEXT,

    CONSTRAINT "PointsTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "uitidEmail" TEXT,
    "uitidEmailReceivedAt" TIMESTAMP(3),
    "contactName" TEXT,
    "municipalityId" INTEGER NOT NULL,
    "counterId" INTEGER,
    "agreementFile" TEXT,
    "agreementSignedAt" DATE,
    "collegeApprovedAt" DATE,
    "regionFormFilledAt" TIMESTAMP(3),
    "counterAdjustedAt" TIMESTAMP(3),
    "welcomeMailSentAt" TIMESTAMP(3),
    "coordinatorNotifiedAt" TIMESTAMP(3),
    "passholdersInformedAt" TIMESTAMP(3),
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" UUID NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,
    "providerId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "recordId" TEXT,
    "changes" JSONB,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "userId" INTEGER,
    "passholderId" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "CardSystem_name_key" ON "CardSystem"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_nisCode_key" ON "Municipality"("nisCode");

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_cardSystemId_name_key" ON "Municipality"("cardSystemId", "name");

-- CreateIndex
CREATE INDEX "SubMunicipality_postalCode_idx" ON "SubMunicipality"("postalCode");

-- CreateIndex
CREATE INDEX "SubMunicipality_municipalityId_idx" ON "SubMunicipality"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "SubMunicipality_postalCode_name_key" ON "SubMunicipality"("postalCode", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Passholder_email_key" ON "Passholder"("email");

-- CreateIndex
CREATE INDEX "Passholder_lastName_firstName_idx" ON "Passholder"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "Passholder_firstName_idx" ON "Passholder"("firstName");

-- CreateIndex
CREATE INDEX "Passholder_municipalityId_idx" ON "Passholder"("municipalityId");

-- CreateIndex
CREATE INDEX "Passholder_postalCode_idx" ON "Passholder"("postalCode");

-- CreateIndex
CREATE INDEX "Passholder_registeredAtCounterId_idx" ON "Passholder"("registeredAtCounterId");

-- CreateIndex
CREATE INDEX "Passholder_kansenstatuutEnd_idx" ON "Passholder"("kansenstatuutEnd");

-- CreateIndex
CREATE UNIQUE INDEX "Card_number_key" ON "Card"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Card_replacedByCardId_key" ON "Card"("replacedByCardId");

-- CreateIndex
CREATE INDEX "Card_passholderId_issuedAt_idx" ON "Card"("passholderId", "issuedAt");

-- CreateIndex
CREATE INDEX "Card_status_idx" ON "Card"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Counter_consumerKey_key" ON "Counter"("consumerKey");

-- CreateIndex
CREATE INDEX "Counter_municipalityId_idx" ON "Counter"("municipalityId");

-- CreateIndex
CREATE INDEX "Counter_name_idx" ON "Counter"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_municipalityId_idx" ON "User"("municipalityId");

-- CreateIndex
CREATE INDEX "CounterStaff_userId_idx" ON "CounterStaff"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Event_cdbid_key" ON "Event"("cdbid");

-- CreateIndex
CREATE INDEX "Event_startsAt_idx" ON "Event"("startsAt");

-- CreateIndex
CREATE INDEX "Event_organiserCounterId_startsAt_idx" ON "Event"("organiserCounterId", "startsAt");

-- CreateIndex
CREATE INDEX "Event_municipalityId_startsAt_idx" ON "Event"("municipalityId", "startsAt");

-- CreateIndex
CREATE INDEX "Event_name_idx" ON "Event"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Pillar_cid_key" ON "Pillar"("cid");

-- CreateIndex
CREATE INDEX "Pillar_municipalityId_idx" ON "Pillar"("municipalityId");

-- CreateIndex
CREATE INDEX "PillarCounter_counterId_idx" ON "PillarCounter"("counterId");

-- CreateIndex
CREATE INDEX "Checkin_eventId_checkedInAt_idx" ON "Checkin"("eventId", "checkedInAt");

-- CreateIndex
CREATE INDEX "Checkin_counterId_checkedInAt_idx" ON "Checkin"("counterId", "checkedInAt");

-- CreateIndex
CREATE INDEX "Checkin_checkedInAt_idx" ON "Checkin"("checkedInAt");

-- CreateIndex
CREATE INDEX "Checkin_passholderId_checkedInAt_idx" ON "Checkin"("passholderId", "checkedInAt");

-- CreateIndex
CREATE INDEX "TicketSale_eventId_soldAt_idx" ON "TicketSale"("eventId", "soldAt");

-- CreateIndex
CREATE INDEX "TicketSale_counterId_soldAt_idx" ON "TicketSale"("counterId", "soldAt");

-- CreateIndex
CREATE INDEX "TicketSale_soldAt_idx" ON "TicketSale"("soldAt");

-- CreateIndex
CREATE INDEX "TicketSale_passholderId_soldAt_idx" ON "TicketSale"("passholderId", "soldAt");

-- CreateIndex
CREATE INDEX "Coupon_validUntil_idx" ON "Coupon"("validUntil");

-- CreateIndex
CREATE INDEX "CouponGrant_passholderId_idx" ON "CouponGrant"("passholderId");

-- CreateIndex
CREATE UNIQUE INDEX "CouponGrant_couponId_passholderId_key" ON "CouponGrant"("couponId", "passholderId");

-- CreateIndex
CREATE INDEX "CouponUse_grantId_idx" ON "CouponUse"("grantId");

-- CreateIndex
CREATE INDEX "CouponUse_counterId_usedAt_idx" ON "CouponUse"("counterId", "usedAt");

-- CreateIndex
CREATE INDEX "Advantage_kind_exchangeStart_idx" ON "Advantage"("kind", "exchangeStart");

-- CreateIndex
CREATE INDEX "Advantage_ownerMunicipalityId_idx" ON "Advantage"("ownerMunicipalityId");

-- CreateIndex
CREATE INDEX "Advantage_title_idx" ON "Advantage"("title");

-- CreateIndex
CREATE INDEX "AdvantageCounter_counterId_idx" ON "AdvantageCounter"("counterId");

-- CreateIndex
CREATE INDEX "AdvantageMunicipality_municipalityId_idx" ON "AdvantageMunicipality"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "AdvantageCode_redemptionId_key" ON "AdvantageCode"("redemptionId");

-- CreateIndex
CREATE UNIQUE INDEX "AdvantageCode_advantageId_code_key" ON "AdvantageCode"("advantageId", "code");

-- CreateIndex
CREATE INDEX "Redemption_advantageId_passholderId_periodKey_idx" ON "Redemption"("advantageId", "passholderId", "periodKey");

-- CreateIndex
CREATE INDEX "Redemption_kind_redeemedAt_idx" ON "Redemption"("kind", "redeemedAt");

-- CreateIndex
CREATE INDEX "Redemption_counterId_redeemedAt_idx" ON "Redemption"("counterId", "redeemedAt");

-- CreateIndex
CREATE INDEX "Redemption_passholderId_redeemedAt_idx" ON "Redemption"("passholderId", "redeemedAt");

-- CreateIndex
CREATE INDEX "PointsTransaction_passholderId_createdAt_idx" ON "PointsTransaction"("passholderId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PointsTransaction_checkinId_type_key" ON "PointsTransaction"("checkinId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "PointsTransaction_redemptionId_type_key" ON "PointsTransaction"("redemptionId", "type");

-- CreateIndex
CREATE INDEX "Provider_municipalityId_idx" ON "Provider"("municipalityId");

-- CreateIndex
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_resource_recordId_idx" ON "AuditLog"("resource", "recordId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "RateLimit_windowStart_idx" ON "RateLimit"("windowStart");

-- AddForeignKey
ALTER TABLE "Municipality" ADD CONSTRAINT "Municipality_cardSystemId_fkey" FOREIGN KEY ("cardSystemId") REFERENCES "CardSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubMunicipality" ADD CONSTRAINT "SubMunicipality_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passholder" ADD CONSTRAINT "Passholder_cardSystemId_fkey" FOREIGN KEY ("cardSystemId") REFERENCES "CardSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passholder" ADD CONSTRAINT "Passholder_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passholder" ADD CONSTRAINT "Passholder_registeredAtCounterId_fkey" FOREIGN KEY ("registeredAtCounterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_issuedAtCounterId_fkey" FOREIGN KEY ("issuedAtCounterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_replacedByCardId_fkey" FOREIGN KEY ("replacedByCardId") REFERENCES "Card"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Counter" ADD CONSTRAINT "Counter_cardSystemId_fkey" FOREIGN KEY ("cardSystemId") REFERENCES "CardSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Counter" ADD CONSTRAINT "Counter_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterStaff" ADD CONSTRAINT "CounterStaff_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterStaff" ADD CONSTRAINT "CounterStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_cardSystemId_fkey" FOREIGN KEY ("cardSystemId") REFERENCES "CardSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_organiserCounterId_fkey" FOREIGN KEY ("organiserCounterId") REFERENCES "Counter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pillar" ADD CONSTRAINT "Pillar_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pillar" ADD CONSTRAINT "Pillar_specificEventId_fkey" FOREIGN KEY ("specificEventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pillar" ADD CONSTRAINT "Pillar_fixedEventId_fkey" FOREIGN KEY ("fixedEventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PillarCounter" ADD CONSTRAINT "PillarCounter_pillarId_fkey" FOREIGN KEY ("pillarId") REFERENCES "Pillar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PillarCounter" ADD CONSTRAINT "PillarCounter_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_pillarId_fkey" FOREIGN KEY ("pillarId") REFERENCES "Pillar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSale" ADD CONSTRAINT "TicketSale_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSale" ADD CONSTRAINT "TicketSale_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSale" ADD CONSTRAINT "TicketSale_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSale" ADD CONSTRAINT "TicketSale_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_cardSystemId_fkey" FOREIGN KEY ("cardSystemId") REFERENCES "CardSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_segmentMunicipalityId_fkey" FOREIGN KEY ("segmentMunicipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponGrant" ADD CONSTRAINT "CouponGrant_couponId_fkey" FOREIGN KEY ("couponId") REFERENCES "Coupon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponGrant" ADD CONSTRAINT "CouponGrant_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponUse" ADD CONSTRAINT "CouponUse_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CouponGrant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponUse" ADD CONSTRAINT "CouponUse_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponUse" ADD CONSTRAINT "CouponUse_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Advantage" ADD CONSTRAINT "Advantage_cardSystemId_fkey" FOREIGN KEY ("cardSystemId") REFERENCES "CardSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Advantage" ADD CONSTRAINT "Advantage_ownerMunicipalityId_fkey" FOREIGN KEY ("ownerMunicipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvantageCounter" ADD CONSTRAINT "AdvantageCounter_advantageId_fkey" FOREIGN KEY ("advantageId") REFERENCES "Advantage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvantageCounter" ADD CONSTRAINT "AdvantageCounter_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvantageMunicipality" ADD CONSTRAINT "AdvantageMunicipality_advantageId_fkey" FOREIGN KEY ("advantageId") REFERENCES "Advantage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvantageMunicipality" ADD CONSTRAINT "AdvantageMunicipality_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvantageCode" ADD CONSTRAINT "AdvantageCode_advantageId_fkey" FOREIGN KEY ("advantageId") REFERENCES "Advantage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvantageCode" ADD CONSTRAINT "AdvantageCode_redemptionId_fkey" FOREIGN KEY ("redemptionId") REFERENCES "Redemption"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_advantageId_fkey" FOREIGN KEY ("advantageId") REFERENCES "Advantage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsTransaction" ADD CONSTRAINT "PointsTransaction_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsTransaction" ADD CONSTRAINT "PointsTransaction_checkinId_fkey" FOREIGN KEY ("checkinId") REFERENCES "Checkin"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PointsTransaction" ADD CONSTRAINT "PointsTransaction_redemptionId_fkey" FOREIGN KEY ("redemptionId") REFERENCES "Redemption"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Provider" ADD CONSTRAINT "Provider_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Provider" ADD CONSTRAINT "Provider_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Rules the database enforces itself (Prisma's schema language cannot express these).
ALTER TABLE "Passholder" ADD CONSTRAINT "Passholder_points_not_negative" CHECK ("points" >= 0);
-- A card number is 13 digits whose last one is a Luhn check digit (as UiTPAS numbers such as 0900000095902).
CREATE FUNCTION "card_number_is_valid"(number text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN number ~ '^[0-9]{13}$' THEN (
    SELECT sum(CASE WHEN (13 - i) % 2 = 1 THEN (d * 2) - CASE WHEN d * 2 > 9 THEN 9 ELSE 0 END ELSE d END) % 10 = 0
    FROM (SELECT i, substr(number, i, 1)::int AS d FROM generate_series(1, 13) AS i) AS digits)
  ELSE false END
$$;
ALTER TABLE "Card" ADD CONSTRAINT "Card_number_valid" CHECK ("card_number_is_valid"("number"));
CREATE UNIQUE INDEX "Card_one_active_per_passholder" ON "Card"("passholderId") WHERE "status" = 'ACTIVE';

ALTER TABLE "CardSystem" ADD CONSTRAINT "CardSystem_key_sums_to_100"
  CHECK ("keyParticipantPct" + "keyOrganiserPct" + "keyMunicipalityPct" = 100
     AND "keyParticipantPct" >= 0 AND "keyOrganiserPct" >= 0 AND "keyMunicipalityPct" >= 0);
ALTER TABLE "Counter" ADD CONSTRAINT "Counter_key_sums_to_100"
  CHECK (("keyParticipantPct" IS NULL AND "keyOrganiserPct" IS NULL AND "keyMunicipalityPct" IS NULL)
     OR ("keyParticipantPct" + "keyOrganiserPct" + "keyMunicipalityPct" = 100
         AND "keyParticipantPct" >= 0 AND "keyOrganiserPct" >= 0 AND "keyMunicipalityPct" >= 0));
ALTER TABLE "Counter" ADD CONSTRAINT "Counter_mia_limit_positive" CHECK ("miaTicketLimit" IS NULL OR "miaTicketLimit" >= 0);
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_key_sums_to_100"
  CHECK ("keyParticipantPct" + "keyOrganiserPct" + "keyMunicipalityPct" = 100);
ALTER TABLE "TicketSale" ADD CONSTRAINT "TicketSale_key_sums_to_100"
  CHECK ("keyParticipantPct" + "keyOrganiserPct" + "keyMunicipalityPct" = 100);

ALTER TABLE "Event" ADD CONSTRAINT "Event_ends_after_start" CHECK ("endsAt" >= "startsAt");
ALTER TABLE "Event" ADD CONSTRAINT "Event_points_not_negative" CHECK ("points" >= 0);
ALTER TABLE "Event" ADD CONSTRAINT "Event_checkin_limit_positive" CHECK ("checkinLimit" >= 1);

-- At most checkinLimit check-ins per passholder, event and period: each takes a numbered slot.
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_slot_positive" CHECK ("slot" >= 1);
CREATE UNIQUE INDEX "Checkin_one_per_slot" ON "Checkin"("eventId", "passholderId", "periodKey", "slot") WHERE NOT "corrected";

-- Stock and total maximum can never be exceeded, whatever the application does.
ALTER TABLE "Advantage" ADD CONSTRAINT "Advantage_redeemed_within_stock"
  CHECK ("redeemedCount" >= 0
     AND ("unitsAvailable" IS NULL OR "redeemedCount" <= "unitsAvailable")
     AND ("maxTotal" IS NULL OR "redeemedCount" <= "maxTotal"));
ALTER TABLE "Advantage" ADD CONSTRAINT "Advantage_points_not_negative" CHECK ("points" >= 0);
ALTER TABLE "Advantage" ADD CONSTRAINT "Advantage_per_user_limit_positive" CHECK ("perUserLimit" IS NULL OR "perUserLimit" >= 1);
-- A welcome advantage is granted once.
CREATE UNIQUE INDEX "Redemption_welcome_once" ON "Redemption"("advantageId", "passholderId") WHERE "kind" = 'WELCOME' AND "status" = 'ACTIVE';

ALTER TABLE "CouponGrant" ADD CONSTRAINT "CouponGrant_used_not_negative" CHECK ("usedCount" >= 0);

CREATE INDEX "AdvantageCode_free" ON "AdvantageCode"("advantageId", "id") WHERE "redemptionId" IS NULL;
CREATE INDEX "Passholder_lastName_lower" ON "Passholder"(lower("lastName"));
CREATE INDEX "Passholder_firstName_lower" ON "Passholder"(lower("firstName"));
