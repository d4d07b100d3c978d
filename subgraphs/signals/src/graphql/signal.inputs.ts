import { Field, InputType, Int } from 'type-graphql';
import type { MessageStatus, SignalStatus } from '../domain/signal';
import type { SignalSide } from '../domain/signal-parse';
import { MessageStatusEnum, SignalSideEnum, SignalStatusEnum } from './signal.type';

@InputType('SignalFilter')
export class SignalFilterInput {
  @Field(() => String, { nullable: true, description: 'B3 ticker, any case' })
  asset?: string | null;

  @Field(() => String, { nullable: true, description: 'A SignalChannel id' })
  channelId?: string | null;

  @Field(() => SignalSideEnum, { nullable: true })
  side?: SignalSide | null;

  @Field(() => SignalStatusEnum, { nullable: true })
  status?: SignalStatus | null;

  @Field(() => Date, { nullable: true, description: 'Posted at or after' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Posted before' })
  to?: Date | null;
}

@InputType('SignalMessageFilter')
export class SignalMessageFilterInput {
  @Field(() => String, { nullable: true })
  channelId?: string | null;

  @Field(() => MessageStatusEnum, { nullable: true })
  status?: MessageStatus | null;
}

@InputType('SignalChannelInput', { description: 'For an update, empty fields keep their value' })
export class SignalChannelInput {
  @Field(() => String, { nullable: true, description: "Telegram's chat id, e.g. -1001234567890" })
  chatId?: string | null;

  @Field(() => String, { nullable: true, description: '1 to 128 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Public @username, for message links' })
  username?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true when registering' })
  enabled?: boolean | null;
}

@InputType('PostSignalMessageInput')
export class PostSignalMessageInput {
  @Field(() => String, { nullable: true, description: 'Manual channel name (default: your user id); stored as chat "manual:<name>"' })
  channel?: string | null;

  @Field({ description: 'The message as a channel would post it, e.g. "COMPRA PETR4 entrada 38,50 stop 37,90 alvo 39,80"' })
  text!: string;
}

@InputType('TelegramChatInput')
export class TelegramChatInput {
  @Field({ description: "Telegram's chat id (the export's `id`; channels are negative, e.g. -1001234567890)" })
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  username?: string | null;
}

@InputType('TelegramMessageInput')
export class TelegramMessageInput {
  @Field(() => Int)
  messageId!: number;

  @Field({ description: 'When it was sent (ISO 8601)' })
  date!: Date;

  @Field(() => Date, { nullable: true })
  editedAt?: Date | null;

  @Field()
  text!: string;

  @Field(() => Int, { nullable: true })
  replyToMessageId?: number | null;
}
