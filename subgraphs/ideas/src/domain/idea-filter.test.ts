import { checkFilter } from './idea-filter';

describe('checkFilter', () => {
  it('normalises values and drops empty ones', () => {
    expect(
      checkFilter({
        status: ['new', 'REVIEW', 'NEW'],
        priority: [],
        category: '1DEA0000-0000-4000-8000-000000000001',
        tag: ' #Swing ',
        ticker: 'petr4',
        text: '  ações  ',
        author: '',
        createdFrom: new Date('2026-11-01T00:00:00Z'),
      }),
    ).toEqual({
      filter: {
        statuses: ['NEW', 'REVIEW'],
        categoryId: '1dea0000-0000-4000-8000-000000000001',
        tag: 'swing',
        ticker: 'PETR4',
        text: 'ações',
        createdFrom: new Date('2026-11-01T00:00:00Z'),
      },
      issues: [],
    });
  });

  it('names every bad field', () => {
    const { issues } = checkFilter({
      status: ['OPEN'],
      priority: ['URGENT'],
      category: 'risco',
      ticker: 'PETR-4',
      text: 'x'.repeat(201),
      createdFrom: new Date('2026-11-02T00:00:00Z'),
      createdTo: new Date('2026-11-01T00:00:00Z'),
    });
    expect(issues.map((i) => i.field)).toEqual(['status', 'priority', 'category', 'ticker', 'text', 'createdTo']);
  });

  it('refuses an invalid date', () => {
    expect(checkFilter({ createdFrom: new Date(Number.NaN) }).issues).toEqual([{ field: 'createdFrom', message: expect.stringContaining('ISO-8601') }]);
  });
});
