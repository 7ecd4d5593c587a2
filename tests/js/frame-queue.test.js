import { describe, expect, it } from 'vitest';
import { FrameQueue } from '../../js/frame-queue.js';

async function drain(queue) {
  const out = [];
  for (;;) {
    const { value, done } = await queue.next();
    if (done) return out;
    out.push(value);
  }
}

describe('FrameQueue', () => {
  it('delivers in order, then ends after the buffered items', async () => {
    const q = new FrameQueue();
    q.push(1);
    q.push(2);
    q.end();
    expect(q.push(3)).toBe(false);
    expect(await drain(q)).toEqual([1, 2]);
  });

  it('wakes a waiting reader on push and on end', async () => {
    const q = new FrameQueue();
    const first = q.next();
    q.push('a');
    expect(await first).toEqual({ value: 'a', done: false });
    const second = q.next();
    q.end();
    expect(await second).toEqual({ value: undefined, done: true });
  });

  it('drops the oldest beyond capacity and counts the drops', async () => {
    const q = new FrameQueue(2);
    for (let i = 0; i < 5; i++) q.push(i);
    expect(q.size).toBe(2);
    expect(q.dropped).toBe(3);
    q.end();
    expect(await drain(q)).toEqual([3, 4]);
  });

  it('unbounded with capacity 0', () => {
    const q = new FrameQueue(0);
    for (let i = 0; i < 5000; i++) q.push(i);
    expect(q.size).toBe(5000);
    expect(q.dropped).toBe(0);
  });

  it('compacts its storage as it is consumed', async () => {
    const q = new FrameQueue();
    for (let i = 0; i < 10000; i++) {
      q.push(i);
      expect((await q.next()).value).toBe(i);
    }
    expect(q.size).toBe(0);
  });

  it('raises a failure once, after the buffered items, and wakes a waiting reader', async () => {
    const q = new FrameQueue();
    q.push(1);
    q.fail(new Error('boom'));
    expect(await q.next()).toEqual({ value: 1, done: false });
    await expect(q.next()).rejects.toThrow('boom');
    expect(await q.next()).toEqual({ value: undefined, done: true });

    const waiting = new FrameQueue();
    const read = waiting.next();
    waiting.fail(new Error('late'));
    await expect(read).rejects.toThrow('late');
  });

  it('clear() empties without counting drops', async () => {
    const q = new FrameQueue(3);
    q.push(1);
    q.push(2);
    expect(q.clear()).toBe(2);
    expect(q.size).toBe(0);
    expect(q.dropped).toBe(0);
  });

  it('serves overlapping reads in call order, and ends or fails all of them', async () => {
    const q = new FrameQueue();
    const reads = [q.next(), q.next(), q.next()];
    q.push(1);
    q.push(2);
    expect((await reads[0]).value).toBe(1);
    expect((await reads[1]).value).toBe(2);
    q.end();
    expect(await reads[2]).toEqual({ value: undefined, done: true });

    const f = new FrameQueue();
    const failing = [f.next(), f.next()];
    f.fail(new Error('input failed'));
    await expect(failing[0]).rejects.toThrow('input failed');
    expect(await failing[1]).toEqual({ value: undefined, done: true });
    expect(await f.next()).toEqual({ value: undefined, done: true });
  });
});
