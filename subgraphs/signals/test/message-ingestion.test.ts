import { createLogger } from '@b3/kit';
import { type Database, openTestDatabase, resetDatabase } from '@b3/prisma';
import type { InboundMessage } from '../src/domain/inbound-message';
import type { Signal } from '../src/domain/signal';
import { MessageIngestion } from '../src/services/message-ingestion.service';
import { SignalEvents } from '../src/services/signal-events';
import { SignalMarking } from '../src/services/signal-marking.service';
import { createPrismaSignalStore } from '../src/store/prisma-signal.store';
import type { SignalStore } from '../src/store/signal.store';
import { parse } from './fixed-parser';

/**
 * Ingestion over the real store with a fixed parser table, so these tests are about what happens to
 * messages and signals (dedupe, edits, follow-ups, disabled channels, crash recovery, market prices), not
 * about reading text (the parser has its own tests).
 */
const CHAT = '-1001234567890';
let nextId = 100;
const message = (text: string, overrides: Partial<InboundMessage> = {}): InboundMessage => ({
  chatId: CHAT, chatTitle: 'Sinais B3', chatUsername: 'sinaisb3', messageId: nextId++, date: new Date('2026-11-26T13:00:00Z'), editedAt: null, text, ...overrides,
});

describe('message ingestion', () => {
  let db: Database;
  let store: SignalStore;
  let events: SignalEvents;
  let ingestion: MessageIngestion;
  const logger = createLogger('signals-test', 'silent');
  const start = (autoEnable = true) => {
    events = new SignalEvents();
    ingestion = new MessageIngestion(store, { parse, events, logger, autoEnable, expiryDays: 30, clock: () => new Date('2026-11-26T13:00:01Z') });
  };
  const signalOf = async (m: InboundMessage): Promise<Signal | null> => {
    const channel = (await store.channelByChatId(m.chatId))!;
    const row = (await store.messageByKey(channel.id, m.messageId))!;
    return store.signalByMessage(row.id);
  };
  const rowOf = async (m: InboundMessage) => store.messageByKey((await store.channelByChatId(m.chatId))!.id, m.messageId);

  beforeAll(async () => {
    db = await openTestDatabase();
    store = createPrismaSignalStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    start();
  });

  it('stores a message, reads its signal, registers the unknown chat and announces the signal', async () => {
    const seen: Signal[] = [];
    const stream = events.newSignals('petr4');
    void (async () => {
      for await (const s of stream) seen.push(s);
    })();
    const m = message('buy petr4');
    expect(await ingestion.receive(m)).toBe('STORED');
    await ingestion.settled();
    expect(await rowOf(m)).toMatchObject({ status: 'PARSED', reason: null, version: 1 });
    expect(await signalOf(m)).toMatchObject({ asset: 'PETR4', side: 'BUY', entryMin: '38', entryMax: '38.5', targets: ['39', '40', '42'], stop: '37', status: 'OPEN' });
    expect(await store.listChannels()).toMatchObject([{ chatId: CHAT, title: 'Sinais B3', username: 'sinaisb3', enabled: true, updatedBy: 'auto-registered' }]);
    expect(seen.map((s) => s.asset)).toEqual(['PETR4']);
    await stream.return?.();
  });

  it('changes nothing when the same update is delivered twice', async () => {
    const m = message('buy petr4');
    expect(await ingestion.receive(m)).toBe('STORED');
    expect(await ingestion.receive({ ...m })).toBe('DUPLICATE');
    await ingestion.settled();
    expect(await db.prisma.signalMessage.count()).toBe(1);
    expect(await db.prisma.signal.count()).toBe(1);
  });

  it('re-reads an edited message: the signal takes the new levels and keeps the old ones in its history', async () => {
    const m = message('buy petr4');
    await ingestion.receive(m);
    expect(await ingestion.receive({ ...m, text: 'buy petr4 v2', editedAt: new Date('2026-11-26T13:05:00Z') })).toBe('EDITED');
    await ingestion.settled();
    const signal = (await signalOf(m))!;
    expect(signal).toMatchObject({ entryMin: '38.2', targets: ['39.5', '41'], stop: '37.5', version: 2 });
    const history = await store.signalRevisions(signal.id);
    expect(history).toMatchObject([{ version: 1, cause: 'EDIT', snapshot: { entryMin: '38', targets: ['39', '40', '42'], stop: '37' } }]);
    const row = (await rowOf(m))!;
    expect(row).toMatchObject({ text: 'buy petr4 v2', version: 2, status: 'PARSED' });
    expect(await store.messageRevisions(row.id)).toMatchObject([{ version: 1, text: 'buy petr4', status: 'PARSED' }]);
    // an older edit arriving late changes nothing
    expect(await ingestion.receive({ ...m, text: 'buy petr4', editedAt: new Date('2026-11-26T13:01:00Z') })).toBe('DUPLICATE');
  });

  it('keeps the signal when an edit no longer reads as one, and says why', async () => {
    const m = message('buy petr4');
    await ingestion.receive(m);
    await ingestion.receive({ ...m, text: 'bom dia', editedAt: new Date('2026-11-26T13:05:00Z') });
    await ingestion.settled();
    expect(await rowOf(m)).toMatchObject({ status: 'IGNORED', reason: 'commentary, not a signal; the signal keeps its last readable version' });
    expect(await signalOf(m)).toMatchObject({ entryMin: '38', version: 1 });
  });

  it('links a follow-up to the open signal of its asset, or by reply, and moves its status', async () => {
    const signalMessage = message('buy petr4');
    await ingestion.receive(signalMessage);
    await ingestion.receive(message('alvo 1 petr4'));
    // names no asset, but replies to the signal's message
    await ingestion.receive(message('alvo 2', { replyToMessageId: signalMessage.messageId }));
    await ingestion.settled();
    const signal = (await signalOf(signalMessage))!;
    expect(signal).toMatchObject({ status: 'HIT_TARGET', targetsHit: 2 });
    expect((await store.signalUpdates(signal.id)).map((u) => [u.kind, u.targetNumber])).toEqual([['TARGET_HIT', 1], ['TARGET_HIT', 2]]);
    expect((await store.signalRevisions(signal.id)).map((r) => r.cause)).toEqual(['UPDATE', 'UPDATE']);
  });

  it('ignores a follow-up with no open signal to apply it to, naming it', async () => {
    const m = message('stopado itub4');
    await ingestion.receive(m);
    await ingestion.settled();
    expect(await rowOf(m)).toMatchObject({ status: 'IGNORED', reason: 'an update (stopped for ITUB4) with no open signal to apply it to' });
  });

  it('logs commentary as IGNORED with the reason, and a parser failure as FAILED without stopping the queue', async () => {
    const chat = message('bom dia');
    const bug = message('boom');
    const after = message('sell vale3');
    await ingestion.receive(chat);
    await ingestion.receive(bug);
    await ingestion.receive(after);
    await ingestion.settled();
    expect(await rowOf(chat)).toMatchObject({ status: 'IGNORED', reason: 'commentary, not a signal' });
    expect(await rowOf(bug)).toMatchObject({ status: 'FAILED', reason: 'the parser failed: parser bug' });
    expect(await signalOf(after)).toMatchObject({ asset: 'VALE3', side: 'SELL' });
  });

  it('logs the messages of a disabled channel as IGNORED and reads no signal from them', async () => {
    start(false);
    const m = message('buy petr4');
    await ingestion.receive(m);
    await ingestion.settled();
    expect(await rowOf(m)).toMatchObject({ status: 'IGNORED', reason: 'channel Sinais B3 is disabled' });
    expect(await db.prisma.signal.count()).toBe(0);
  });

  it('processes at the next start what a crash left RECEIVED', async () => {
    const m = message('buy petr4');
    const channel = await store.createChannel({ id: '11111111-1111-4111-8111-111111111111' as never, chatId: CHAT, title: 'Sinais B3', username: null, enabled: true, createdAt: new Date(), updatedAt: new Date(), updatedBy: 'admin' });
    await store.insertMessage({ id: '22222222-2222-4222-8222-222222222222' as never, channelId: channel.id, messageId: m.messageId, sentAt: m.date, editedAt: null, text: m.text, replyTo: null, status: 'RECEIVED', reason: null, version: 1, receivedAt: m.date, updatedAt: m.date });
    start();
    expect(await ingestion.resume()).toBe(1);
    expect(await signalOf(m)).toMatchObject({ asset: 'PETR4' });
  });

  it('moves a live signal with market trades: targets in order, then the stop ends it', async () => {
    const m = message('buy petr4');
    await ingestion.receive(m);
    await ingestion.settled();
    const marking = new SignalMarking(store, events, logger, () => new Date('2026-11-26T14:00:00Z'));
    const changed: Signal[] = [];
    events.onSignal((s) => changed.push(s));
    const trade = (price: string) => ({ symbol: 'PETR4', price, time: '2026-11-26T14:00:00Z', tradeNumber: 1 });
    await marking.refreshAssets();
    marking.ingest([trade('38.9'), trade('39.2'), trade('40.1')]);
    await marking.check();
    expect(await signalOf(m)).toMatchObject({ status: 'HIT_TARGET', targetsHit: 2 });
    marking.ingest([trade('36.95')]);
    await marking.check();
    const signal = (await signalOf(m))!;
    expect(signal.status).toBe('STOPPED');
    expect((await store.signalRevisions(signal.id)).map((r) => r.cause)).toEqual(['MARKET', 'MARKET']);
    expect(changed.map((s) => s.status)).toEqual(['HIT_TARGET', 'STOPPED']);
    await marking.stop();
  });
});
