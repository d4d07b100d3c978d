import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph } from '../src/supergraph';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

function subgraph(dir: string, name: string, sdl: string) {
  const sdlFile = join(dir, `${name}.graphql`);
  writeFileSync(sdlFile, `${LINK}\n${sdl}`);
  return { name, url: `http://127.0.0.1:1/${name}`, sdlFile };
}

describe('local supergraph composition', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));

  it('composes entity references across subgraphs', () => {
    const result = composeSupergraph([
      subgraph(dir, 'market', 'type Ticker @key(fields: "symbol") { symbol: String! price: String }\ntype Query { ticker(symbol: String!): Ticker }\ntype Subscription { ticks: Ticker! }'),
      subgraph(dir, 'ideas', 'type Ticker @key(fields: "symbol", resolvable: false) { symbol: String! }\ntype Idea { title: String! ticker: Ticker! }\ntype Query { ideas: [Idea!]! }'),
    ]);
    expect(result.apiSchema.getSubscriptionType()?.getFields().ticks).toBeDefined();
    expect(result.apiSchema.getQueryType()?.getFields().ideas).toBeDefined();
    expect(result.supergraphSdl).toContain('join__graph(name: "ideas"');
  });

  it('names the subgraphs and the field when composition fails', () => {
    expect(() =>
      composeSupergraph([
        subgraph(dir, 'market', 'type Ticker @key(fields: "symbol") { symbol: String! volume: Int }\ntype Query { t: Ticker }'),
        subgraph(dir, 'orders', 'type Ticker @key(fields: "symbol") { symbol: String! volume: String }\ntype Query { u: Ticker }'),
      ]),
    ).toThrow(/\[.*(market|orders).*\][\s\S]*Ticker\.volume/);
  });

  it('tells which subgraph has no schema file', () => {
    expect(() => composeSupergraph([{ name: 'signals', url: 'http://127.0.0.1:1', sdlFile: join(dir, 'missing.graphql') }])).toThrow(/\[signals\].*npm run schema/);
  });
});
