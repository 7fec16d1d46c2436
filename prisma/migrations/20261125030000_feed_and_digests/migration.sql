-- Calendar feed token (hashed) and digest opt-ins on User, and one row per digest to send.
ALTER TABLE "User" ADD COLUMN "feedTokenHash" TEXT;
ALTER TABLE "User" ADD COLUMN "feedCreatedAt" TIMESTAMP(3);
ALTER TABLE "User" ADD COLUMN "dailyDigest" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "weeklyCoachDigest" BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX "User_feedTokenHash_key" ON "User"("feedTokenHash");

CREATE TABLE "DigestDelivery" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DigestDelivery_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DigestDelivery_userId_kind_day_key" ON "DigestDelivery"("userId", "kind", "day");
ALTER TABLE "DigestDelivery" ADD CONSTRAINT "DigestDelivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
