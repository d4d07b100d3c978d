import type { CategoryId, Idea, IdeaId } from '../domain/idea';
import { decodeCursor, encodeCursor } from './idea-cursor';

const idea: Idea = {
  id: '00000000-0000-4000-8000-0000000000aa' as IdeaId,
  title: 't',
  description: 'd',
  categoryId: '1dea0000-0000-4000-8000-000000000001' as CategoryId,
  priority: 'HIGH',
  status: 'NEW',
  tags: [],
  ticker: null,
  signalId: null,
  authorId: 'u',
  createdAt: new Date('2026-11-26T13:00:00.123Z'),
  updatedAt: new Date('2026-11-27T09:30:00.456Z'),
  version: 3,
};

describe('idea cursors', () => {
  it('carry the sort key exactly (milliseconds included) and the id', () => {
    const decoded = decodeCursor(encodeCursor('PRIORITY_DESC', idea), 'PRIORITY_DESC');
    expect(decoded).toEqual({ ok: true, cursor: { id: idea.id, createdAt: idea.createdAt, updatedAt: idea.updatedAt, priority: 'HIGH' } });
  });

  it('refuse a cursor issued for another order, saying which', () => {
    expect(decodeCursor(encodeCursor('CREATED_AT_DESC', idea), 'UPDATED_AT_DESC')).toEqual({ ok: false, reason: expect.stringContaining('orderBy CREATED_AT_DESC') });
  });

  it.each([
    ['not base64 JSON', 'nope'],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify({ o: 'CREATED_AT_DESC', i: "x' OR 1=1", c: '2026-11-26T13:00:00Z', u: '2026-11-26T13:00:00Z', p: 'LOW' })).toString('base64url')],
    ['a bad date', Buffer.from(JSON.stringify({ o: 'CREATED_AT_DESC', i: idea.id, c: 'yesterday', u: '2026-11-26T13:00:00Z', p: 'LOW' })).toString('base64url')],
    ['a bad priority', Buffer.from(JSON.stringify({ o: 'CREATED_AT_DESC', i: idea.id, c: '2026-11-26T13:00:00Z', u: '2026-11-26T13:00:00Z', p: 'URGENT' })).toString('base64url')],
  ])('refuse %s', (_name, cursor) => {
    expect(decodeCursor(cursor, 'CREATED_AT_DESC')).toEqual({ ok: false, reason: 'must be an endCursor this API returned' });
  });
});
