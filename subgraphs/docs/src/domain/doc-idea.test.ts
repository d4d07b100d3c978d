import { checkDocIdeaInput, checkPlacement, isCalendarDate, type DocIdeaFields } from './doc-idea';

const card: DocIdeaFields = {
  title: 'Document the gateway',
  description: '',
  category: 'api',
  priority: 'HIGH',
  assignee: 'ana',
  systemId: null,
  estimatedHours: 4,
  actualHours: null,
  dueDate: '2026-12-01',
};

describe('checkDocIdeaInput', () => {
  it('normalises a new card with defaults', () => {
    expect(checkDocIdeaInput({ title: '  Runbook  ', category: ' ', assignee: null }, null)).toEqual({
      fields: { title: 'Runbook', description: '', category: null, priority: 'MEDIUM', assignee: null, systemId: null, estimatedHours: null, actualHours: null, dueDate: null },
      issues: [],
    });
  });

  it('lists every broken rule, each naming its field', () => {
    const { issues } = checkDocIdeaInput(
      { title: ' ', description: 'd'.repeat(10_001), category: 'c'.repeat(65), priority: 'BLOCKER' as never, assignee: 'a'.repeat(121), estimatedHours: 0.5, actualHours: 1000.5, dueDate: '2026-02-30' },
      null,
    );
    expect(issues.map((i) => i.field)).toEqual(['title', 'description', 'category', 'priority', 'assignee', 'estimatedHours', 'actualHours', 'dueDate']);
  });

  it('takes hours from 1 to 1000 inclusive', () => {
    expect(checkDocIdeaInput({ title: 't', estimatedHours: 1, actualHours: 1000 }, null).issues).toEqual([]);
    expect(checkDocIdeaInput({ title: 't', estimatedHours: Number.NaN }, null).issues.map((i) => i.field)).toEqual(['estimatedHours']);
  });

  it('keeps what a change leaves out and clears what it sets to null', () => {
    expect(checkDocIdeaInput({ assignee: null, estimatedHours: 8 }, card).fields).toEqual({ ...card, assignee: null, estimatedHours: 8 });
    expect(checkDocIdeaInput({ title: null, priority: null }, card).issues.map((i) => i.field)).toEqual(['title', 'priority']);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['1999-12-31', false],
    ['2026-1-1', false],
    ['2026-12-01T00:00:00Z', false],
  ])('%s → %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });
});

describe('checkPlacement', () => {
  it('names the column and the position', () => {
    expect(checkPlacement('TODO', 0)).toEqual([]);
    expect(checkPlacement('DOING', -1).map((i) => i.field)).toEqual(['status', 'position']);
    expect(checkPlacement('TODO', 1.5).map((i) => i.field)).toEqual(['position']);
  });
});
