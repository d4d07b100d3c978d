import { applyAndRecord } from './order-history';
import { aPendingOrder, canceled, fillEvent, submitted } from './order-builders';

describe('applyAndRecord', () => {
  it('records each changing event with its statuses and the version it produced', () => {
    const order = aPendingOrder();
    const result = applyAndRecord(order, [submitted(), fillEvent({ quantity: 100 })]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.order).toMatchObject({ status: 'FILLED', version: 3 });
    expect(result.applied.map(({ event, fromStatus, toStatus, version }) => [event.type, fromStatus, toStatus, version])).toEqual([
      ['SUBMIT', 'PENDING', 'SUBMITTED', 2],
      ['FILL', 'SUBMITTED', 'FILLED', 3],
    ]);
  });

  it('leaves duplicates and late no-ops out, so a replayed stream records nothing new', () => {
    const events = [submitted(), fillEvent({ quantity: 40 }), submitted()];
    const first = applyAndRecord(aPendingOrder(), events);
    if (!first.ok) throw new Error(first.reason);
    expect(first.applied.map((a) => a.event.type)).toEqual(['SUBMIT', 'FILL']);

    const replay = applyAndRecord(first.order, events);
    if (!replay.ok) throw new Error(replay.reason);
    expect(replay.applied).toEqual([]);
    expect(replay.order).toBe(first.order);
  });

  it('reports the first refused event by index and records nothing', () => {
    const result = applyAndRecord(aPendingOrder(), [submitted(), fillEvent({ quantity: 100 }), canceled()]);
    expect(result).toMatchObject({ ok: false, index: 2, code: 'INVALID_TRANSITION' });
  });
});
