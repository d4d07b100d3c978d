import { isUniqueViolation, type Prisma, type PrismaClient } from '@b3/prisma';
import type {
  Channel,
  ChannelId,
  MessageRecord,
  MessageRowId,
  RevisionCause,
  Signal,
  SignalId,
  SignalSnapshot,
  SignalUpdateRecord,
} from '../domain/signal';
import { snapshotOf } from '../domain/signal';
import { DuplicateChannelError, type MessageOutcome, type SignalQuery, type SignalStore } from './signal.store';

type Decimalish = { toFixed(): string };
type ChannelRow = Prisma.SignalChannelGetPayload<object>;
type MessageRow = Prisma.SignalMessageGetPayload<object>;
type SignalRow = Prisma.SignalGetPayload<object>;

// toFixed() without digits prints the exact value in plain notation; toString() may switch to exponents.
const text = (value: Decimalish): string => value.toFixed();

const toChannel = (row: ChannelRow): Channel => ({ ...row, id: row.id as ChannelId });

const toMessage = (row: MessageRow): MessageRecord => ({ ...row, id: row.id as MessageRowId, channelId: row.channelId as ChannelId });

const toSignal = (row: SignalRow): Signal => ({
  id: row.id as SignalId,
  channelId: row.channelId as ChannelId,
  messageRowId: row.messageRowId as MessageRowId,
  asset: row.asset,
  side: row.side,
  kind: row.kind,
  entryMin: text(row.entryMin),
  entryMax: text(row.entryMax),
  targets: (row.targets ?? []).map(text),
  stop: row.stop ? text(row.stop) : null,
  status: row.status,
  targetsHit: row.targetsHit,
  postedAt: row.postedAt,
  expiresAt: row.expiresAt,
  updatedAt: row.updatedAt,
  version: row.version,
});

const signalColumns = (s: Signal) => ({ ...snapshotOf(s), targets: [...s.targets], expiresAt: s.expiresAt, updatedAt: s.updatedAt, version: s.version });

const LIVE = ['OPEN', 'HIT_TARGET'] as const;

function signalWhere(q: Omit<SignalQuery, 'first' | 'after'>): Prisma.SignalWhereInput {
  return {
    ...(q.asset ? { asset: q.asset } : {}),
    ...(q.channelId ? { channelId: q.channelId } : {}),
    ...(q.side ? { side: q.side } : {}),
    ...(q.statuses ? { status: { in: [...q.statuses] } } : {}),
    AND: [
      q.postedFrom ? { postedAt: { gte: q.postedFrom } } : {},
      q.postedTo ? { postedAt: { lt: q.postedTo } } : {},
      q.expiredAt ? { expiresAt: { lte: q.expiredAt } } : {},
      q.liveAt ? { expiresAt: { gt: q.liveAt } } : {},
    ],
  };
}

