import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallSession } from '../model/call-session.js';
import type { DueBatch } from '../sessions/call-assembler.js';
import { SessionWriter } from './session-writer.js';

const session = (traceId: string): CallSession => ({ tenantId: 't', traceId }) as CallSession;
const batch = (...traceIds: string[]): DueBatch => ({ sessions: traceIds.map(session), calls: [] });

describe('SessionWriter', () => {
  it('merges the batches handed over while a write runs into the next write, in order', async () => {
    const writes: string[][] = [];
    let release: () => void = () => undefined;
    const writer = new SessionWriter(
      async (b) => {
        writes.push(b.sessions.map((s) => s.traceId));
        if (writes.length === 1) await new Promise<void>((r) => (release = r));
      },
      (s) => s.traceId,
    );
    const first = writer.submit(batch('a'));
    const second = writer.submit(batch('b', 'c'));
    const third = writer.submit(batch('d'));
    assert.equal(writer.backlog, 3, 'b, c and d wait while a is written');
    assert.equal(writer.isPending('a'), true);
    assert.equal(writer.isPending('c'), true);
    release();
    await Promise.all([first, second, third]);
    assert.deepEqual(writes, [['a'], ['b', 'c', 'd']]);
    assert.equal(writer.isPending('a'), false);
    assert.equal(writer.isPending('d'), false);
    assert.equal(writer.backlog, 0);
  });

  it('idle() resolves only after every batch handed over so far is written', async () => {
    let written = 0;
    const writer = new SessionWriter(
      async (b) => {
        await new Promise((r) => setTimeout(r, 5));
        written += b.sessions.length;
      },
      (s) => s.traceId,
    );
    void writer.submit(batch('a'));
    void writer.submit(batch('b'));
    await writer.idle();
    assert.equal(written, 2);
    await writer.idle();
  });

  it('taken() resolves when the waiting batches start being written, before their write ends', async () => {
    const releases: (() => void)[] = [];
    const started: string[][] = [];
    const writer = new SessionWriter(
      async (b) => {
        started.push(b.sessions.map((s) => s.traceId));
        await new Promise<void>((r) => releases.push(r));
      },
      (s) => s.traceId,
    );
    void writer.submit(batch('a'));
    const second = writer.submit(batch('b'));
    let taken = false;
    const takenNow = writer.taken().then(() => (taken = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(taken, false, 'b still waits behind the write of a');
    releases[0]();
    await takenNow;
    assert.deepEqual(started, [['a'], ['b']], 'b is being written');
    assert.equal(writer.backlog, 0);
    let secondWritten = false;
    void second.then(() => (secondWritten = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(secondWritten, false, 'taken() did not wait for the write itself');
    releases[1]();
    await second;
    await writer.taken();
  });

  it('a key handed over twice stays pending until both writes are done', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const writer = new SessionWriter(
      async () => {
        calls++;
        if (calls === 1) await new Promise<void>((r) => (release = r));
      },
      (s) => s.traceId,
    );
    const first = writer.submit(batch('x'));
    const second = writer.submit(batch('x'));
    release();
    await first;
    await second;
    assert.equal(writer.isPending('x'), false);
  });
});
