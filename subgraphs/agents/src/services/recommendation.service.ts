import type { Viewer } from '@b3/kit';
import type { Recommendation, RecommendationAction, RecommendationId } from '../domain/recommendation';
import { AgentErrors } from '../errors';
import type { RecommendationStore, SignalAccount } from '../store/recommendation.store';
import { readableAccount } from './account-access';
import { decodeCursor, encodeCursor } from './recommendation-cursor';
import type { RecommendationEvents } from './recommendation-events';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RecommendationFilter {
  readonly account?: string | null;
  readonly symbol?: string | null;
  readonly signalId?: string | null;
  readonly action?: RecommendationAction | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

export interface RecommendationPage {
  readonly edges: ReadonlyArray<{ cursor: string; recommendation: Recommendation }>;
  readonly hasNextPage: boolean;
}

/**
 * Reading the decision history. An account's recommendations are private like its orders: a caller sees
 * their own, an admin any account's (naming none: every account).
 */
export class RecommendationService {
  constructor(
    private readonly store: RecommendationStore,
    private readonly events: RecommendationEvents,
  ) {}

  async page(viewer: Viewer, filter: RecommendationFilter, page: { first?: number | null; after?: string | null }): Promise<RecommendationPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw AgentErrors.pageSizeOutOfRange(MAX_PAGE_SIZE);
    const after = page.after ? decodeCursor(page.after) : null;
    if (page.after && !after) throw AgentErrors.invalidCursor();
    const { items, hasNextPage } = await this.store.page({
      account: readableAccount(viewer, filter.account),
      symbol: filter.symbol?.trim().toUpperCase() || null,
      signalId: filter.signalId?.trim() || null,
      action: filter.action ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      first,
      after,
    });
    return { edges: items.map((r) => ({ cursor: encodeCursor({ createdAt: r.createdAt, id: r.id }), recommendation: r })), hasNextPage };
  }

  /** Null also when it belongs to an account the caller may not read: its existence is none of their business. */
  async byId(viewer: Viewer, id: string): Promise<Recommendation | null> {
    if (!UUID.test(id)) return null;
    const found = await this.store.byId(id as RecommendationId);
    if (!found) return null;
    const account = readableAccount(viewer, null);
    return account === null || account === found.account ? found : null;
  }

  latestFor(keys: readonly SignalAccount[]): Promise<Array<Recommendation | null>> {
    return this.store.latestFor(keys);
  }

  watch(viewer: Viewer, account: string | null | undefined): AsyncIterableIterator<Recommendation> {
    return this.events.watch(readableAccount(viewer, account));
  }
}
