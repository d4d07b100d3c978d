import { describeWithService } from '@b3/kit';
import { type Database, openPostgresTestDatabase, openTestDatabase, resetDatabase } from '@b3/prisma';
import { newSignal, type Channel, type ChannelId, type MessageRecord, type MessageRowId, type Signal, type SignalId } from '../src/domain/signal';
import { createPrismaSignalStore } from '../src/store/prisma-signal.store';
import { DuplicateChannelError, type SignalStore } from '../src/store/signal.store';

let seq = 0;
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 26, 13, minute));

/** The same checks on every database the store runs on (the PostgreSQL block skips when it is missing). */
function storeContract(open: () => Promise<Database>): void {
  let db: Database;
  let store: SignalStore;
  const channel = async (chatId: string): Promise<Channel> =>
    store.createChannel({ id: uuid(++seq) as ChannelId, chatId, title: `chat ${chatId}`, username: null, enabled: true, createdAt: at(0), updatedAt: at(0), updatedBy: 'test' });
  const message = async (c: Channel, messageId: number, minute = 0): Promise<MessageRecord> =>
    (await store.insertMessage({ id: uuid(++seq) as MessageRowId, channelId: c.id, messageId, sentAt: at(minute), editedAt: null, text: `m${messageId}`, replyTo: null, status: 'RECEIVED', reason: null, version: 1, receivedAt: at(minute), updatedAt: at(minute) }))!;
  const signal = async (c: Channel, asset: string, minute: number, levels: Partial<Signal> = {}): Promise<Signal> => {
    const m = await message(c, 1000 + ++seq, minute);
    const s = { ...newSignal({ asset, side: 'BUY', kind: null, entryMin: '38', entryMax: '38', targets: ['39'], stop: '37' }, { id: uuid(++seq) as SignalId, channelId: c.id, messageRowId: m.id }, at(minute), 30), ...levels };
    await store.settleMessage(m, { status: 'PARSED', reason: null, createSignal: s }, at(minute));
    return s;
  };

  beforeAll(async () => {
    db = await open();
    store = createPrismaSignalStore(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
  });

  it('round-trips a signal with exact decimal levels', async () => {
    const c = await channel('-1001');
    const s = await signal(c, 'WINZ26', 1, { entryMin: '125000', entryMax: '125100.5', targets: ['126000', '0.0001'], stop: '124500.25' });
    const [read] = await store.signalsByIds([s.id]);
    expect(read).toEqual(s);
  });

  it('keeps one message per chat and message id, and one channel per chat', async () => {
    const c = await channel('-1001');
    await message(c, 5);
    expect(await store.insertMessage({ ...(await store.messageByKey(c.id, 5))!, id: uuid(++seq) as MessageRowId })).toBeNull();
    await expect(channel('-1001')).rejects.toBeInstanceOf(DuplicateChannelError);
  });

  it('pages newest first with the id breaking ties, and finds the live signal of an asset preferring the channel', async () => {
    const a = await channel('-1001');
    const b = await channel('-1002');
    const older = await signal(a, 'PETR4', 1);
    const tieLow = await signal(b, 'PETR4', 2);
    const tieHigh = await signal(b, 'PETR4', 2);
    const [first, second] = [tieLow, tieHigh].sort((x, y) => (x.id < y.id ? 1 : -1));
    const page1 = await store.listSignals({ asset: 'PETR4', first: 2 });
    expect(page1.signals.map((s) => s.id)).toEqual([first.id, second.id]);
    expect(page1.hasMore).toBe(true);
    const page2 = await store.listSignals({ asset: 'PETR4', first: 2, after: { postedAt: second.postedAt, id: second.id } });
    expect(page2).toEqual({ signals: [older], hasMore: false });
    expect((await store.liveSignalFor('PETR4', a.id))?.id).toBe(older.id);
    expect((await store.liveSignalFor('PETR4', uuid(999) as ChannelId))?.channelId).toBe(b.id);
  });

  it('writes a status change with its revision only from the version it was read at', async () => {
    const c = await channel('-1001');
    const s = await signal(c, 'VALE3', 1);
    const stopped: Signal = { ...s, status: 'STOPPED', version: 2, updatedAt: at(5) };
    expect(await store.changeSignal(stopped, s, 'MARKET')).toBe(true);
    expect(await store.changeSignal({ ...s, status: 'CLOSED', version: 2 }, s, 'UPDATE')).toBe(false);
    expect((await store.signalsByIds([s.id]))[0].status).toBe('STOPPED');
    expect(await store.signalRevisions(s.id)).toMatchObject([{ version: 1, cause: 'MARKET', snapshot: { status: 'OPEN' } }]);
  });

  it('refuses to delete a channel with messages, and deletes an empty one', async () => {
    const used = await channel('-1001');
    await message(used, 1);
    expect(await store.deleteChannel(used.id)).toEqual({ deleted: false, messages: 1 });
    const empty = await channel('-1002');
    expect(await store.deleteChannel(empty.id)).toEqual({ deleted: true, messages: 0 });
  });

  it('remembers the polling offset per bot', async () => {
    expect(await store.loadPollOffset('123')).toBeNull();
    await store.savePollOffset('123', 7001, at(1));
    await store.savePollOffset('123', 7002, at(2));
    expect(await store.loadPollOffset('123')).toBe(7002);
  });
}

describe('Prisma signal store on PGlite', () => {
  storeContract(openTestDatabase);
});

describeWithService('postgres', 5432)('Prisma signal store on PostgreSQL', () => {
  storeContract(() => openPostgresTestDatabase('signals'));
});
