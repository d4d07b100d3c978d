/**
 * One chat message as the signals domain sees it, whatever brought it (webhook, polling, a chat export).
 * Telegram's ids are kept as text: chat ids exceed 32 bits and are negative for channels.
 */
export interface InboundMessage {
  readonly chatId: string;
  readonly chatTitle: string | null;
  /** The public @username of the chat, when it has one (used for message links). */
  readonly chatUsername: string | null;
  readonly messageId: number;
  /** When the message was sent. */
  readonly date: Date;
  /** Set when this is an edit of an earlier message (edited_message / edited_channel_post). */
  readonly editedAt: Date | null;
  /** The message text, or a media caption. */
  readonly text: string;
  /** The message this one replies to: how "ALVO 1 ATINGIDO" posted as a reply finds its signal. */
  readonly replyToMessageId?: number | null;
}

/**
 * What became of a received message: STORED (new), DUPLICATE (this chat and message id were seen before
 * with the same content: nothing changed), EDITED (a later version of a stored message).
 */
export type ReceiveOutcome = 'STORED' | 'DUPLICATE' | 'EDITED';

/** Where inbound messages go; the ingestion service implements it. Parsing happens inside, not in the caller. */
export interface MessageSink {
  receive(message: InboundMessage): Promise<ReceiveOutcome>;
}
