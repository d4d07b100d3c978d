import { readMetric } from '@b3/kit';
import { startTestGateway, type TestGateway } from './harness';

describe('gateway caches', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ env: { DOCUMENT_CACHE_ENTRIES: '2', QUERY_PLAN_CACHE_ENTRIES: '2' } });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const metric = (name: string): Promise<number> => readMetric(gateway.url, name);
  const run = (query: string, variables: Record<string, unknown> = {}) =>
    fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

  it('parses, validates and plans a repeated operation once, and stays within its bound', async () => {
    const query = 'query Q($s: String!) { ticker(symbol: $s) { symbol price } }';
    const planHits = await metric('gateway_query_plan_cache_hits');
    const documentHits = await metric('gateway_document_cache_hits');
    for (const symbol of ['PETR4', 'VALE3', 'WINZ26']) expect((await run(query, { s: symbol })).status).toBe(200);
    expect((await metric('gateway_query_plan_cache_hits')) - planHits).toBe(2);
    expect((await metric('gateway_document_cache_hits')) - documentHits).toBe(2);
    for (const field of ['tickers { symbol }', 'whoami', 'failing']) await run(`{ ${field} }`);
    expect(await metric('gateway_query_plan_cache_entries')).toBeLessThanOrEqual(2);
    expect(await metric('gateway_document_cache_entries')).toBeLessThanOrEqual(2);
  });
});
