import { DecimalScalar, domainEnum } from '@b3/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { MESSAGE_STATUSES, SIGNAL_STATUSES, type MessageStatus, type Signal, type SignalStatus } from '../domain/signal';
import { SIGNAL_KINDS, SIGNAL_SIDES, UPDATE_KINDS, type SignalKind, type SignalSide, type UpdateKind } from '../domain/signal-parse';
import { TickerRef } from './ticker-ref.type';

export const SignalSideEnum = domainEnum(SIGNAL_SIDES, { name: 'SignalSide' });
export const SignalKindEnum = domainEnum(SIGNAL_KINDS, { name: 'SignalKind', description: 'Only when the message states it' });
export const SignalStatusEnum = domainEnum(SIGNAL_STATUSES, {
  name: 'SignalStatus',
  description: "From the channel's follow-ups and the market's trades; EXPIRED: still open past its validity",
});
export const SignalUpdateKindEnum = domainEnum(UPDATE_KINDS, { name: 'SignalUpdateKind' });
export const MessageStatusEnum = domainEnum(MESSAGE_STATUSES, { name: 'SignalMessageStatus' });

@Directive('@key(fields: "id")')
@ObjectType('Signal', { description: 'A trade signal read from a channel message' })
export class SignalType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'B3 ticker the signal is about' })
  asset!: string;

  @Field(() => TickerRef, { description: 'The instrument, with live market data from the market subgraph' })
  ticker!: TickerRef;

  @Field(() => SignalSideEnum)
  side!: SignalSide;

  @Field(() => SignalKindEnum, { nullable: true })
  kind!: SignalKind | null;

  @Field(() => DecimalScalar, { description: 'Entry price, or the low end of the entry range' })
  entryMin!: string;

  @Field(() => DecimalScalar, { description: 'Entry price, or the high end of the entry range' })
  entryMax!: string;

  @Field(() => [DecimalScalar], { description: 'In order: target 1, 2, …, the final one last' })
  targets!: string[];

  @Field(() => DecimalScalar, { nullable: true })
  stop!: string | null;

  @Field(() => Int, { description: 'How many targets were reached' })
  targetsHit!: number;

  @Field({ description: 'When the channel posted it (UTC)' })
  postedAt!: Date;

  @Field({ description: 'From then on an open signal reads as EXPIRED' })
  expiresAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: '1 when read; +1 per edit or status change (see history)' })
  version!: number;

  /** Kept for the field resolvers; not in the schema. */
  record!: Signal;
}

export function toSignalType(signal: Signal): SignalType {
  return Object.assign(new SignalType(), {
    id: signal.id,
    asset: signal.asset,
    ticker: Object.assign(new TickerRef(), { symbol: signal.asset }),
    side: signal.side,
    kind: signal.kind,
    entryMin: signal.entryMin,
    entryMax: signal.entryMax,
    targets: [...signal.targets],
    stop: signal.stop,
    targetsHit: signal.targetsHit,
    postedAt: signal.postedAt,
    expiresAt: signal.expiresAt,
    updatedAt: signal.updatedAt,
    version: signal.version,
    record: signal,
  });
}

@ObjectType('SignalChannel', { description: 'A Telegram chat signals are read from' })
export class SignalChannelType {
  @Field(() => ID)
  id!: string;

  @Field({ description: "Telegram's chat id (negative for channels); manual:<name> for hand-posted messages" })
  chatId!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Public @username, used for message links' })
  username!: string | null;

  @Field({ description: 'A disabled channel’s messages are logged as IGNORED' })
  enabled!: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field({ description: 'Who last changed it ("auto-registered" for a chat first seen in a message)' })
  updatedBy!: string;
}

@ObjectType('SignalUpdate', { description: "A channel's follow-up about a signal (target reached, stopped out…)" })
export class SignalUpdateType {
  @Field(() => SignalUpdateKindEnum)
  kind!: UpdateKind;

  @Field(() => Int, { nullable: true })
  targetNumber!: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  price!: string | null;

  @Field()
  at!: Date;
}

@ObjectType('SignalRevision', { description: 'The signal as it was before a change' })
export class SignalRevisionType {
  @Field(() => Int, { description: 'The version this revision was' })
  version!: number;

