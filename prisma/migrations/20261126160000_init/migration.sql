-- CreateEnum
CREATE TYPE "order_side" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "order_type" AS ENUM ('MARKET', 'LIMIT', 'STOP_LIMIT');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "signal_direction" AS ENUM ('BUY', 'SELL');

-- CreateTable
CREATE TABLE "ideas" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "tags" TEXT[],
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ideas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "order_side" NOT NULL,
    "type" "order_type" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "limit_price" DECIMAL(18,4),
    "stop_price" DECIMAL(18,4),
    "status" "order_status" NOT NULL DEFAULT 'PENDING_NEW',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signals" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "raw_text" TEXT NOT NULL,
    "asset" TEXT NOT NULL,
    "direction" "signal_direction" NOT NULL,
    "entry" DECIMAL(18,4),
    "stop" DECIMAL(18,4),
    "target" DECIMAL(18,4),
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "parsed_at" TIMESTAMPTZ(3),

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_entries" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "url" TEXT,
    "owner" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ideas_symbol_idx" ON "ideas"("symbol");

-- CreateIndex
CREATE INDEX "ideas_author_id_idx" ON "ideas"("author_id");

-- CreateIndex
CREATE INDEX "orders_account_id_created_at_idx" ON "orders"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "signals_asset_received_at_idx" ON "signals"("asset", "received_at");

-- CreateIndex
CREATE INDEX "signals_received_at_idx" ON "signals"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "system_entries_name_key" ON "system_entries"("name");
