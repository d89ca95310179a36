-- Two-factor sign-in (TOTP) for staff accounts: the secret encrypted, recovery codes hashed.
CREATE TABLE "StaffTwoFactor" (
    "userId" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,
    "enabledAt" TIMESTAMP(3),
    "recoveryCodes" TEXT[],
    "lastStep" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffTwoFactor_pkey" PRIMARY KEY ("userId")
);

ALTER TABLE "StaffTwoFactor" ADD CONSTRAINT "StaffTwoFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
