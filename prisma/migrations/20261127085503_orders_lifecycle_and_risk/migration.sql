-- The orders table of the first prototype (statuses PENDING_NEW/NEW, limit_price, text ids) only ever held
-- demo data, and its statuses have no faithful mapping onto the new lifecycle, so it is dropped and created
-- again instead of converted. Its enums go with it; order_side is unchanged and stays.
-- (Written from the schema engine's diff, which wanted to convert the table in place: that needs a default
-- for every new NOT NULL column, casts PENDING_NEW to a status that no longer exists, and altered
-- order_events before creating it.)

-- DropTable
DROP TABLE "orders";

-- DropEnum
DROP TYPE "order_status";

-- DropEnum
DROP TYPE "order_type";

-- CreateEnum
CREATE TYPE "order_type" AS ENUM ('MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT');

-- CreateEnum
CREATE TYPE "time_in_force" AS ENUM ('DAY', 'GTC', 'IOC', 'FOK');

-- CreateEnum
CREATE TYPE "order_status" AS ENUM ('PENDING', 'SUBMITTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED', 'FAILED');

-- CreateEnum
CREATE TYPE "order_event_type" AS ENUM ('CREATE', 'SUBMIT', 'REJECT', 'FAIL', 'FILL', 'CANCEL', 'EXPIRE', 'REPLACE');

-- CreateEnum
CREATE TYPE "risk_rule" AS ENUM ('TRADING_HOURS', 'KILL_SWITCH', 'DAILY_LOSS', 'MAX_POSITION', 'MAX_ORDER_QUANTITY', 'MAX_ORDER_NOTIONAL', 'PRICE_BAND', 'ORDER_RATE');

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "order_side" NOT NULL,
    "type" "order_type" NOT NULL,
    "time_in_force" "time_in_force" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(18,4),
    "stop_price" DECIMAL(18,4),
    "status" "order_status" NOT NULL,
    "filled_quantity" INTEGER NOT NULL,
    "average_fill_price" DECIMAL(18,4),
    "broker_order_id" TEXT,
    "reject_reason" TEXT,
    "replace_sequence" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_fills" (
    "order_id" UUID NOT NULL,
    "fill_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(18,4) NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_fills_pkey" PRIMARY KEY ("order_id","fill_id")
);

-- CreateTable
CREATE TABLE "order_events" (
    "order_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "type" "order_event_type" NOT NULL,
    "payload" JSONB NOT NULL,
    "from_status" "order_status",
    "to_status" "order_status" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_events_pkey" PRIMARY KEY ("order_id","version")
);

-- CreateTable
CREATE TABLE "risk_limits" (
    "account" TEXT NOT NULL,
    "daily_loss_limit" DECIMAL(18,2) NOT NULL,
    "max_position_per_symbol" INTEGER NOT NULL,
    "max_order_quantity" INTEGER NOT NULL,
    "max_order_notional" DECIMAL(18,2) NOT NULL,
    "price_band_pct" DECIMAL(5,2) NOT NULL,
    "max_orders_per_second" INTEGER NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "risk_limits_pkey" PRIMARY KEY ("account")
);

-- CreateTable
CREATE TABLE "risk_limits_changes" (
    "id" UUID NOT NULL,
    "account" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "changed_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "risk_limits_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_decisions" (
    "id" UUID NOT NULL,
    "account" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "order_side" NOT NULL,
    "type" "order_type" NOT NULL,
    "quantity" INTEGER NOT NULL,
    "price" DECIMAL(18,4),
    "approved" BOOLEAN NOT NULL,
    "rule" "risk_rule",
    "limit" TEXT,
    "actual" TEXT,
    "message" TEXT,
    "checks" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "order_id" UUID,

    CONSTRAINT "risk_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kill_switches" (
    "scope" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kill_switches_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "kill_switch_events" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kill_switch_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "order_fills_order_id_sequence_key" ON "order_fills"("order_id", "sequence");

-- CreateIndex
CREATE INDEX "risk_limits_changes_account_at_idx" ON "risk_limits_changes"("account", "at");

-- CreateIndex
CREATE INDEX "risk_decisions_account_at_idx" ON "risk_decisions"("account", "at");

-- CreateIndex
CREATE INDEX "risk_decisions_order_id_idx" ON "risk_decisions"("order_id");

-- CreateIndex
CREATE INDEX "kill_switch_events_scope_at_idx" ON "kill_switch_events"("scope", "at");

-- CreateIndex
CREATE UNIQUE INDEX "orders_broker_order_id_key" ON "orders"("broker_order_id");

-- CreateIndex
CREATE INDEX "orders_account_created_at_id_idx" ON "orders"("account", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_status_idx" ON "orders"("status");

-- CreateIndex
CREATE UNIQUE INDEX "orders_account_idempotency_key_key" ON "orders"("account", "idempotency_key");

-- AddForeignKey
ALTER TABLE "order_fills" ADD CONSTRAINT "order_fills_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kill_switch_events" ADD CONSTRAINT "kill_switch_events_scope_fkey" FOREIGN KEY ("scope") REFERENCES "kill_switches"("scope") ON DELETE CASCADE ON UPDATE CASCADE;
