import { describe, expect, it } from 'vitest';
import { QueueFull, WorkQueue } from './heavy-work.ts';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('the heavy-work queue', () => {
  it('runs at most `concurrency` at once, queues `queue` more in order, and refuses the rest unrun', async () => {
    const queue = new WorkQueue({ concurrency: 2, queue: 1 });
    const order: string[] = [];
    const gates = { a: deferred(), b: deferred(), c: deferred() };
    const job = (name: keyof typeof gates) => async () => {
      order.push(`start ${name}`);
      await gates[name].promise;
      order.push(`end ${name}`);
      return name;
    };
    const a = queue.run(job('a'));
    const b = queue.run(job('b'));
    const c = queue.run(job('c'));
    let ranD = false;
    await expect(
      queue.run(async () => {
        ranD = true;
      }),
    ).rejects.toBeInstanceOf(QueueFull);
    expect(ranD).toBe(false);
    expect(queue.state).toEqual({ running: 2, waiting: 1 });
    expect(order).toEqual(['start a', 'start b']);

    gates.b.resolve();
    expect(await b).toBe('b');
    // b's slot went to c, the first waiting.
    await expect.poll(() => order.includes('start c')).toBe(true);
    expect(queue.state).toEqual({ running: 2, waiting: 0 });
    gates.a.resolve();
    gates.c.resolve();
    expect(await Promise.all([a, c])).toEqual(['a', 'c']);
    expect(queue.state).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const queue = new WorkQueue({ concurrency: 1, queue: 0 });
    await expect(queue.run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(queue.state).toEqual({ running: 0, waiting: 0 });
    expect(await queue.run(() => Promise.resolve(42))).toBe(42);
  });
});
