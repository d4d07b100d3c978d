import { mapTelegramUpdate, MAX_TEXT_CHARS } from '../src/telegram/telegram-update';

const DATE = 1761650100; // 2025-10-28T11:15:00Z
const channel = { id: -1001234567890, type: 'channel', title: 'Sinais B3', username: 'sinais_b3' };

describe('mapTelegramUpdate', () => {
  it('maps a channel post with the chat id as text', () => {
    const mapped = mapTelegramUpdate({ update_id: 10, channel_post: { message_id: 7, date: DATE, chat: channel, text: 'COMPRA PETR4 38,50' } });
    expect(mapped).toEqual({
      ok: true,
      updateId: 10,
      kind: 'channel_post',
      message: {
        chatId: '-1001234567890',
        chatTitle: 'Sinais B3',
        chatUsername: 'sinais_b3',
        messageId: 7,
        date: new Date(DATE * 1000),
        editedAt: null,
        text: 'COMPRA PETR4 38,50',
        replyToMessageId: null,
      },
    });
  });

  it('takes a media caption when there is no text, and names a private chat after the person', () => {
    const mapped = mapTelegramUpdate({
      update_id: 11,
      message: { message_id: 8, date: DATE, chat: { id: 42, type: 'private', first_name: 'Ana', last_name: 'Lima' }, photo: [{}], caption: 'VENDA VALE3' },
    });
    expect(mapped).toMatchObject({ ok: true, kind: 'message', message: { chatId: '42', chatTitle: 'Ana Lima', chatUsername: null, text: 'VENDA VALE3' } });
  });

  it.each([['edited_message'], ['edited_channel_post']])('maps %s with its edit date', (kind) => {
    const mapped = mapTelegramUpdate({ update_id: 12, [kind]: { message_id: 9, date: DATE, edit_date: DATE + 60, chat: channel, text: 'COMPRA PETR4 38,60' } });
    expect(mapped).toMatchObject({ ok: true, kind, message: { messageId: 9, date: new Date(DATE * 1000), editedAt: new Date((DATE + 60) * 1000) } });
  });

  it('keeps the id of the message it replies to', () => {
    const mapped = mapTelegramUpdate({
      update_id: 13,
      channel_post: { message_id: 20, date: DATE, chat: channel, text: 'ALVO 1 ATINGIDO', reply_to_message: { message_id: 7, date: DATE, chat: channel, text: 'COMPRA PETR4' } },
    });
    expect(mapped).toMatchObject({ ok: true, message: { messageId: 20, replyToMessageId: 7 } });
    const inTopic = mapTelegramUpdate({
      update_id: 14,
      message: { message_id: 21, date: DATE, chat: channel, text: 'COMPRA PETR4', is_topic_message: true, reply_to_message: { message_id: 3, forum_topic_created: { name: 'Ações' } } },
    });
    expect(inTopic).toMatchObject({ ok: true, message: { messageId: 21, replyToMessageId: null } });
  });

  it('keeps chat ids beyond 32 bits exact', () => {
    const mapped = mapTelegramUpdate({ update_id: 1, channel_post: { message_id: 1, date: DATE, chat: { id: -1009876543210123, type: 'channel' }, text: 'x' } });
    expect(mapped.ok && mapped.message.chatId).toBe('-1009876543210123');
  });

  it.each([
    ['a sticker', { message_id: 1, date: DATE, chat: channel, sticker: {} }, /neither text nor a caption/],
    ['blank text', { message_id: 1, date: DATE, chat: channel, text: '  \n ' }, /blank/],
  ])('skips %s as NO_TEXT', (_name, message, detail) => {
    const mapped = mapTelegramUpdate({ update_id: 5, message });
    expect(mapped).toMatchObject({ ok: false, updateId: 5, reason: 'NO_TEXT' });
    expect(!mapped.ok && mapped.detail).toMatch(detail);
  });

  it.each([
    ['a callback query', { update_id: 3, callback_query: { id: 'q' } }],
    ['a poll', { update_id: 3, poll: { id: 'p' } }],
    ['an empty update', { update_id: 3 }],
  ])('skips %s as UNSUPPORTED_UPDATE', (_name, update) => {
    expect(mapTelegramUpdate(update)).toMatchObject({ ok: false, updateId: 3, reason: 'UNSUPPORTED_UPDATE' });
  });

  it.each([
    ['not an object', 'hello', null],
    ['an array', [1, 2], null],
    ['no update_id', { message: {} }, null],
    ['a fractional update_id', { update_id: 1.5, message: {} }, null],
    ['a string update_id', { update_id: '7', message: {} }, null],
  ])('refuses %s as MALFORMED without an update id', (_name, update, updateId) => {
    expect(mapTelegramUpdate(update)).toMatchObject({ ok: false, updateId, reason: 'MALFORMED' });
  });

  const good = { message_id: 1, date: DATE, chat: channel, text: 'COMPRA PETR4' };
  it.each([
    ['message as a string', 'hi', /message must be an object/],
    ['a missing chat', { ...good, chat: undefined }, /chat must be an object/],
    ['a chat id as text', { ...good, chat: { id: '-100' } }, /chat.id/],
    ['a chat id beyond 2^53', { ...good, chat: { id: 2 ** 60 } }, /chat.id/],
    ['a zero message id', { ...good, message_id: 0 }, /message_id/],
    ['a date in milliseconds', { ...good, date: DATE * 1000 }, /date/],
    ['a date as text', { ...good, date: '2026-10-28' }, /date/],
    ['text as a number', { ...good, text: 42 }, /text/],
    ['a title that is not text', { ...good, chat: { ...channel, title: { evil: true } } }, /chat.title/],
    ['an oversized text', { ...good, text: 'x'.repeat(MAX_TEXT_CHARS + 1) }, /longer than/],
    ['a reply without a message id', { ...good, reply_to_message: { text: 'x' } }, /reply_to_message/],
  ])('refuses %s as MALFORMED, keeping the update id', (_name, message, detail) => {
    const mapped = mapTelegramUpdate({ update_id: 9, message });
    expect(mapped).toMatchObject({ ok: false, updateId: 9, reason: 'MALFORMED' });
    expect(!mapped.ok && mapped.detail).toMatch(detail);
  });

  it('refuses an edit without an edit date', () => {
    expect(mapTelegramUpdate({ update_id: 9, edited_message: good })).toMatchObject({ ok: false, reason: 'MALFORMED', detail: expect.stringMatching(/edit_date/) });
  });
});
