import { createLogger, runOperation, runSubscription, testContext, type Viewer } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createSignalsContext } from '../src/context';
import { buildSignalsSchema } from '../src/schema';
import { MessageIngestion } from '../src/services/message-ingestion.service';
import { SignalEvents } from '../src/services/signal-events';
import { SignalService } from '../src/services/signal.service';
import { createPrismaSignalStore } from '../src/store/prisma-signal.store';
import { parse } from './fixed-parser';

const trader: Viewer = { id: 'u-trader', roles: ['trader'] };
const viewer: Viewer = { id: 'u-viewer', roles: ['viewer'] };
const admin: Viewer = { id: 'u-admin', roles: ['admin'] };
const POST = `mutation($input: PostSignalMessageInput!) {
  postSignalMessage(input: $input) { message { id status reason } signal { id asset side entryMin entryMax targets stop status ticker { symbol } } }
}`;
const IMPORT = `mutation($chat: TelegramChatInput!, $messages: [TelegramMessageInput!]!) {
  importTelegramMessages(chat: $chat, messages: $messages) { received stored duplicates edited }
}`;

describe('signals schema', () => {
  let schema: GraphQLSchema;
  let db: Database;
  let now: Date;
  let events: SignalEvents;
  let signals: SignalService;
  const ctx = (who: Viewer | null) => createSignalsContext(testContext(who), signals, events);
  const run = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, who: Viewer | null = null) =>
    runOperation<T>(schema, query, variables, ctx(who));
  const importAt = (messages: Array<{ messageId: number; text: string; date?: string; editedAt?: string; replyToMessageId?: number }>, chat = { id: '-1001', title: 'Sinais', username: 'sinais' }) =>
    run<{ importTelegramMessages: Record<string, number> }>(IMPORT, { chat, messages: messages.map((m) => ({ date: '2026-11-26T13:00:00Z', ...m })) }, admin);

  beforeAll(async () => {
    schema = await buildSignalsSchema();
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    now = new Date('2026-11-26T13:00:00Z');
    const store = createPrismaSignalStore(db.prisma);
    events = new SignalEvents();
    const ingestion = new MessageIngestion(store, { parse, events, logger: createLogger('t', 'silent'), autoEnable: true, expiryDays: 30, clock: () => now });
    signals = new SignalService(store, ingestion, parse, () => now);
  });

  it('reads a hand-posted message into a signal with exact levels and its ticker; a viewer may not post', async () => {
    const posted = await run<{ postSignalMessage: { message: { status: string }; signal: Record<string, unknown> } }>(POST, { input: { channel: 'desk', text: 'buy petr4' } }, trader);
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postSignalMessage).toMatchObject({
      message: { status: 'PARSED', reason: null },
      signal: { asset: 'PETR4', side: 'BUY', entryMin: '38', entryMax: '38.5', targets: ['39', '40', '42'], stop: '37', status: 'OPEN', ticker: { symbol: 'PETR4' } },
    });
    const ignored = await run<{ postSignalMessage: { message: { status: string; reason: string }; signal: null } }>(POST, { input: { channel: 'desk', text: 'bom dia' } }, trader);
    expect(ignored.data!.postSignalMessage).toEqual({ message: expect.objectContaining({ status: 'IGNORED', reason: 'commentary, not a signal' }), signal: null });
    const refused = await run(POST, { input: { text: 'buy petr4' } }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // posted at the same moment, each gets its own message
    const together = await Promise.all(['buy petr4', 'sell vale3', 'bom dia'].map((text) => run<{ postSignalMessage: { message: { id: string } } }>(POST, { input: { channel: 'desk', text } }, trader)));
    expect(new Set(together.map((r) => r.data!.postSignalMessage.message.id)).size).toBe(3);
    const empty = await run(POST, { input: { text: '   ' } }, trader);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });

  it('imports chat history: duplicates change nothing, an edit re-reads its message, counts come back', async () => {
    const first = await importAt([{ messageId: 1, text: 'buy petr4' }, { messageId: 2, text: 'bom dia' }]);
    expect(first.data!.importTelegramMessages).toEqual({ received: 2, stored: 2, duplicates: 0, edited: 0 });
    const again = await importAt([{ messageId: 1, text: 'buy petr4' }, { messageId: 1, text: 'buy petr4 v2', editedAt: '2026-11-26T13:10:00Z' }]);
    expect(again.data!.importTelegramMessages).toEqual({ received: 2, stored: 0, duplicates: 1, edited: 1 });
    const list = await run<{ signals: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
      '{ signals { totalCount edges { node { entryMin version messageLink channel { title username } history { version cause entryMin } message { text version } } } } }',
    );
    expect(list.data!.signals).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            entryMin: '38.2',
            version: 2,
            messageLink: 'https://t.me/sinais/1',
            channel: { title: 'Sinais', username: 'sinais' },
            history: [{ version: 1, cause: 'EDIT', entryMin: '38' }],
            message: { text: 'buy petr4 v2', version: 2 },
          },
        },
      ],
    });
    const bad = await run(IMPORT, { chat: { id: 'not-a-chat' }, messages: [{ messageId: 0, date: '2026-11-26T13:00:00Z', text: 'x' }] }, admin);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'chat.id' }), expect.objectContaining({ field: 'messages[0].messageId' })] });
    expect((await run(IMPORT, { chat: { id: '-1' }, messages: [] }, trader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages 25 signals by 10 with no gaps or repeats, and filters by asset, side, status and dates', async () => {
    await importAt(
      Array.from({ length: 25 }, (_, i) => ({ messageId: i + 1, text: i % 5 === 0 ? 'sell vale3' : 'buy petr4', date: new Date(Date.UTC(2026, 10, 1 + i, 13)).toISOString() })),
    );
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: ExecutionResult<{ signals: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string }; totalCount: number } }> = await run(
        'query($after: String) { signals(first: 10, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(page.data!.signals.totalCount).toBe(25);
      seen.push(...page.data!.signals.edges.map((e) => e.node.id));
      after = page.data!.signals.pageInfo.hasNextPage ? page.data!.signals.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);

    const count = async (filter: Record<string, unknown>) => (await run<{ signals: { totalCount: number } }>('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', { f: filter })).data!.signals.totalCount;
    expect(await count({ asset: 'vale3' })).toBe(5);
    expect(await count({ side: 'SELL' })).toBe(5);
    expect(await count({ from: '2026-11-20T00:00:00Z', to: '2026-11-23T00:00:00Z' })).toBe(3);
    // posted 1–25 Nov, valid 30 days: on 26 Nov none has expired; on 20 Dec those of 1–20 Nov have
    expect(await count({ status: 'EXPIRED' })).toBe(0);
    now = new Date('2026-12-20T13:00:00.001Z');
    expect(await count({ status: 'EXPIRED' })).toBe(20);
    expect(await count({ status: 'OPEN' })).toBe(5);
    const bad = await run('{ signals(first: 0) { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await run('{ signals(after: "nope") { totalCount } }');
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('links follow-ups and shows them with the status they caused', async () => {
    await importAt([{ messageId: 1, text: 'buy petr4' }, { messageId: 2, text: 'alvo 1 petr4' }, { messageId: 3, text: 'stopado itub4' }]);
    const result = await run<{ signals: { edges: Array<{ node: Record<string, unknown> }> } }>('{ signals { edges { node { status targetsHit updates { kind targetNumber } } } } }');
    expect(result.data!.signals.edges[0].node).toEqual({ status: 'HIT_TARGET', targetsHit: 1, updates: [{ kind: 'TARGET_HIT', targetNumber: 1 }] });
    const log = await run<{ signalMessages: { nodes: Array<{ status: string; reason: string | null }> } }>('{ signalMessages(filter: { status: IGNORED }) { nodes { status reason } } }', {}, viewer);
    expect(log.data!.signalMessages.nodes).toEqual([{ status: 'IGNORED', reason: 'an update (stopped for ITUB4) with no open signal to apply it to' }]);
    expect((await run('{ signalMessages { hasNextPage } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('announces new signals on the subscription, filtered by asset', async () => {
    const stream = (await runSubscription<{ newSignals: { asset: string; side: string } }>(schema, 'subscription { newSignals(asset: "VALE3") { asset side } }', {}, ctx(null))) as AsyncIterableIterator<
      ExecutionResult<{ newSignals: { asset: string; side: string } }>
    >;
    const next = stream.next();
    await importAt([{ messageId: 1, text: 'buy petr4' }, { messageId: 2, text: 'sell vale3' }]);
    expect((await next).value.data).toEqual({ newSignals: { asset: 'VALE3', side: 'SELL' } });
    await stream.return?.();
  });

  it('lets an admin manage channels, validating every field; disabling stops reading a channel', async () => {
    const create = 'mutation($i: SignalChannelInput!) { createSignalChannel(input: $i) { id chatId title username enabled updatedBy } }';
    const created = await run<{ createSignalChannel: { id: string } }>(create, { i: { chatId: '-1001', title: ' Sinais ', username: '@sinais' } }, admin);
    expect(created.data!.createSignalChannel).toMatchObject({ chatId: '-1001', title: 'Sinais', username: 'sinais', enabled: true, updatedBy: 'u-admin' });
    const id = created.data!.createSignalChannel.id;
    expect((await run(create, { i: { chatId: '-1001', title: 'Again' } }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'chatId' });
    const invalid = await run(create, { i: { chatId: 'abc', title: '', username: 'x' } }, admin);
    expect(invalid.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'chatId' }),
      expect.objectContaining({ field: 'title' }),
      expect.objectContaining({ field: 'username' }),
    ]);
    expect((await run(create, { i: { chatId: '-1002', title: 'T' } }, trader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.prisma.signalChannel.count()).toBe(1);

    const disable = await run('mutation($id: ID!) { updateSignalChannel(id: $id, input: { enabled: false }) { enabled } }', { id }, admin);
    expect(disable.data).toEqual({ updateSignalChannel: { enabled: false } });
    await importAt([{ messageId: 1, text: 'buy petr4' }]);
    expect(await db.prisma.signal.count()).toBe(0);

    const del = await run('mutation($id: ID!) { deleteSignalChannel(id: $id) }', { id }, admin);
    expect(del.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', messages: 1 });
    const missing = await run('mutation { deleteSignalChannel(id: "00000000-0000-4000-8000-000000000000") }', {}, admin);
    expect(missing.errors?.[0]?.extensions?.code).toBe('SIGNALS_CHANNEL_NOT_FOUND');
  });

  it('answers parseSignal without storing anything, and resolves Signal entities for other subgraphs', async () => {
    const parsed = await run('{ parseSignal(text: "alvo 2") { status update { kind targetNumber asset } signal { asset } reason } }');
    expect(parsed.data).toEqual({ parseSignal: { status: 'UPDATE', update: { kind: 'TARGET_HIT', targetNumber: 2, asset: null }, signal: null, reason: null } });
    expect(await db.prisma.signalMessage.count()).toBe(0);
    expect((await run('query($t: String!) { parseSignal(text: $t) { status } }', { t: 'x'.repeat(5000) })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await importAt([{ messageId: 1, text: 'buy petr4' }]);
    const [row] = await db.prisma.signal.findMany();
    const entities = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Signal { id asset } } }', {
      r: [{ __typename: 'Signal', id: row.id }, { __typename: 'Signal', id: 'unknown' }],
    });
    expect(entities.data).toEqual({ _entities: [{ id: row.id, asset: 'PETR4' }, null] });
  });
});
