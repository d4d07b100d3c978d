import { checkSystemInput, endpointOf, platformOwnedChanges, type SystemFields } from './system';

const grafana: SystemFields = {
  name: 'grafana',
  description: 'Dashboards',
  type: 'WEBAPP',
  url: 'http://127.0.0.1:3000/',
  host: '127.0.0.1',
  port: 3000,
  owner: null,
  version: null,
  tags: ['ops'],
};

describe('checkSystemInput', () => {
  it('normalises a registration: lower-case name and tags, blanks to null, host and port from the URL, TOOL by default', () => {
    expect(checkSystemInput({ name: ' ProfitChart ', description: ' Charting desktop ', url: 'https://charts.example.test/app', owner: '', tags: ['Desk', 'desk'] }, null)).toEqual({
      fields: { name: 'profitchart', description: 'Charting desktop', type: 'TOOL', url: 'https://charts.example.test/app', host: 'charts.example.test', port: 443, owner: null, version: null, tags: ['desk'] },
      issues: [],
    });
  });

  it('lists every broken rule, each naming its field', () => {
    const { issues } = checkSystemInput(
      { name: 'x', description: ' ', type: 'SERVER' as never, url: 'ftp://example.test/', host: 'bad host', port: 70000, owner: 'o'.repeat(121), version: 'v'.repeat(65), tags: ['ok', 'Not OK!'] },
      null,
    );
    expect(issues.map((i) => i.field)).toEqual(['name', 'description', 'type', 'url', 'host', 'port', 'owner', 'version', 'tags[1]']);
  });

  it('refuses more than 20 tags, credentials in the URL, and a host or port that contradicts the URL', () => {
    expect(checkSystemInput({ name: 'a1', description: 'd', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, null).issues.map((i) => i.field)).toEqual(['tags']);
    expect(checkSystemInput({ name: 'a1', description: 'd', url: 'http://user:pw@127.0.0.1:1/' }, null).issues.map((i) => i.field)).toEqual(['url']);
    expect(checkSystemInput({ name: 'a1', description: 'd', url: 'http://127.0.0.1:3000', host: 'localhost', port: 3001 }, null).issues.map((i) => i.field)).toEqual(['host', 'port']);
    expect(checkSystemInput({ name: 'a1', description: 'd', url: 'javascript:alert(1)' }, null).issues.map((i) => i.field)).toEqual(['url']);
  });

  it('accepts host and port without a URL (probed at their origin)', () => {
    expect(checkSystemInput({ name: 'kibana', description: 'Logs', host: '::1'.replace('::1', '[::1]'), port: 5601 }, null)).toMatchObject({ fields: { url: null, host: '[::1]', port: 5601 }, issues: [] });
  });

  it('keeps what a change leaves out, clears what it sets to null, and re-derives host and port from a new URL', () => {
    expect(checkSystemInput({ owner: 'ops' }, grafana).fields).toEqual({ ...grafana, owner: 'ops' });
    expect(checkSystemInput({ tags: null }, grafana).fields.tags).toEqual([]);
    expect(checkSystemInput({ url: 'http://127.0.0.1:4000/' }, grafana).fields).toMatchObject({ host: '127.0.0.1', port: 4000 });
    expect(checkSystemInput({ url: null }, grafana).fields).toMatchObject({ url: null, host: null, port: null });
    expect(checkSystemInput({ name: null, description: null }, grafana).issues.map((i) => i.field)).toEqual(['name', 'description']);
  });
});

describe('platformOwnedChanges', () => {
  it("names each field of a platform service that only the platform may change", () => {
    expect(platformOwnedChanges({ name: 'other', port: 1, description: 'fine', url: grafana.url }, grafana).map((i) => i.field)).toEqual(['name', 'port']);
    expect(platformOwnedChanges({ description: 'fine', owner: 'ops', tags: [] }, grafana)).toEqual([]);
  });
});

describe('endpointOf', () => {
  it('reads host and port, with the scheme’s default port', () => {
    expect(endpointOf('mqtt://127.0.0.1:3510')).toEqual({ host: '127.0.0.1', port: 3510 });
    expect(endpointOf('nats://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 4222 });
    expect(endpointOf('memory://')).toBeNull();
    expect(endpointOf('not a url')).toBeNull();
  });
});
