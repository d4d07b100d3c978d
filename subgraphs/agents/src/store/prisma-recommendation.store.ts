import type { Prisma, PrismaClient } from '@b3/prisma';
import type { Recommendation, RecommendationId } from '../domain/recommendation';
import { analysisFromJson, analysisToJson, assessmentFromJson, assessmentToJson } from './recommendation-json';
import type { RecommendationQuery, RecommendationStore, SignalAccount } from './recommendation.store';

type Row = Prisma.AgentRecommendationGetPayload<object>;

const toRecommendation = (row: Row): Recommendation => ({
  id: row.id as RecommendationId,
  signalId: row.signalId,
  account: row.account,
  symbol: row.symbol,
  side: row.side,
  interval: row.interval,
  trigger: row.trigger,
  action: row.action,
  suggestedQuantity: row.suggestedQuantity,
  reasons: row.reasons,
  analysis: analysisFromJson(row.analysis),
  assessment: assessmentFromJson(row.assessment),
  requestedBy: row.requestedBy,
  createdAt: row.createdAt,
});

function whereOf(q: RecommendationQuery): Prisma.AgentRecommendationWhereInput {
  const after = q.after;
  return {
    ...(q.account !== null ? { account: q.account } : {}),
    ...(q.symbol ? { symbol: q.symbol } : {}),
    ...(q.signalId ? { signalId: q.signalId } : {}),
    ...(q.action ? { action: q.action } : {}),
    AND: [
      q.from ? { createdAt: { gte: q.from } } : {},
      q.to ? { createdAt: { lt: q.to } } : {},
      // strictly after the cursor in (createdAt desc, id desc) order
      after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {},
    ],
  };
}

export function createPrismaRecommendationStore(prisma: PrismaClient): RecommendationStore {
  return {
    async insert(r) {
      await prisma.agentRecommendation.create({
        data: {
          id: r.id,
          signalId: r.signalId,
          account: r.account,
          symbol: r.symbol,
          side: r.side,
          interval: r.interval,
          trigger: r.trigger,
          action: r.action,
          suggestedQuantity: r.suggestedQuantity,
          direction: r.analysis.direction,
          confidence: r.analysis.confidence,
          riskLevel: r.assessment.riskLevel,
          approved: r.assessment.approved,
          price: r.analysis.price,
          reasons: [...r.reasons],
          analysis: analysisToJson(r.analysis) as Prisma.InputJsonValue,
          assessment: assessmentToJson(r.assessment) as Prisma.InputJsonValue,
          requestedBy: r.requestedBy,
          createdAt: r.createdAt,
        },
      });
    },

    async page(q) {
      const rows = await prisma.agentRecommendation.findMany({ where: whereOf(q), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.first + 1 });
      return { items: rows.slice(0, q.first).map(toRecommendation), hasNextPage: rows.length > q.first };
    },

    async byId(id) {
      const row = await prisma.agentRecommendation.findUnique({ where: { id } });
      return row ? toRecommendation(row) : null;
    },

    async latestFor(keys: readonly SignalAccount[]) {
      if (keys.length === 0) return [];
      // distinct keeps the first row of each (signal, account) in this order: its newest.
      const rows = await prisma.agentRecommendation.findMany({
        where: { OR: keys.map((k) => ({ signalId: k.signalId, account: k.account })) },
        orderBy: [{ signalId: 'asc' }, { account: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }],
        distinct: ['signalId', 'account'],
      });
      const found = new Map(rows.map((row) => [`${row.signalId}\u0000${row.account}`, toRecommendation(row)]));
      return keys.map((k) => found.get(`${k.signalId}\u0000${k.account}`) ?? null);
    },

    async recommendedSignals(account, signalIds) {
      if (signalIds.length === 0) return new Set();
      const rows = await prisma.agentRecommendation.findMany({ where: { account, signalId: { in: [...signalIds] } }, select: { signalId: true }, distinct: ['signalId'] });
      return new Set(rows.map((r) => r.signalId));
    },
  };
}
