-- CreateTable
CREATE TABLE "PortalSignInToken" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "passholderId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "returnTo" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PortalSignInToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PortalSignInToken_tokenHash_key" ON "PortalSignInToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PortalSignInToken_passholderId_createdAt_idx" ON "PortalSignInToken"("passholderId", "createdAt");

-- CreateIndex
CREATE INDEX "PortalSignInToken_expiresAt_idx" ON "PortalSignInToken"("expiresAt");

-- AddForeignKey
ALTER TABLE "PortalSignInToken" ADD CONSTRAINT "PortalSignInToken_passholderId_fkey" FOREIGN KEY ("passholderId") REFERENCES "Passholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

