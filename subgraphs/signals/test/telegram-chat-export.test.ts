import { botApiChatId, ChatExportError, type ExportChat, type ExportEvent, mapExportMessage, readChatExport } from '../src/telegram/chat-export';
import { createExportScanner, type ExportScanEvent, ExportScanError } from '../src/telegram/json-export-scanner';

const EXPORT = {
  name: 'Sinais "B3" \\ Day Trade',
  type: 'public_channel',
  id: 1234567890,
  messages: [
    { id: 1, type: 'service', date: '2025-10-28T10:00:00', date_unixtime: '1761656400', actor: 'Sinais', action: 'create_channel', text: '' },
    { id: 2, type: 'message', date: '2025-10-28T10:15:00', date_unixtime: '1761657300', text: 'COMPRA PETR4 entrada 38,50 stop 37,90', text_entities: [] },
    {
      id: 3,
      type: 'message',
      date: '2025-10-28T10:20:00',
      date_unixtime: '1761657600',
      edited: '2025-10-28T10:25:00',
      edited_unixtime: '1761657900',
      text: ['VENDA ', { type: 'bold', text: 'WINZ26' }, ' @ 125.000 ', { type: 'link', text: 'https://t.me/x' }, ' 😀'],
    },
    { id: 4, type: 'message', date: '2025-10-28T10:30:00', date_unixtime: '1761658200', photo: 'photos/p.jpg', text: '' },
    { id: 5, type: 'message', date: '2025-10-28T10:35:00', date_unixtime: '1761658500', text: '', text_entities: [{ type: 'plain', text: 'from entities' }], reply_to_message_id: 2 },
    { id: 6, type: 'message', date: '2025-10-28T10:40:00', date_unixtime: '1761658800', text: 'ALVO 1', reply_to_message_id: 77, reply_to_peer_id: 'channel999' },
  ],
};

const chat: ExportChat = { id: '-1001234567890', title: 'Sinais', username: null, type: 'public_channel' };

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(text: string, size = 64 * 1024, options = {}): Promise<ExportEvent[]> {
  const events: ExportEvent[] = [];
  for await (const event of readChatExport(chunksOf(text, size), options)) events.push(event);
  return events;
}

describe('json export scanner', () => {
  const text = JSON.stringify({ name: 'a"b', nested: { x: [1, { y: '}' }] }, flag: true, count: -1.5e3, messages: [{ id: 1, t: 'x\\"]}' }, 2, 'three', null], after: 'z' }, null, 1);

  it('yields fields and items however the text is split', () => {
    const expected: ExportScanEvent[] = [
      { kind: 'field', key: 'name', value: 'a"b' },
      { kind: 'field', key: 'nested', value: { x: [1, { y: '}' }] } },
      { kind: 'field', key: 'flag', value: true },
      { kind: 'field', key: 'count', value: -1500 },
      { kind: 'array-start' },
      { kind: 'item', index: 0, value: { id: 1, t: 'x\\"]}' } },
      { kind: 'item', index: 1, value: 2 },
      { kind: 'item', index: 2, value: 'three' },
      { kind: 'item', index: 3, value: null },
      { kind: 'field', key: 'after', value: 'z' },
    ];
    // every split point, including ones inside escapes and between a scalar and its delimiter
    for (let cut = 1; cut < text.length; cut++) {
      const scanner = createExportScanner('messages');
      const events = [...scanner.feed(text.slice(0, cut)), ...scanner.feed(text.slice(cut))];
      scanner.finish();
      expect(events).toEqual(expected);
    }
    const oneByOne = createExportScanner('messages');
    expect([...text].flatMap((c) => oneByOne.feed(c))).toEqual(expected);
  });

  it.each([
    ['a list at the top', '[{"id":1}]', /got a list/],
    ['a cut-off document', '{"messages":[{"id":1}', /ends early/],
    ['no messages list', '{"name":"x"}', /no "messages" list/],
    ['messages that is not a list', '{"messages":{}}', /must be a list/],
    ['a broken item', '{"messages":[{"id":1,}]}', /messages\[0\] is not valid JSON/],
    ['text after the end', '{"messages":[]} x', /after the end/],
  ])('refuses %s', (_name, input, message) => {
    const scanner = createExportScanner('messages');
    expect(() => {
      scanner.feed(input);
      scanner.finish();
    }).toThrow(message);
  });

  it('refuses an item larger than the limit without buffering the rest', () => {
    const scanner = createExportScanner('messages', { maxItemChars: 100, maxFieldChars: 100 });
    scanner.feed('{"messages":[{"text":"');
    expect(() => scanner.feed('x'.repeat(200))).toThrow(ExportScanError);
  });
});

