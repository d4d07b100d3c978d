import type { Prisma, PrismaClient } from '@b3/prisma';
import type { RiskAuditRecord, RiskLimits } from '../domain/risk';
import type { RiskStore, StoredKillSwitch } from './risk.store';

type Decimal = Prisma.Decimal;
type LimitsRow = Prisma.RiskLimitsGetPayload<object>;

/** toFixed() without digits prints the exact value without exponents; canonical like validateLimits' output. */
const decimalText = (value: Decimal): string => value.toFixed();

function toLimits(row: LimitsRow): RiskLimits {
  return {
    dailyLossLimit: decimalText(row.dailyLossLimit),
    maxPositionPerSymbol: row.maxPositionPerSymbol,
    maxOrderQuantity: row.maxOrderQuantity,
    maxOrderNotional: decimalText(row.maxOrderNotional),
    priceBandPct: decimalText(row.priceBandPct),
    maxOrdersPerSecond: row.maxOrdersPerSecond,
  };
}

/** JSON columns hold plain objects; only our own writes go there, so the shape is trusted on the way out. */
const limitsJson = (limits: RiskLimits): Prisma.InputJsonObject => ({ ...limits });

export function createPrismaRiskStore(prisma: PrismaClient): RiskStore {
  return {
    async limits(account) {
      const row = await prisma.riskLimits.findUnique({ where: { account } });
      return row ? toLimits(row) : null;
    },

    async setLimits(change) {
      const columns = { ...change.after, updatedBy: change.changedBy, updatedAt: change.at };
      await prisma.$transaction([
        prisma.riskLimits.upsert({ where: { account: change.account }, create: { account: change.account, ...columns }, update: columns }),
        prisma.riskLimitsChange.create({
          data: {
            account: change.account,
            before: change.before ? limitsJson(change.before) : undefined,
            after: limitsJson(change.after),
            changedBy: change.changedBy,
            reason: change.reason,
            at: change.at,
          },
        }),
      ]);
    },

    async limitsHistory(account) {
      const rows = await prisma.riskLimitsChange.findMany({ where: { account }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
      return rows.map((row) => ({
        account: row.account,
        before: (row.before as unknown as RiskLimits | null) ?? null,
        after: row.after as unknown as RiskLimits,
        changedBy: row.changedBy,
        reason: row.reason,
        at: row.at,
      }));
    },

    async recordDecision(record: RiskAuditRecord, orderId) {
      await prisma.riskDecision.create({
        data: {
          account: record.account,
          symbol: record.symbol,
          side: record.side,
          type: record.type,
          quantity: record.quantity,
          price: record.price,
          approved: record.approved,
          rule: record.rule ?? null,
          limit: record.limit ?? null,
          actual: record.actual ?? null,
          message: record.message ?? null,
          checks: record.checks as unknown as Prisma.InputJsonArray,
          at: record.at,
          orderId,
        },
      });
    },

    async killSwitch(scope) {
      const row = await prisma.killSwitch.findUnique({ where: { scope } });
      return row ? toKillSwitch(row) : { scope, active: false, reason: null, activatedAt: null, changedBy: null };
    },

    async setKillSwitch(change) {
      const columns = { active: change.active, reason: change.reason, changedBy: change.changedBy, changedAt: change.at };
      // The state row first (the event references it), then the event, atomically.
      const [row] = await prisma.$transaction([
        prisma.killSwitch.upsert({ where: { scope: change.scope }, create: { scope: change.scope, ...columns }, update: columns }),
        prisma.killSwitchEvent.create({ data: { scope: change.scope, active: change.active, reason: change.reason, changedBy: change.changedBy, at: change.at } }),
      ]);
      return toKillSwitch(row);
    },

    async killSwitchEvents(scope) {
      const rows = await prisma.killSwitchEvent.findMany({ where: { scope }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
      return rows.map((row) => ({ scope: row.scope, active: row.active, reason: row.reason, changedBy: row.changedBy, at: row.at }));
    },
  };
}

function toKillSwitch(row: Prisma.KillSwitchGetPayload<object>): StoredKillSwitch {
  return {
    scope: row.scope,
    active: row.active,
    reason: row.reason,
    // While active, the last change is the activation; once off there is no activation time to report.
    activatedAt: row.active ? row.changedAt : null,
    changedBy: row.changedBy,
  };
}
