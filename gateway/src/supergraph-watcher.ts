import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '@b3/kit';
import type { SubgraphEndpoint } from './config';
import { composeSupergraph, type Supergraph } from './supergraph';

/**
 * Re-composes when a subgraph's committed SDL changes (`npm run schema`), so the gateway picks up a new
 * schema without a restart and without dropping websocket clients. A composition that fails is logged
 * with the subgraph and field it names, and the previous supergraph stays in service.
 */
export function watchSupergraph(
  subgraphs: readonly SubgraphEndpoint[],
  current: string,
  onChange: (next: Supergraph) => void,
  logger: Logger,
  debounceMs = 250,
): { close(): void } {
  let last = current;
  let timer: NodeJS.Timeout | null = null;
  const recompose = (): void => {
    timer = null;
    try {
      const next = composeSupergraph(subgraphs);
      if (next.supergraphSdl === last) return;
      last = next.supergraphSdl;
      onChange(next);
      logger.info('supergraph re-composed from changed subgraph schemas');
    } catch (error) {
      logger.error({ err: error }, 'subgraph schema changed but does not compose; keeping the previous supergraph');
    }
  };
  const watchers: FSWatcher[] = subgraphs.map((s) =>
    watch(s.sdlFile, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(recompose, debounceMs);
    }),
  );
  return {
    close() {
      if (timer) clearTimeout(timer);
      watchers.forEach((w) => w.close());
    },
  };
}