describe('chat export mapping', () => {
  it.each([
    ['public_channel', 1234567890, '-1001234567890'],
    ['private_supergroup', 1234567890, '-1001234567890'],
    ['private_group', 4567, '-4567'],
    ['personal_chat', 42, '42'],
    ['bot_chat', 42, '42'],
    ['unknown_kind', 42, null],
    ['public_channel', -1001234567890, '-1001234567890'],
    ['public_channel', 'x', null],
  ])('maps a %s export id %j to the Bot API id %j', (type, id, expected) => {
    expect(botApiChatId(type, id)).toBe(expected);
  });

  it('uses date_unixtime, not the local date', () => {
    const entry = mapExportMessage(chat, { id: 9, type: 'message', date: '2025-10-28T07:15:00', date_unixtime: '1761646500', text: 'x' });
    expect(entry).toMatchObject({ kind: 'message', message: { date: new Date('2025-10-28T10:15:00Z'), editedAt: null } });
  });

  it('skips a message with only a local date unless the UTC offset is given', () => {
    const old = { id: 9, type: 'message', date: '2025-10-28T07:15:00', text: 'x' };
    expect(mapExportMessage(chat, old)).toMatchObject({ kind: 'skip', exportId: 9, reason: 'AMBIGUOUS_DATE' });
    expect(mapExportMessage(chat, old, { utcOffsetMinutes: -180 })).toMatchObject({ kind: 'message', message: { date: new Date('2025-10-28T10:15:00Z') } });
  });

  it.each([
    ['no id', { type: 'message', text: 'x', date_unixtime: '1' }, 'MALFORMED'],
    ['a bad date_unixtime', { id: 1, type: 'message', text: 'x', date_unixtime: 'soon' }, 'MALFORMED'],
    ['a bad local date', { id: 1, type: 'message', text: 'x', date: '28/10/2026' }, 'MALFORMED'],
    ['odd text pieces', { id: 1, type: 'message', text: [{ type: 'bold' }], date_unixtime: '1' }, 'MALFORMED'],
    ['an unsupported type', { id: 1, type: 'unsupported', date_unixtime: '1' }, 'UNSUPPORTED'],
    ['only whitespace', { id: 1, type: 'message', text: ' \n', date_unixtime: '1' }, 'NO_TEXT'],
    ['a text longer than Telegram allows', { id: 1, type: 'message', text: 'x'.repeat(4097), date_unixtime: '1' }, 'TOO_LONG'],
    ['a bad reply id', { id: 1, type: 'message', text: 'x', date_unixtime: '1', reply_to_message_id: 'one' }, 'MALFORMED'],
  ])('skips a message with %s', (_name, raw, reason) => {
    expect(mapExportMessage(chat, raw)).toMatchObject({ kind: 'skip', reason });
  });
});

describe('readChatExport', () => {
  it('streams the chat first, then every message in order', async () => {
    const events = await collect(JSON.stringify(EXPORT, null, 1), 7, { chatUsername: 'sinais_b3' });
    expect(events[0]).toEqual({ kind: 'chat', chat: { id: '-1001234567890', title: 'Sinais "B3" \\ Day Trade', username: 'sinais_b3', type: 'public_channel' } });
    expect(events.slice(1).map((e) => (e.kind === 'skip' ? e.reason : e.kind))).toEqual(['SERVICE', 'message', 'message', 'NO_TEXT', 'message', 'message']);
    const messages = events.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
    expect(messages[0]).toEqual({
      chatId: '-1001234567890',
      chatTitle: 'Sinais "B3" \\ Day Trade',
      chatUsername: 'sinais_b3',
      messageId: 2,
      date: new Date(1761657300 * 1000),
      editedAt: null,
      text: 'COMPRA PETR4 entrada 38,50 stop 37,90',
      replyToMessageId: null,
    });
    expect(messages[1]).toMatchObject({ messageId: 3, editedAt: new Date(1761657900 * 1000), text: 'VENDA WINZ26 @ 125.000 https://t.me/x 😀' });
    expect(messages[2]).toMatchObject({ messageId: 5, text: 'from entities', replyToMessageId: 2 });
    // a reply into another chat names a message that is not in this one
    expect(messages[3]).toMatchObject({ messageId: 6, replyToMessageId: null });
  });

  it('takes --chat-id over the export id, and needs it for a chat type it does not know', async () => {
    const odd = JSON.stringify({ ...EXPORT, type: 'something_new' });
    await expect(collect(odd)).rejects.toThrow(/pass it with --chat-id/);
    const events = await collect(odd, 1024, { chatId: '-100999' });
    expect(events[0]).toMatchObject({ kind: 'chat', chat: { id: '-100999' } });
  });

  it('refuses a full account export', async () => {
    const full = JSON.stringify({ about: 'x', personal_information: { user_id: 1 }, chats: { list: [EXPORT] } });
    await expect(collect(full)).rejects.toThrow(ChatExportError);
  });

  it('reads a large export in one pass, holding one message at a time', async () => {
    const messages = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, type: 'message', date: '2025-10-28T10:15:00', date_unixtime: String(1761657300 + i), text: `COMPRA PETR4 ${i} ${'x'.repeat(200)}` }));
    const text = JSON.stringify({ name: 'Big', type: 'public_channel', id: 1, messages });
    let count = 0;
    let last = 0;
    for await (const event of readChatExport(chunksOf(text, 64 * 1024))) {
      if (event.kind !== 'message') continue;
      count++;
      expect(event.message.messageId).toBe(last + 1);
      last = event.message.messageId;
    }
    expect(count).toBe(20_000);
  });
});
