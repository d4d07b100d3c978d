import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase } from '@b3/prisma';
import { analyzeCandles } from '../src/domain/market-signal';
import type { Recommendation, RecommendationId } from '../src/domain/recommendation';
import { assessRisk } from '../src/domain/risk-assessment';
import type { RecommendationStore } from '../src/store/recommendation.store';
import { createPrismaRecommendationStore } from '../src/store/prisma-recommendation.store';
import { candlesFrom, line, reviewed } from './builders';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 14, minute));
const analysis = analyzeCandles({ symbol: 'PETR4', interval: 'M5', candles: candlesFrom(line(80, 30, 0.1)), at: at(0) });
const assessment = assessRisk({ account: 'a', symbol: 'PETR4', side: 'BUY', quantity: 600, price: '38.5', stopPrice: '37' }, reviewed(), { interval: 'M5', atr: '0.3', bars: 80 }, at(0));

let n = 0;
function recommendation(over: Partial<Recommendation> = {}): Recommendation {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as RecommendationId,
    signalId: 'sig-1',
    account: 'a',
    symbol: 'PETR4',
    side: 'BUY',
    interval: 'M5',
    trigger: 'NEW_SIGNAL',
    action: 'TAKE',
    suggestedQuantity: 600,
    reasons: ['because'],
    analysis,
    assessment,
    requestedBy: 'service:agents',
    createdAt: at(n),
    ...over,
  };
}

function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: RecommendationStore;

  beforeAll(async () => {
    db = await open();
    store = createPrismaRecommendationStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('round-trips a recommendation exactly: decimals as text, instants as UTC', async () => {
    const r = recommendation();
    await store.insert(r);
    expect(await store.byId(r.id)).toEqual(r);
  });

  it('pages newest first by (createdAt, id), also across equal instants, and filters', async () => {
    // two at the same instant (the id breaks the tie, higher first), one earlier
    const rows = [recommendation({ account: 'p', createdAt: at(40) }), recommendation({ account: 'p', createdAt: at(40) }), recommendation({ account: 'p', symbol: 'VALE3', action: 'SKIP', createdAt: at(30) })];
    for (const r of rows) await store.insert(r);
    const page1 = await store.page({ account: 'p', first: 2 });
    expect(page1.items.map((r) => r.id)).toEqual([rows[1].id, rows[0].id]);
    expect(page1.hasNextPage).toBe(true);
    const page2 = await store.page({ account: 'p', first: 2, after: { createdAt: rows[0].createdAt, id: rows[0].id } });
    expect(page2).toEqual({ items: [rows[2]], hasNextPage: false });
    expect((await store.page({ account: 'p', first: 10, symbol: 'VALE3' })).items.map((r) => r.id)).toEqual([rows[2].id]);
    expect((await store.page({ account: 'p', first: 10, action: 'SKIP' })).items.map((r) => r.id)).toEqual([rows[2].id]);
    expect((await store.page({ account: 'p', first: 10, from: at(35) })).items).toHaveLength(2);
    expect((await store.page({ account: 'p', first: 10, to: at(35) })).items).toHaveLength(1);
    expect((await store.page({ account: null, first: 50 })).items.length).toBeGreaterThanOrEqual(4);
  });

  it('finds the newest per (signal, account), in the keys’ order', async () => {
    const older = recommendation({ signalId: 'sig-9', account: 'x', action: 'WATCH' });
    const newer = recommendation({ signalId: 'sig-9', account: 'x', action: 'TAKE' });
    const otherAccount = recommendation({ signalId: 'sig-9', account: 'y', action: 'SKIP' });
    for (const r of [newer, older, otherAccount]) await store.insert(r);
    const found = await store.latestFor([
      { signalId: 'sig-9', account: 'y' },
      { signalId: 'missing', account: 'x' },
      { signalId: 'sig-9', account: 'x' },
    ]);
    expect(found.map((r) => r?.id ?? null)).toEqual([otherAccount.id, null, newer.id]);
    expect(await store.recommendedSignals('x', ['sig-9', 'sig-10'])).toEqual(new Set(['sig-9']));
  });
}

describe('Prisma recommendation store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma recommendation store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('agents'));
});
