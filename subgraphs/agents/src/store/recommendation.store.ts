import type { Recommendation, RecommendationAction, RecommendationId } from '../domain/recommendation';

/** Keyset position: newest first by (createdAt, id). */
export interface RecommendationCursor {
  readonly createdAt: Date;
  readonly id: RecommendationId;
}

export interface RecommendationQuery {
  /** Null: every account (admins). */
  readonly account: string | null;
  readonly symbol?: string | null;
  readonly signalId?: string | null;
  readonly action?: RecommendationAction | null;
  /** Created at or after. */
  readonly from?: Date | null;
  /** Created before. */
  readonly to?: Date | null;
  readonly first: number;
  readonly after?: RecommendationCursor | null;
}

export interface SignalAccount {
  readonly signalId: string;
  readonly account: string;
}

/** The decision history; Prisma lives only in the implementation. */
export interface RecommendationStore {
  insert(recommendation: Recommendation): Promise<void>;
  /** Newest first; one more than `first` is looked at to tell whether another page follows. */
  page(query: RecommendationQuery): Promise<{ items: Recommendation[]; hasNextPage: boolean }>;
  byId(id: RecommendationId): Promise<Recommendation | null>;
  /** The newest recommendation per (signal, account), in the keys' order; null where there is none. */
  latestFor(keys: readonly SignalAccount[]): Promise<Array<Recommendation | null>>;
  /** Which of these signals already have a recommendation for the account. */
  recommendedSignals(account: string, signalIds: readonly string[]): Promise<Set<string>>;
}
