-- CreateEnum
CREATE TYPE "signal_side" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "signal_kind" AS ENUM ('SWING', 'DAY', 'POSITION');

-- CreateEnum
CREATE TYPE "signal_status" AS ENUM ('OPEN', 'HIT_TARGET', 'STOPPED', 'CANCELED', 'CLOSED');

-- CreateEnum
CREATE TYPE "message_status" AS ENUM ('RECEIVED', 'PARSED', 'IGNORED', 'FAILED');

-- CreateEnum
CREATE TYPE "signal_update_kind" AS ENUM ('TARGET_HIT', 'STOPPED', 'PARTIAL_EXIT', 'CANCELED', 'CLOSED');

-- The first version's table (manual ingestSignal rows) is set aside, carried over at the end, then dropped.
ALTER TABLE "signals" RENAME TO "signals_v0";
ALTER TABLE "signals_v0" RENAME CONSTRAINT "signals_pkey" TO "signals_v0_pkey";
DROP INDEX "signals_asset_received_at_idx";
DROP INDEX "signals_received_at_idx";

-- CreateTable
CREATE TABLE "signals" (
    "id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "message_row_id" UUID NOT NULL,
    "asset" TEXT NOT NULL,
    "side" "signal_side" NOT NULL,
    "kind" "signal_kind",
    "entry_min" DECIMAL(18,4) NOT NULL,
    "entry_max" DECIMAL(18,4) NOT NULL,
    "targets" DECIMAL(18,4)[],
    "stop" DECIMAL(18,4),
    "status" "signal_status" NOT NULL,
    "targets_hit" INTEGER NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_channels" (
    "id" UUID NOT NULL,
    "chat_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "username" TEXT,
    "enabled" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "signal_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_messages" (
    "id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "message_id" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "edited_at" TIMESTAMPTZ(3),
    "text" TEXT NOT NULL,
    "reply_to" INTEGER,
    "status" "message_status" NOT NULL,
    "reason" TEXT,
    "version" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signal_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signal_message_revisions" (
    "message_row_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "status" "message_status" NOT NULL,
    "reason" TEXT,
    "replaced_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signal_message_revisions_pkey" PRIMARY KEY ("message_row_id","version")
);

-- CreateTable
CREATE TABLE "signal_revisions" (
    "signal_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "cause" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signal_revisions_pkey" PRIMARY KEY ("signal_id","version")
);

-- CreateTable
CREATE TABLE "signal_updates" (
    "id" UUID NOT NULL,
    "signal_id" UUID NOT NULL,
    "message_row_id" UUID NOT NULL,
    "kind" "signal_update_kind" NOT NULL,
    "target_number" INTEGER,
    "price" DECIMAL(18,4),
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signal_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_poll_offsets" (
    "bot" TEXT NOT NULL,
    "next_offset" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "telegram_poll_offsets_pkey" PRIMARY KEY ("bot")
);

-- CreateIndex
CREATE UNIQUE INDEX "signal_channels_chat_id_key" ON "signal_channels"("chat_id");

-- CreateIndex
CREATE INDEX "signal_messages_status_received_at_idx" ON "signal_messages"("status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "signal_messages_channel_id_message_id_key" ON "signal_messages"("channel_id", "message_id");

-- CreateIndex
CREATE INDEX "signal_updates_signal_id_at_idx" ON "signal_updates"("signal_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "signal_updates_message_row_id_key" ON "signal_updates"("message_row_id");

-- CreateIndex
CREATE UNIQUE INDEX "signals_message_row_id_key" ON "signals"("message_row_id");

-- CreateIndex
CREATE INDEX "signals_asset_posted_at_idx" ON "signals"("asset", "posted_at" DESC);

-- CreateIndex
CREATE INDEX "signals_posted_at_id_idx" ON "signals"("posted_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "signals_status_expires_at_idx" ON "signals"("status", "expires_at");

-- AddForeignKey
ALTER TABLE "signal_messages" ADD CONSTRAINT "signal_messages_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "signal_channels"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signal_message_revisions" ADD CONSTRAINT "signal_message_revisions_message_row_id_fkey" FOREIGN KEY ("message_row_id") REFERENCES "signal_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "signal_channels"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_message_row_id_fkey" FOREIGN KEY ("message_row_id") REFERENCES "signal_messages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signal_revisions" ADD CONSTRAINT "signal_revisions_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signal_updates" ADD CONSTRAINT "signal_updates_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signal_updates" ADD CONSTRAINT "signal_updates_message_row_id_fkey" FOREIGN KEY ("message_row_id") REFERENCES "signal_messages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Carry over the first version's rows: each source becomes a channel ("manual:<source>"), each row a
-- message and, when it had an entry price (now required), its signal; rows without one are kept as IGNORED
-- messages so nothing received is lost.
CREATE TEMP TABLE "signals_v0_map" AS
SELECT s."id" AS old_id, gen_random_uuid() AS message_row_id, gen_random_uuid() AS signal_id,
       (row_number() OVER (PARTITION BY s."source" ORDER BY s."received_at", s."id"))::int AS message_id
FROM "signals_v0" s;

INSERT INTO "signal_channels" ("id", "chat_id", "title", "username", "enabled", "created_at", "updated_at", "updated_by")
SELECT gen_random_uuid(), 'manual:' || "source", "source", NULL, true, min("received_at"), min("received_at"), 'migration'
FROM "signals_v0" GROUP BY "source";

INSERT INTO "signal_messages" ("id", "channel_id", "message_id", "sent_at", "edited_at", "text", "status", "reason", "version", "received_at", "updated_at")
SELECT m.message_row_id, c."id", m.message_id, s."received_at", NULL, s."raw_text",
       CASE WHEN s."entry" IS NULL THEN 'IGNORED'::"message_status" ELSE 'PARSED'::"message_status" END,
       CASE WHEN s."entry" IS NULL THEN 'no entry price (a first-version signal)' END,
       1, s."received_at", s."received_at"
FROM "signals_v0" s
JOIN "signals_v0_map" m ON m.old_id = s."id"
JOIN "signal_channels" c ON c."chat_id" = 'manual:' || s."source";

INSERT INTO "signals" ("id", "channel_id", "message_row_id", "asset", "side", "kind", "entry_min", "entry_max", "targets", "stop", "status", "targets_hit", "posted_at", "expires_at", "updated_at", "version")
SELECT m.signal_id, c."id", m.message_row_id, s."asset", s."direction"::text::"signal_side", NULL, s."entry", s."entry",
       CASE WHEN s."target" IS NULL THEN ARRAY[]::DECIMAL(18,4)[] ELSE ARRAY[s."target"] END,
       s."stop", 'OPEN', 0, s."received_at", s."received_at" + interval '30 days', s."received_at", 1
FROM "signals_v0" s
JOIN "signals_v0_map" m ON m.old_id = s."id"
JOIN "signal_channels" c ON c."chat_id" = 'manual:' || s."source"
WHERE s."entry" IS NOT NULL;

DROP TABLE "signals_v0_map";
DROP TABLE "signals_v0";
DROP TYPE "signal_direction";
