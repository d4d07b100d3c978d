/** Reads one unlabelled (or first labelled) sample from a service's Prometheus `/metrics`; throws when absent. */
export async function readMetric(graphqlUrl: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  if (!line) throw new Error(`no metric ${name}`);
  return Number(line.split(' ').at(-1));
}
