import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, gql, type Platform, startPlatform } from '../harness/platform';

/**
 * The docs subgraph on the real platform: the registry agrees with the launcher about every process it
 * supervises, a killed subgraph turns OFFLINE on `systemStatusChanged` and ONLINE again after the
 * launcher restarts it, and files go up and down through the gateway's origin.
 */
const FROM_LAUNCHER: Record<string, string> = { OK: 'ONLINE', DEGRADED: 'DEGRADED', DOWN: 'OFFLINE' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'), Buffer.alloc(2048, 0xa5)]);

describe('docs: systems registry, health and files', () => {
  let platform: Platform;
  let ws: Client;

  beforeAll(async () => {
    platform = await startPlatform({ env: { DOCS_HEALTH_INTERVAL_MS: '1000' } });
    ws = createClient({ url: platform.gatewayWsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  }, 180_000);

  afterAll(async () => {
    await ws?.dispose();
    await platform?.stop();
  }, 30_000);

  const systems = async () =>
    (await gql<{ systems: Array<{ name: string; status: string; port: number | null; builtIn: boolean }> }>(platform.gatewayUrl, '{ systems { name status port builtIn } }')).data?.systems ?? [];

  it('lists every platform process at the ports this run uses, agreeing with the launcher', async () => {
    const agreed = await eventually(async () => {
      const [registry, launcher] = await Promise.all([systems(), platform.status()]);
      const byName = new Map(registry.map((s) => [s.name, s]));
      return launcher.every((p) => byName.get(p.name)?.status === FROM_LAUNCHER[p.status]) && launcher.every((p) => p.status === 'OK') ? registry : undefined;
    }, 60_000, 'the registry to show what the launcher shows');
    const names = agreed.filter((s) => s.builtIn).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['bridge', 'market', 'orders', 'ideas', 'signals', 'docs', 'agents', 'gateway', 'dashboard', 'launcher', 'bus']));
    expect(agreed.find((s) => s.name === 'docs')?.port).toBe(Number(new URL(platform.subgraphUrl('docs')).port));
    expect(agreed.find((s) => s.name === 'launcher')?.port).toBe(Number(new URL(platform.launcherUrl).port));
    // not supervised by the launcher, probed by the registry itself
    await eventually(async () => ((await systems()).find((s) => s.name === 'dashboard')?.status === 'ONLINE' ? true : undefined), 20_000, 'the dashboard ONLINE');
  });

  it('announces a killed subgraph OFFLINE and, once the launcher restarted it, ONLINE', async () => {
    await eventually(async () => ((await systems()).find((s) => s.name === 'market')?.status === 'ONLINE' ? true : undefined), 60_000, 'market ONLINE before the kill');
    const changes: Array<{ status: string; previousStatus: string }> = [];
    const iterator = ws.iterate<{ systemStatusChanged: { status: string; previousStatus: string } }>({ query: 'subscription { systemStatusChanged(name: "market") { status previousStatus } }' });
    const reading = (async () => {
      for await (const event of iterator) {
        changes.push(event.data!.systemStatusChanged);
        if (event.data!.systemStatusChanged.status === 'ONLINE' && changes.some((c) => c.status === 'OFFLINE')) break;
      }
    })();
    // the gateway opens the upstream subscription when the first one arrives
    await new Promise((r) => setTimeout(r, 1500));
    const market = (await platform.status()).find((s) => s.name === 'market')!;
    process.kill(market.pid!, 'SIGKILL');
    const marketHistory = async (): Promise<string[]> =>
      ((await gql<{ system: { history: Array<{ status: string; detail: string | null; checkedAt: string }> } }>(platform.gatewayUrl, '{ system(id: "platform:market") { history(limit: 100) { status detail checkedAt } } }')).data?.system.history ?? []).map(
        (c) => `${c.checkedAt} ${c.status} ${c.detail ?? ''}`,
      );
    try {
      await eventually(async () => (changes.some((c) => c.status === 'OFFLINE') ? true : undefined), 20_000, 'market OFFLINE on systemStatusChanged');
    } catch (error) {
      throw new Error(`${String(error)}\nchanges: ${JSON.stringify(changes)}\nhistory:\n${(await marketHistory()).slice(0, 30).join('\n')}\nlauncher: ${JSON.stringify(await platform.status())}`);
    }
    await eventually(async () => (changes.at(-1)?.status === 'ONLINE' ? true : undefined), 60_000, 'market ONLINE again');
    await iterator.return?.();
    await reading;
    expect(changes[0]).toEqual({ previousStatus: 'ONLINE', status: 'OFFLINE' });
    const history = await gql<{ system: { history: Array<{ status: string }> } }>(platform.gatewayUrl, '{ system(id: "platform:market") { history(limit: 100) { status } } }');
    expect(history.data!.system.history.map((c) => c.status)).toContain('OFFLINE');
  }, 120_000);

  it('uploads through the gateway, attaches, and downloads byte for byte, private to signed-in viewers', async () => {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(PDF)]), 'runbook.pdf');
    const up = await fetch(`${platform.gatewayOrigin}/docs/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${platform.traderToken}` } });
    expect(up.status).toBe(201);
    const [file] = ((await up.json()) as { files: Array<{ id: string; sha256: string }> }).files;
    expect(file.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    const idea = await gql<{ createDocIdea: { id: string } }>(platform.gatewayUrl, 'mutation { createDocIdea(input: { title: "Market runbook", systemId: "platform:market" }) { id } }', {}, platform.traderToken);
    expect(idea.errors).toBeUndefined();
    const attached = await gql(platform.gatewayUrl, 'mutation($i: AttachDocFilesInput!) { attachDocFiles(input: $i) { id } }', { i: { fileIds: [file.id], ideaId: idea.data!.createDocIdea.id } }, platform.traderToken);
    expect(attached.errors).toBeUndefined();

    expect((await fetch(`${platform.gatewayOrigin}/docs/files/${file.id}`)).status).toBe(401);
    const got = await fetch(`${platform.gatewayOrigin}/docs/files/${file.id}`, { headers: { authorization: `Bearer ${platform.viewerToken}` } });
    expect(got.status).toBe(200);
    expect(got.headers.get('x-checksum-sha256')).toBe(file.sha256);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    const counted = await gql<{ docIdea: { files: Array<{ downloads: number }> } }>(platform.gatewayUrl, 'query($id: ID!) { docIdea(id: $id) { files { downloads } } }', { id: idea.data!.createDocIdea.id }, platform.viewerToken);
    expect(counted.data!.docIdea.files).toEqual([{ downloads: 1 }]);

    const six = new FormData();
    for (let i = 0; i < 6; i++) six.append('files', new Blob([new Uint8Array(PDF)]), `f${i}.pdf`);
    const refused = await fetch(`${platform.gatewayOrigin}/docs/uploads`, { method: 'POST', body: six, headers: { authorization: `Bearer ${platform.traderToken}` } });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('DOCS_TOO_MANY_FILES');
  });

  it('made no connection beyond loopback', () => {
    expect(platform.netViolations()).toEqual([]);
  });
});
