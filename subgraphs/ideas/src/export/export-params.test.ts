import { parseExportParams } from './export-params';

const parse = (query: string) => parseExportParams(new URLSearchParams(query));

describe('export query string', () => {
  it('defaults to CSV, newest first, no BOM, no filter', () => {
    expect(parse('')).toEqual({ ok: true, request: { format: 'csv', orderBy: 'CREATED_AT_DESC', bom: false, filter: {} } });
  });

  it('reads the same filter as ideas(filter:), lists by commas or repetition', () => {
    const result = parse(
      'format=JSON&orderBy=priority_desc&status=NEW,review&status=IN_PROGRESS&priority=HIGH&category=1dea0000-0000-4000-8000-000000000003' +
        '&tag=Swing&ticker=petr4&text=a%C3%A7%C3%B5es%20%22alta%22&author=u1&createdFrom=2026-11-01&createdTo=2026-11-30T12:00:00-03:00&bom=1',
    );
    expect(result).toEqual({
      ok: true,
      request: {
        format: 'json',
        orderBy: 'PRIORITY_DESC',
        bom: true,
        filter: {
          statuses: ['NEW', 'REVIEW', 'IN_PROGRESS'],
          priorities: ['HIGH'],
          categoryId: '1dea0000-0000-4000-8000-000000000003',
          tag: 'swing',
          ticker: 'PETR4',
          text: 'ações "alta"',
          authorId: 'u1',
          createdFrom: new Date('2026-11-01T00:00:00Z'),
          createdTo: new Date('2026-11-30T15:00:00Z'),
        },
      },
    });
  });

  it('names every bad parameter: unknown, repeated, wrong values, zone-less times', () => {
    const result = parse('format=xlsx&orderBy=RANDOM&bom=maybe&stauts=NEW&status=OPEN&ticker=A&ticker=B&createdFrom=2026-11-01T10:00&createdTo=1');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.field)).toEqual(['stauts', 'ticker', 'format', 'orderBy', 'bom', 'status', 'createdFrom', 'createdTo']);
  });
});