  @Field({ description: 'EDIT (its message was edited), UPDATE (a follow-up) or MARKET (a price reached a level)' })
  cause!: string;

  @Field()
  at!: Date;

  @Field(() => SignalStatusEnum)
  status!: SignalStatus;

  @Field(() => DecimalScalar)
  entryMin!: string;

  @Field(() => DecimalScalar)
  entryMax!: string;

  @Field(() => [DecimalScalar])
  targets!: string[];

  @Field(() => DecimalScalar, { nullable: true })
  stop!: string | null;

  @Field(() => Int)
  targetsHit!: number;
}

@ObjectType('SignalMessage', { description: 'One received message and what became of it' })
export class SignalMessageType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "Telegram's message id in its chat" })
  messageId!: number;

  @Field()
  text!: string;

  @Field(() => MessageStatusEnum)
  status!: MessageStatus;

  @Field(() => String, { nullable: true, description: 'Why it was IGNORED or FAILED' })
  reason!: string | null;

  @Field()
  sentAt!: Date;

  @Field(() => Date, { nullable: true })
  editedAt!: Date | null;

  @Field()
  receivedAt!: Date;

  @Field(() => Int, { description: '1 on arrival, +1 per edit' })
  version!: number;

  channelId!: string;
}

@ObjectType('SignalEdge')
export class SignalEdgeType {
  @Field()
  cursor!: string;

  @Field(() => SignalType)
  node!: SignalType;
}

@ObjectType('SignalPageInfo')
export class SignalPageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('SignalConnection')
export class SignalConnectionType {
  @Field(() => [SignalEdgeType])
  edges!: SignalEdgeType[];

  @Field(() => SignalPageInfoType)
  pageInfo!: SignalPageInfoType;

  @Field(() => Int, { description: 'Signals matching the filter, all pages together' })
  totalCount!: number;
}

@ObjectType('SignalMessageConnection')
export class SignalMessageConnectionType {
  @Field(() => [SignalMessageType])
  nodes!: SignalMessageType[];

  @Field({ description: 'More after the last node: pass its id as `after`' })
  hasNextPage!: boolean;
}

@ObjectType('ParsedSignal')
export class ParsedSignalType {
  @Field()
  asset!: string;

  @Field(() => SignalSideEnum)
  side!: SignalSide;

  @Field(() => SignalKindEnum, { nullable: true })
  kind!: SignalKind | null;

  @Field(() => DecimalScalar)
  entryMin!: string;

  @Field(() => DecimalScalar)
  entryMax!: string;

  @Field(() => [DecimalScalar])
  targets!: string[];

  @Field(() => DecimalScalar, { nullable: true })
  stop!: string | null;
}

@ObjectType('ParsedSignalUpdate')
export class ParsedSignalUpdateType {
  @Field(() => String, { nullable: true })
  asset!: string | null;

  @Field(() => SignalUpdateKindEnum)
  kind!: UpdateKind;

  @Field(() => Int, { nullable: true })
  targetNumber!: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  price!: string | null;
}

@ObjectType('SignalParseResult', { description: 'What the parser reads in a text: a signal, an update, or nothing (with the reason)' })
export class SignalParseResultType {
  @Field({ description: 'SIGNAL, UPDATE or IGNORED' })
  status!: string;

  @Field(() => ParsedSignalType, { nullable: true })
  signal!: ParsedSignalType | null;

  @Field(() => ParsedSignalUpdateType, { nullable: true })
  update!: ParsedSignalUpdateType | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType('PostedSignalMessage', { description: 'A hand-posted message as processed, with its signal when it read as one' })
export class PostedSignalMessageType {
  @Field(() => SignalMessageType)
  message!: SignalMessageType;

  @Field(() => SignalType, { nullable: true })
  signal!: SignalType | null;
}

@ObjectType('TelegramImportResult')
export class TelegramImportResultType {
  @Field(() => Int)
  received!: number;

  @Field(() => Int, { description: 'New messages stored (and parsed)' })
  stored!: number;

  @Field(() => Int, { description: 'Already known, unchanged' })
  duplicates!: number;

  @Field(() => Int, { description: 'Known, with a newer edit: re-parsed' })
  edited!: number;
}
