import { checkSignalInput, type Signal, type SignalId, type SignalInput } from '../domain/signal';
import { parseSignalText } from '../domain/signal-parser';
import { SignalErrors } from '../errors';
import type { SignalStore } from '../store/signal.store';

const MAX_LIMIT = 200;

export class SignalService {
  constructor(
    private readonly store: SignalStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Parses on arrival and stores only what parsed: unreadable text is refused, not kept half-understood. */
  async ingest(raw: SignalInput): Promise<Signal> {
    const { input, issues } = checkSignalInput(raw);
    if (issues.length > 0) throw SignalErrors.invalid(issues);
    const parsed = parseSignalText(input.text);
    if (!parsed.ok) throw SignalErrors.unparseable(parsed.reason);
    const now = this.clock();
    return this.store.create({ ...parsed.signal, source: input.source, rawText: input.text, receivedAt: now, parsedAt: now });
  }

  async list(filter: { asset?: string; limit?: number }): Promise<Signal[]> {
    const limit = filter.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw SignalErrors.limitOutOfRange(MAX_LIMIT);
    return this.store.list({ asset: filter.asset?.trim().toUpperCase(), limit });
  }

  /** DataLoader batch function: results in the order of `ids`, null where missing. */
  async byIds(ids: readonly SignalId[]): Promise<Array<Signal | null>> {
    const found = new Map((await this.store.byIds(ids)).map((signal) => [signal.id, signal]));
    return ids.map((id) => found.get(id) ?? null);
  }
}
