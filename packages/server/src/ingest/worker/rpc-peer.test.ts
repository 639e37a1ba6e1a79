import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { PlaneError } from '../../errors/plane-error.js';
import { RpcPeer } from './rpc-peer.js';

/*
 * The ingest worker and the main thread talk through RpcPeer (ingest-worker-main.ts,
 * worker-ingest.ts). What an export's sender sees depends on it: a PlaneError thrown on the other
 * thread must arrive with its status and Retry-After, and a call must not hang when the other side
 * is gone.
 */

type ServerApi = {
  add(a: number, b: number): Promise<number>;
  overloaded(): Promise<never>;
  broken(): Promise<never>;
  size(bytes: Uint8Array): number;
  counts(): Map<string, number>;
};

const server: ServerApi = {
  add: (a, b) => Promise.resolve(a + b),
  overloaded: () => Promise.reject(PlaneError.overloaded('too many calls in flight', 3)),
  broken: () => Promise.reject(new Error('disk full')),
  size: (bytes) => bytes.byteLength,
  counts: () => new Map([['acme', 2]]),
};

describe('RpcPeer across a message channel', () => {
  const ports: MessagePort[] = [];
  const pair = (): RpcPeer<Record<string, never>, ServerApi> => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    new RpcPeer<ServerApi, Record<string, never>>(port2, server);
    return new RpcPeer<Record<string, never>, ServerApi>(port1, {});
  };
  afterEach(() => {
    for (const port of ports.splice(0)) port.close();
  });

  it('answers calls with their results, Maps included', async () => {
    const client = pair();
    assert.equal(await client.call('add', [2, 3]), 5);
    assert.deepEqual(await client.call('counts', []), new Map([['acme', 2]]));
    assert.equal(client.pending, 0);
  });

  it('keeps a PlaneError’s status and retry delay, and a plain error’s message', async () => {
    const client = pair();
    await assert.rejects(client.call('overloaded', []), (error: unknown) => {
      assert.ok(error instanceof PlaneError);
      assert.equal(error.statusCode, 429);
      assert.equal(error.retryAfterSeconds, 3);
      assert.equal(error.message, 'too many calls in flight');
      return true;
    });
    await assert.rejects(client.call('broken', []), (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof PlaneError));
      assert.equal(error.message, 'disk full');
      return true;
    });
  });

  it('names a method the other side does not serve', async () => {
    const client = new RpcPeer<Record<string, never>, ServerApi & { missing(): void }>(pairPort(ports), {});
    await assert.rejects(client.call('missing', []), /no method "missing"/);
  });

  it('moves a transferred buffer instead of copying it', async () => {
    const client = pair();
    const bytes = new Uint8Array(1024);
    assert.equal(await client.call('size', [bytes], [bytes.buffer]), 1024);
    assert.equal(bytes.byteLength, 0, 'the sender no longer holds the bytes');
  });

  it('fails the calls waiting on a side that is gone', async () => {
    const { port1 } = new MessageChannel();
    ports.push(port1);
    const client = new RpcPeer<Record<string, never>, ServerApi>(port1, {});
    const waiting = client.call('add', [1, 1]);
    client.failAll(PlaneError.unavailable('ingest is restarting', 2));
    await assert.rejects(waiting, (error: unknown) => error instanceof PlaneError && error.statusCode === 503);
    assert.equal(client.pending, 0);
  });
});

/** A port whose other end serves `server`. */
function pairPort(ports: MessagePort[]): MessagePort {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  new RpcPeer<ServerApi, Record<string, never>>(port2, server);
  return port1;
}
