import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, gql, type Platform, startPlatform } from '../harness/platform';

/**
 * The idea bank through the gateway: an idea linked to a Telegram signal and a ticker resolves both
 * from their subgraphs; every dashboard subscribed to `ideaChanged` hears of each change; the filtered
 * list and its CSV export (served by the ideas subgraph, forwarded from the gateway's origin) agree.
 */
describe('idea bank through the gateway', () => {
  let platform: Platform;
  const clients: Client[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await platform?.stop();
  }, 30_000);

  const dashboard = (): Client => {
    const client = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    return client;
  };

  it('files an idea on a signal and a ticker, tells two dashboards, and finds it by full-text search', async () => {
    const categories = await gql<{ ideaCategories: Array<{ id: string; slug: string }> }>(platform.gatewayUrl, '{ ideaCategories { id slug } }');
    const estrategia = categories.data!.ideaCategories.find((c) => c.slug === 'estrategia')!.id;
    const posted = await gql<{ postSignalMessage: { signal: { id: string } | null } }>(
      platform.gatewayUrl,
      'mutation($i: PostSignalMessageInput!) { postSignalMessage(input: $i) { signal { id } } }',
      { i: { channel: 'e2e-ideas', text: 'COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80' } },
      platform.traderToken,
    );
    const signalId = posted.data!.postSignalMessage.signal!.id;

    type Event = { ideaChanged: { kind: string; fields: string[]; idea: { title: string; status: string } } };
    const streams = [dashboard(), dashboard()].map((c) => c.iterate<Event>({ query: 'subscription { ideaChanged { kind fields idea { title status } } }' }));
    const firsts = streams.map((s) => s.next());
    // the upstream subscription opens once the gateway has planned it: file ideas until both hear one
    let created: { id: string } | undefined;
    const heard = Promise.all(firsts);
    for (let n = 0; n < 20; n++) {
      const r = await gql<{ createIdea: { id: string } }>(
        platform.gatewayUrl,
        'mutation($i: CreateIdeaInput!) { createIdea(input: $i) { id } }',
        { i: { title: `Rompimento da Petrobras ${n}`, description: 'Compra **acima** de 38,50 com volume', categoryId: estrategia, ticker: 'PETR4', signalId, tags: ['Swing'] } },
        platform.traderToken,
      );
      expect(r.errors).toBeUndefined();
      created = r.data!.createIdea;
      if (await Promise.race([heard.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 500))])) break;
    }
    for (const first of await heard) expect(first.value.data!.ideaChanged).toMatchObject({ kind: 'CREATED', idea: { status: 'NEW' } });

    const moved = await gql(platform.gatewayUrl, 'mutation($id: ID!) { updateIdea(id: $id, input: { status: REVIEW }) { status } }', { id: created!.id }, platform.traderToken);
    expect(moved.errors).toBeUndefined();
    for (const stream of streams) {
      // events for ideas filed before both subscribers were live may come first
      let event: Event['ideaChanged'];
      do event = (await stream.next()).value.data!.ideaChanged;
      while (event.kind !== 'UPDATED');
      expect(event).toMatchObject({ kind: 'UPDATED', fields: ['status'], idea: { status: 'REVIEW' } });
      await stream.return?.();
    }

    type Found = { ideas: { totalCount: number; nodes: Array<{ id: string; tags: string[]; category: { slug: string }; signal: { asset: string; side: string }; ticker: { lastTrade: { price: string } | null } }> } };
    const found = await eventually(async () => {
      const r = await gql<Found>(
        platform.gatewayUrl,
        '{ ideas(filter: { text: "petrobras rompimento", status: [REVIEW] }) { totalCount nodes { id tags category { slug } signal { asset side } ticker { lastTrade { price } } } } }',
      );
      return r.data?.ideas.nodes[0]?.ticker.lastTrade ? r : undefined;
    }, 20_000, 'the idea with its signal and a last trade');
    expect(found.errors).toBeUndefined();
    expect(found.data!.ideas.totalCount).toBe(1);
    expect(found.data!.ideas.nodes[0]).toMatchObject({ id: created!.id, tags: ['swing'], category: { slug: 'estrategia' }, signal: { asset: 'PETR4', side: 'BUY' } });
  });

  it('exports the filtered list as CSV from the gateway’s origin, to signed-in callers only', async () => {
    const exportUrl = `${platform.gatewayOrigin}/ideas/export?format=csv&ticker=PETR4&orderBy=CREATED_AT_ASC`;
    expect((await fetch(exportUrl)).status).toBe(401);
    expect((await fetch(exportUrl, { headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
    const bad = await fetch(`${platform.gatewayOrigin}/ideas/export?format=xlsx`, { headers: { authorization: `Bearer ${platform.viewerToken}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });

    const response = await fetch(exportUrl, { headers: { authorization: `Bearer ${platform.viewerToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ideas-\d{8}T\d{6}Z\.csv"$/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('id,title,description,category,categorySlug,priority,status,tags,ticker,signalId,authorId,createdAt,updatedAt,version');
    const listed = await gql<{ ideas: { totalCount: number; nodes: Array<{ id: string }> } }>(
      platform.gatewayUrl,
      '{ ideas(filter: { ticker: "PETR4" }, orderBy: CREATED_AT_ASC, first: 100) { totalCount nodes { id } } }',
    );
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(listed.data!.ideas.nodes.map((n) => n.id));
    expect(lines.at(-1)).toBe('');
  });

  it('made no connection attempt to any non-loopback address', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
