import { builtInSystem, checkNewSystem, isBuiltInId } from './system';

describe('checkNewSystem', () => {
  it('normalises names to lower case and empty optionals to null', () => {
    expect(checkNewSystem({ name: ' ProfitChart ', description: ' Charting desktop ', url: '  ', owner: '' })).toEqual({
      system: { name: 'profitchart', description: 'Charting desktop', url: null, owner: null },
      issues: [],
    });
  });

  it('lists every broken rule', () => {
    const { issues } = checkNewSystem({ name: 'x', description: ' ', url: 'ftp://example.test/', owner: 'o'.repeat(121) });
    expect(issues.map((i) => i.field)).toEqual(['name', 'description', 'url', 'owner']);
  });

  it('accepts http and https URLs only', () => {
    expect(checkNewSystem({ name: 'grafana', description: 'Dashboards', url: 'http://127.0.0.1:3000' }).issues).toEqual([]);
    expect(checkNewSystem({ name: 'grafana', description: 'Dashboards', url: 'javascript:alert(1)' }).issues).toHaveLength(1);
  });
});

describe('built-in systems', () => {
  it('describe a platform process under a reserved id', () => {
    const system = builtInSystem({ name: 'orders', kind: 'subgraph', dir: 'subgraphs/orders', url: 'http://127.0.0.1:3205/graphql' });
    expect(system).toMatchObject({ id: 'platform:orders', name: 'orders', builtIn: true, createdAt: null });
    expect(isBuiltInId(system.id)).toBe(true);
    expect(isBuiltInId('6f1c8a2e-0000-4000-8000-000000000000')).toBe(false);
  });
});
