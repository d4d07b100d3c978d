import { createAsyncQueue } from '../src';

describe('subscriber queue', () => {
  it('delivers in order to a waiting consumer', async () => {
    const q = createAsyncQueue<number>({ limit: 10 });
    const next = q.next();
    q.push(1);
    q.push(2);
    expect(await next).toEqual({ value: 1, done: false });
    expect(await q.next()).toEqual({ value: 2, done: false });
  });

  it('conflates a slow consumer to the newest value per key', async () => {
    const q = createAsyncQueue<{ s: string; p: number }>({ limit: 10, conflateBy: (v) => v.s });
    q.push({ s: 'PETR4', p: 1 });
    q.push({ s: 'VALE3', p: 1 });
    q.push({ s: 'PETR4', p: 2 });
    q.push({ s: 'PETR4', p: 3 });
    expect((await q.next()).value).toEqual({ s: 'VALE3', p: 1 });
    expect((await q.next()).value).toEqual({ s: 'PETR4', p: 3 });
    expect(q.size).toBe(0);
  });

  it('ends a lossless stream with an error instead of dropping events on overflow', async () => {
    const q = createAsyncQueue<number>({ limit: 2 });
    q.push(1);
    q.push(2);
    q.push(3);
    expect((await q.next()).value).toBe(1);
    expect((await q.next()).value).toBe(2);
    await expect(q.next()).rejects.toThrow(/fell 2 events behind/);
  });

  it('runs the close hook once when the consumer stops', async () => {
    const onClose = jest.fn();
    const q = createAsyncQueue<number>({ limit: 2, onClose });
    await q.return!();
    q.end();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(await q.next()).toEqual({ value: undefined, done: true });
  });
});
