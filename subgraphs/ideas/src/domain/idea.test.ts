import { applyPatch, checkNewIdea, normaliseDescription, normaliseTags, statusIssue, type CategoryId, type Idea, type IdeaId } from './idea';

const CATEGORY = '1dea0000-0000-4000-8000-000000000003';
const SIGNAL = '5f0c2b1e-7d8a-4c3b-9e21-0a1b2c3d4e5f';
const at = new Date('2026-11-26T13:00:00.000Z');
const later = new Date('2026-11-26T14:00:00.000Z');

const idea = (overrides: Partial<Idea> = {}): Idea => ({
  id: '00000000-0000-4000-8000-000000000001' as IdeaId,
  title: 'Comprar PETR4 no suporte',
  description: 'Suporte em **37,50**',
  categoryId: CATEGORY as CategoryId,
  priority: 'MEDIUM',
  status: 'NEW',
  tags: ['swing'],
  ticker: 'PETR4',
  signalId: null,
  authorId: 'u1',
  createdAt: at,
  updatedAt: at,
  version: 1,
  ...overrides,
});

const fieldsOf = (issues: ReadonlyArray<{ field: string }>) => issues.map((i) => i.field);

describe('checkNewIdea', () => {
  it('normalises every field of a good idea and finds nothing wrong', () => {
    const { fields, issues } = checkNewIdea({
      title: '  Comprar PETR4 no suporte ',
      description: '\n\n  - ponto 1\r\n  - ponto 2   \n',
      categoryId: CATEGORY.toUpperCase(),
      tags: ['#Swing Trade', 'swing-trade', ' Análise ', ''],
      ticker: ' petr4 ',
      signalId: SIGNAL.toUpperCase(),
    });
    expect(issues).toEqual([]);
    expect(fields).toEqual({
      title: 'Comprar PETR4 no suporte',
      description: '  - ponto 1\n  - ponto 2',
      categoryId: CATEGORY,
      priority: 'MEDIUM',
      tags: ['swing-trade', 'análise'],
      ticker: 'PETR4',
      signalId: SIGNAL,
    });
  });

  it('leaves ticker and signal empty when not given', () => {
    const { fields } = checkNewIdea({ title: 't', description: 'd', categoryId: CATEGORY, ticker: '', signalId: null });
    expect(fields).toMatchObject({ ticker: null, signalId: null, tags: [] });
  });

  it.each([
    ['title empty', { title: '   ' }, 'title'],
    ['title too long', { title: 'x'.repeat(201) }, 'title'],
    ['title on two lines', { title: 'a\nb' }, 'title'],
    ['description empty', { description: ' \n ' }, 'description'],
    ['description too long', { description: 'x'.repeat(2001) }, 'description'],
    ['no category', { categoryId: '' }, 'categoryId'],
    ['category not an id', { categoryId: 'estrategia' }, 'categoryId'],
    ['unknown priority', { priority: 'URGENT' }, 'priority'],
    ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    ['tag with a symbol', { tags: ['ok', 'no!'] }, 'tags'],
    ['tag too long', { tags: ['x'.repeat(33)] }, 'tags'],
    ['ticker malformed', { ticker: 'PETR 4' }, 'ticker'],
    ['signal not an id', { signalId: 'abc' }, 'signalId'],
  ])('%s → an issue on %s', (_name, overrides, field) => {
    const { issues } = checkNewIdea({ title: 'ok', description: 'ok', categoryId: CATEGORY, ...overrides });
    expect(fieldsOf(issues)).toEqual([field]);
  });

  it('counts characters, not UTF-16 units: 200 emoji are a valid title', () => {
    expect(checkNewIdea({ title: '📈'.repeat(200), description: 'd', categoryId: CATEGORY }).issues).toEqual([]);
  });

  it('lists every broken rule in field order', () => {
    const { issues } = checkNewIdea({ title: '', description: '', categoryId: 'x', tags: ['bad tag?'], ticker: '?', signalId: 'y' });
    expect(fieldsOf(issues)).toEqual(['title', 'description', 'categoryId', 'tags', 'ticker', 'signalId']);
  });
});

describe('normalisers', () => {
  it('keeps Markdown indentation but drops leading blank lines and trailing space', () => {
    expect(normaliseDescription('\r\n\r\n    code\r\n\ttext  \n\n')).toBe('    code\n\ttext');
  });
  it('dedupes tags after normalising, keeping the first spelling’s order', () => {
    expect(normaliseTags(['B', 'a', 'b', '#A', '  '])).toEqual(['b', 'a']);
  });
});

describe('applyPatch', () => {
  it('changes only what differs, bumps the version and lists the changes', () => {
    const result = applyPatch(idea(), { title: 'Comprar PETR4 no suporte', priority: 'HIGH', tags: ['swing', 'Daily'], status: 'REVIEW' }, later);
    expect(result).toEqual({
      ok: true,
      next: idea({ priority: 'HIGH', tags: ['swing', 'daily'], status: 'REVIEW', updatedAt: later, version: 2 }),
      changes: [
        { field: 'priority', from: 'MEDIUM', to: 'HIGH' },
        { field: 'status', from: 'NEW', to: 'REVIEW' },
        { field: 'tags', from: ['swing'], to: ['swing', 'daily'] },
      ],
    });
  });

  it('is no change at all when every value is the same (status included)', () => {
    expect(applyPatch(idea(), { status: 'NEW', ticker: 'petr4', tags: ['SWING'] }, later)).toEqual({ ok: true, next: idea(), changes: [] });
  });

  it('clears ticker and signal with "" and keeps them with null', () => {
    const withSignal = idea({ signalId: SIGNAL });
    const kept = applyPatch(withSignal, { ticker: null, signalId: null }, later);
    expect(kept.ok && kept.changes).toEqual([]);
    const cleared = applyPatch(withSignal, { ticker: '', signalId: '  ' }, later);
    expect(cleared.ok && cleared.next).toMatchObject({ ticker: null, signalId: null, version: 2 });
  });

  it('refuses a move the table does not allow, naming status, and every other bad field with it', () => {
    const result = applyPatch(idea(), { status: 'COMPLETED', title: '', categoryId: '' }, later);
    expect(result.ok).toBe(false);
    expect(!result.ok && fieldsOf(result.issues)).toEqual(['title', 'categoryId', 'status']);
    expect(!result.ok && result.issues.find((i) => i.field === 'status')?.message).toBe('cannot move from NEW to COMPLETED; from NEW an idea may move to REVIEW, REJECTED');
  });

  it('refuses an unknown status value', () => {
    expect(statusIssue('NEW', 'DONE')).toEqual({ field: 'status', message: expect.stringContaining('must be one of') });
  });
});
