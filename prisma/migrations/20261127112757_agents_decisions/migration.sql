-- CreateEnum
CREATE TYPE "agent_action" AS ENUM ('TAKE', 'WATCH', 'SKIP');

-- CreateEnum
CREATE TYPE "agent_trigger" AS ENUM ('NEW_SIGNAL', 'SCHEDULE', 'ON_DEMAND');

-- CreateEnum
CREATE TYPE "agent_direction" AS ENUM ('BUY', 'SELL', 'HOLD');

-- CreateEnum
CREATE TYPE "agent_risk_level" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "agent_trade_side" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "agent_candle_interval" AS ENUM ('M1', 'M5', 'M15', 'H1', 'D1');

-- CreateTable
CREATE TABLE "agent_recommendations" (
    "id" UUID NOT NULL,
    "signal_id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "agent_trade_side" NOT NULL,
    "interval" "agent_candle_interval" NOT NULL,
    "trigger" "agent_trigger" NOT NULL,
    "action" "agent_action" NOT NULL,
    "suggested_quantity" INTEGER NOT NULL,
    "direction" "agent_direction" NOT NULL,
    "confidence" DECIMAL(5,4) NOT NULL,
    "risk_level" "agent_risk_level" NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "price" DECIMAL(18,4),
    "reasons" TEXT[],
    "analysis" JSONB NOT NULL,
    "assessment" JSONB NOT NULL,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_recommendations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_recommendations_account_created_at_id_idx" ON "agent_recommendations"("account", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "agent_recommendations_created_at_id_idx" ON "agent_recommendations"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "agent_recommendations_signal_id_account_created_at_idx" ON "agent_recommendations"("signal_id", "account", "created_at" DESC);