/** The only place the signals subgraph touches Prisma, and only its own models. */
export function createPrismaSignalStore(prisma: PrismaClient): SignalStore {
  /** A signal change with its revision, only if the row is still at the version it was read at. */
  const writeChange = async (tx: Prisma.TransactionClient, signal: Signal, before: Signal, cause: RevisionCause, at: Date): Promise<boolean> => {
    const { count } = await tx.signal.updateMany({ where: { id: signal.id, version: before.version }, data: signalColumns(signal) });
    if (count === 0) return false;
    await tx.signalRevision.create({ data: { signalId: signal.id, version: before.version, snapshot: snapshotOf(before), cause, at } });
    return true;
  };

  return {
    async channelByChatId(chatId) {
      const row = await prisma.signalChannel.findUnique({ where: { chatId } });
      return row ? toChannel(row) : null;
    },
    async channelById(id) {
      const row = await prisma.signalChannel.findUnique({ where: { id } });
      return row ? toChannel(row) : null;
    },
    async channelsByIds(ids) {
      return (await prisma.signalChannel.findMany({ where: { id: { in: [...ids] } } })).map(toChannel);
    },
    async listChannels() {
      return (await prisma.signalChannel.findMany({ orderBy: [{ title: 'asc' }, { id: 'asc' }] })).map(toChannel);
    },
    async createChannel(channel) {
      try {
        return toChannel(await prisma.signalChannel.create({ data: channel }));
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateChannelError(channel.chatId);
        throw error;
      }
    },
    async updateChannel(channel) {
      try {
        const { id, ...data } = channel;
        return toChannel(await prisma.signalChannel.update({ where: { id }, data }));
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateChannelError(channel.chatId);
        throw error;
      }
    },
    async deleteChannel(id) {
      return prisma.$transaction(async (tx) => {
        const messages = await tx.signalMessage.count({ where: { channelId: id } });
        if (messages > 0) return { deleted: false, messages };
        const { count } = await tx.signalChannel.deleteMany({ where: { id } });
        return { deleted: count > 0, messages: 0 };
      });
    },

    async messageByKey(channelId, messageId) {
      const row = await prisma.signalMessage.findUnique({ where: { channelId_messageId: { channelId, messageId } } });
      return row ? toMessage(row) : null;
    },
    async messageById(id) {
      const row = await prisma.signalMessage.findUnique({ where: { id } });
      return row ? toMessage(row) : null;
    },
    async insertMessage(message) {
      try {
        return toMessage(await prisma.signalMessage.create({ data: message }));
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async editMessage(message, edited) {
      return prisma.$transaction(async (tx) => {
        await tx.signalMessageRevision.create({
          data: { messageRowId: message.id, version: message.version, text: message.text, status: message.status, reason: message.reason, replacedAt: edited.at },
        });
        const row = await tx.signalMessage.update({
          where: { id: message.id },
          data: { text: edited.text, editedAt: edited.editedAt, status: 'RECEIVED', reason: null, version: message.version + 1, updatedAt: edited.at },
        });
        return toMessage(row);
      });
    },
    async unprocessedMessages(limit) {
      const rows = await prisma.signalMessage.findMany({ where: { status: 'RECEIVED' }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }], take: limit });
      return rows.map(toMessage);
    },
    async settleMessage(message, outcome: MessageOutcome, at) {
      await prisma.$transaction(async (tx) => {
        await tx.signalMessage.update({ where: { id: message.id }, data: { status: outcome.status, reason: outcome.reason, updatedAt: at } });
        if (outcome.createSignal) {
          const s = outcome.createSignal;
          await tx.signal.create({ data: { id: s.id, channelId: s.channelId, messageRowId: s.messageRowId, postedAt: s.postedAt, ...signalColumns(s) } });
        }
        if (outcome.changeSignal) {
          const { signal, before, cause } = outcome.changeSignal;
          // Messages are processed one at a time, so the only other writer is the market marker; its change
          // is history too, so a lost race is retried by the caller from a fresh read.
          if (!(await writeChange(tx, signal, before, cause, at))) throw new Error(`signal ${signal.id} changed while message ${message.id} was processed`);
        }
        if (outcome.update) {
          const u = outcome.update;
          await tx.signalUpdate.create({ data: { id: crypto.randomUUID(), signalId: u.signalId, messageRowId: u.messageRowId, kind: u.kind, targetNumber: u.targetNumber, price: u.price, at: u.at } });
        }
      });
    },
    async listMessages({ channelId, status, first, after }) {
      const rows = await prisma.signalMessage.findMany({
        where: {
          ...(channelId ? { channelId } : {}),
          ...(status ? { status } : {}),
          ...(after ? { OR: [{ receivedAt: { lt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { lt: after.id } }] } : {}),
        },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
      });
      return { messages: rows.slice(0, first).map(toMessage), hasMore: rows.length > first };
    },
    async messageRevisions(id) {
      const rows = await prisma.signalMessageRevision.findMany({ where: { messageRowId: id }, orderBy: { version: 'asc' } });
      return rows.map((r) => ({ version: r.version, text: r.text, status: r.status, reason: r.reason, replacedAt: r.replacedAt }));
    },

    async signalByMessage(messageRowId) {
      const row = await prisma.signal.findUnique({ where: { messageRowId } });
      return row ? toSignal(row) : null;
    },
    async signalsByIds(ids) {
      return (await prisma.signal.findMany({ where: { id: { in: [...ids] } } })).map(toSignal);
    },
    async liveSignalFor(asset, channelId) {
      const rows = await prisma.signal.findMany({ where: { asset, status: { in: [...LIVE] } }, orderBy: [{ postedAt: 'desc' }, { id: 'desc' }], take: 20 });
      const own = rows.find((r) => r.channelId === channelId) ?? rows[0];
      return own ? toSignal(own) : null;
    },
    async latestLiveSignal(channelId) {
      const row = await prisma.signal.findFirst({ where: { channelId, status: { in: [...LIVE] } }, orderBy: [{ postedAt: 'desc' }, { id: 'desc' }] });
      return row ? toSignal(row) : null;
    },
    async liveSignals(assets) {
      const rows = await prisma.signal.findMany({ where: { status: { in: [...LIVE] }, ...(assets ? { asset: { in: [...assets] } } : {}) } });
      return rows.map(toSignal);
    },
    async changeSignal(signal, before, cause) {
      return prisma.$transaction((tx) => writeChange(tx, signal, before, cause, signal.updatedAt));
    },
    async listSignals(query) {
      const { first, after } = query;
      const where = signalWhere(query);
      const rows = await prisma.signal.findMany({
        where: after ? { AND: [where, { OR: [{ postedAt: { lt: after.postedAt } }, { postedAt: after.postedAt, id: { lt: after.id } }] }] } : where,
        orderBy: [{ postedAt: 'desc' }, { id: 'desc' }],
        take: first + 1,
      });
      return { signals: rows.slice(0, first).map(toSignal), hasMore: rows.length > first };
    },
    async countSignals(query) {
      return prisma.signal.count({ where: signalWhere(query) });
    },
    async signalRevisions(id) {
      const rows = await prisma.signalRevision.findMany({ where: { signalId: id }, orderBy: { version: 'asc' } });
      return rows.map((r) => ({ version: r.version, snapshot: r.snapshot as unknown as SignalSnapshot, cause: r.cause as RevisionCause, at: r.at }));
    },
    async signalUpdates(id) {
      const rows = await prisma.signalUpdate.findMany({ where: { signalId: id }, orderBy: { at: 'asc' } });
      return rows.map(
        (r): SignalUpdateRecord => ({
          signalId: r.signalId as SignalId,
          messageRowId: r.messageRowId as MessageRowId,
          kind: r.kind,
          targetNumber: r.targetNumber,
          price: r.price ? text(r.price) : null,
          at: r.at,
        }),
      );
    },

    async loadPollOffset(bot) {
      const row = await prisma.telegramPollOffset.findUnique({ where: { bot } });
      return row ? Number(row.nextOffset) : null;
    },
    async savePollOffset(bot, offset, at) {
      await prisma.telegramPollOffset.upsert({ where: { bot }, create: { bot, nextOffset: BigInt(offset), updatedAt: at }, update: { nextOffset: BigInt(offset), updatedAt: at } });
    },
  };
}
