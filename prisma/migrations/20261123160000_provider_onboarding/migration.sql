-- AlterTable
ALTER TABLE "CardSystem" ADD COLUMN     "bannerUrl" TEXT,
ADD COLUMN     "brandColor" TEXT NOT NULL DEFAULT '#e6007e',
ADD COLUMN     "brandTextColor" TEXT NOT NULL DEFAULT '#ffffff',
ADD COLUMN     "counterAppUrl" TEXT NOT NULL DEFAULT 'https://balie.uitpas.be',
ADD COLUMN     "eventsDatabaseUrl" TEXT NOT NULL DEFAULT 'https://www.uitdatabank.be',
ADD COLUMN     "footerAddress" TEXT,
ADD COLUMN     "footerOrganisation" TEXT,
ADD COLUMN     "footerPhone" TEXT,
ADD COLUMN     "helpdeskEmail" TEXT,
ADD COLUMN     "logoUrl" TEXT,
ADD COLUMN     "newsletterUrl" TEXT,
ADD COLUMN     "providerManualUrl" TEXT;

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "coordinatorNotifiedBy" TEXT,
ADD COLUMN     "welcomeMailSentBy" TEXT;

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "emlFile" TEXT,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "queuedBy" TEXT,
ADD COLUMN     "resendOfId" UUID,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "ProviderAgreement" (
    "id" SERIAL NOT NULL,
    "providerId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "contentBase64" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploadedBy" TEXT NOT NULL,

    CONSTRAINT "ProviderAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProviderAgreement_providerId_uploadedAt_idx" ON "ProviderAgreement"("providerId", "uploadedAt");

-- AddForeignKey
ALTER TABLE "ProviderAgreement" ADD CONSTRAINT "ProviderAgreement_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: colours end up in mail CSS, so only plain hex colours; attempts only grow from zero; an agreement is at most 10 MB.
ALTER TABLE "CardSystem" ADD CONSTRAINT "CardSystem_brandColor_hex" CHECK ("brandColor" ~ '^#[0-9a-fA-F]{6}$');
ALTER TABLE "CardSystem" ADD CONSTRAINT "CardSystem_brandTextColor_hex" CHECK ("brandTextColor" ~ '^#[0-9a-fA-F]{6}$');
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_attempts_nonnegative" CHECK ("attempts" >= 0);
ALTER TABLE "ProviderAgreement" ADD CONSTRAINT "ProviderAgreement_size_limit" CHECK ("size" > 0 AND "size" <= 10485760);
