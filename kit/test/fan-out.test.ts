import { createFanOut } from '../src';

describe('fan-out', () => {
  it('delivers every event in order to each subscriber that accepts it, and forgets a closed one', async () => {
    let idle = 0;
    const fanOut = createFanOut<number>({ limit: 10, onIdle: () => void idle++ });
    const all = fanOut.subscribe();
    const even = fanOut.subscribe((n) => n % 2 === 0);
    [1, 2, 3, 4].forEach((n) => fanOut.publish(n));
    const take = async (stream: AsyncIterableIterator<number>, count: number) => {
      const seen: number[] = [];
      for (let i = 0; i < count; i++) seen.push((await stream.next()).value as number);
      return seen;
    };
    expect(await take(all, 4)).toEqual([1, 2, 3, 4]);
    expect(await take(even, 2)).toEqual([2, 4]);
    expect(fanOut.subscribers).toBe(2);
    await all.return?.();
    expect(fanOut.subscribers).toBe(1);
    expect(idle).toBe(0);
    await even.return?.();
    expect(fanOut.subscribers).toBe(0);
    expect(idle).toBe(1);
  });

  it('ends a subscriber that falls too far behind with an error instead of dropping events', async () => {
    const fanOut = createFanOut<number>({ limit: 2 });
    const slow = fanOut.subscribe();
    [1, 2, 3].forEach((n) => fanOut.publish(n));
    await expect((async () => {
      for await (const _ of slow) void _;
    })()).rejects.toThrow();
    expect(fanOut.subscribers).toBe(0);
  });
});
