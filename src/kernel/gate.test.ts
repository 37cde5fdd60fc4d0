import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gate } from './gate.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Gate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets `concurrency` holders through, queues the next ones in order, and passes each place on', async () => {
    const gate = new Gate('test', { concurrency: 2, maxQueue: 10, maxWaitMs: 60_000 });
    const order: string[] = [];
    const first = await gate.acquire();
    const second = await gate.acquire();
    const waiting = ['a', 'b', 'c'].map((name) => gate.acquire().then((release) => (order.push(name), release)));
    await settle();
    expect(gate.load).toEqual({ holders: 2, high: 0, low: 3 });
    first();
    first(); // a second call gives nothing back twice
    await settle();
    expect(order).toEqual(['a']);
    expect(gate.load).toEqual({ holders: 2, high: 0, low: 2 });
    second();
    (await waiting[0]!)();
    await settle();
    expect(order).toEqual(['a', 'b', 'c']);
    (await waiting[1]!)();
    (await waiting[2]!)();
    expect(gate.load).toEqual({ holders: 0, high: 0, low: 0 });
  });

  it('serves high priority first, and never refuses it for the queue’s length', async () => {
    const gate = new Gate('test', { concurrency: 1, maxQueue: 1, maxWaitMs: 60_000 });
    const holder = await gate.acquire();
    const order: string[] = [];
    const low = gate.acquire('low').then((r) => (order.push('low'), r));
    await expect(gate.acquire('low')).rejects.toMatchObject({ code: 'http.overloaded' });
    const highs = [gate.acquire('high'), gate.acquire('high')].map((p, i) => p.then((r) => (order.push(`high ${i}`), r)));
    holder();
    for (const p of [...highs, low]) (await p)();
    expect(order).toEqual(['high 0', 'high 1', 'low']);
  });

  it('refuses a waiter that has waited too long, and keeps the queue in order without it', async () => {
    vi.useFakeTimers();
    const gate = new Gate('test', { concurrency: 1, maxQueue: 5, maxWaitMs: 1000 });
    const holder = await gate.acquire();
    const late = gate.acquire();
    const refused = expect(late).rejects.toMatchObject({ code: 'http.overloaded' });
    vi.advanceTimersByTime(1000);
    await refused;
    expect(gate.load).toEqual({ holders: 1, high: 0, low: 0 });
    const next = gate.acquire();
    holder();
    (await next)();
    expect(gate.load.holders).toBe(0);
  });

  it('lets a waiter who has gone leave the queue, refused, without taking a place', async () => {
    const gate = new Gate('test', { concurrency: 1, maxQueue: 5, maxWaitMs: 60_000 });
    const holder = await gate.acquire();
    const gone = new AbortController();
    const waiting = gate.acquire('low', gone.signal);
    const next = gate.acquire();
    expect(gate.load.low).toBe(2);
    gone.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'http.overloaded' });
    expect(gate.load.low).toBe(1);
    holder();
    (await next)();
    expect(gate.load).toEqual({ holders: 0, high: 0, low: 0 });
    await expect(gate.acquire('low', gone.signal)).rejects.toMatchObject({ code: 'http.overloaded' });
  });

  it('gives the place back when the work fails', async () => {
    const gate = new Gate('test', { concurrency: 1, maxQueue: 0, maxWaitMs: 1000 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'ran')).toBe('ran');
  });
});
