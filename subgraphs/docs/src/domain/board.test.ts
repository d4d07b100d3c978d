import fc from 'fast-check';
import { DOC_IDEA_STATUSES, type DocIdeaStatus } from './doc-idea';
import { placeCard, type Placed } from './board';

const card = (id: string, status: DocIdeaStatus, position: number): Placed => ({ id, status, position });

function apply(cards: Placed[], writes: ReturnType<typeof placeCard>): Placed[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  for (const w of writes) byId.set(w.id, w);
  return [...byId.values()];
}

const column = (cards: Placed[], status: DocIdeaStatus): string[] =>
  cards
    .filter((c) => c.status === status)
    .sort((a, b) => a.position - b.position)
    .map((c) => c.id);

describe('placeCard', () => {
  const board = [card('a', 'TODO', 0), card('b', 'TODO', 1), card('c', 'TODO', 2), card('x', 'DONE', 0)];

  it('moves inside a column, writing only the cards whose place changed', () => {
    const writes = placeCard(board, 'c', 'TODO', 0);
    expect(writes).toEqual([card('c', 'TODO', 0), card('a', 'TODO', 1), card('b', 'TODO', 2)]);
    expect(placeCard(board, 'a', 'TODO', 0)).toEqual([]);
  });

  it('moves across columns, closing the gap and clamping a position past the end', () => {
    const after = apply(board, placeCard(board, 'a', 'DONE', 99));
    expect(column(after, 'TODO')).toEqual(['b', 'c']);
    expect(column(after, 'DONE')).toEqual(['x', 'a']);
  });

  it('inserts a new card and renumbers a column after a deletion', () => {
    expect(column(apply(board, placeCard(board, 'n', 'TODO', 1)), 'TODO')).toEqual(['a', 'n', 'b', 'c']);
    const withoutB = board.filter((c) => c.id !== 'b');
    expect(placeCard(withoutB, null, 'TODO', 0)).toEqual([card('c', 'TODO', 1)]);
  });

  it('keeps every column numbered 0..n-1 after any sequence of moves', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...DOC_IDEA_STATUSES), fc.integer({ min: 0, max: 8 })), { maxLength: 30 }), (moves) => {
        let cards = ids.map((id, i) => card(id, 'BACKLOG', i));
        for (const [id, status, position] of moves) {
          const from = cards.find((c) => c.id === id)!.status;
          const involved = cards.filter((c) => c.status === from || c.status === status).sort((x, y) => x.position - y.position);
          cards = apply(cards, placeCard(involved, id, status, position));
        }
        expect(cards).toHaveLength(ids.length);
        for (const status of DOC_IDEA_STATUSES) {
          expect(cards.filter((c) => c.status === status).map((c) => c.position).sort((x, y) => x - y)).toEqual([...Array(cards.filter((c) => c.status === status).length).keys()]);
        }
      }),
    );
  });
});
