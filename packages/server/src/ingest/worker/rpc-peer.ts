import type { Transferable } from 'node:worker_threads';
import { PlaneError } from '../../errors/plane-error.js';

/** The methods one side serves: each takes structured-clonable arguments and returns such a value. */
export type RpcApi = Record<string, (...args: never[]) => unknown>;

/** An error as it crosses threads: a PlaneError keeps its status and retry delay. */
interface WireError {
  message: string;
  stack?: string;
  statusCode?: number;
  retryAfterSeconds?: number;
}

type Wire =
  | { k: 'call'; id: number; m: string; a: unknown[] }
  | { k: 'ok'; id: number; v: unknown }
  | { k: 'err'; id: number; e: WireError }
  | { k: 'note'; n: string; p: unknown };

/** The part of a MessagePort, a Worker and parentPort this needs. */
export interface RpcPort {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: 'message', listener: (message: Wire) => void): unknown;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function toWire(error: unknown): WireError {
  if (error instanceof PlaneError) return { message: error.message, statusCode: error.statusCode, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

function fromWire(wire: WireError): Error {
  if (wire.statusCode !== undefined) return new PlaneError(wire.statusCode, wire.message, wire.retryAfterSeconds);
  const error = new Error(wire.message);
  if (wire.stack) error.stack = `${wire.stack}\n    (on the other thread)`;
  return error;
}

/**
 * Request/response over a thread's message port, both ways: each side serves `Local` and calls
 * the other's `Remote`; notes are one-way. Messages are structured clones, so what crosses is
 * plain data (Maps, typed arrays and bigints included); a transferred buffer moves without a copy.
 */
export class RpcPeer<Local extends RpcApi, Remote extends RpcApi> {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly port: RpcPort,
    private readonly local: Local,
    private readonly onNote: (name: string, payload: unknown) => void = () => {},
  ) {
    port.on('message', (message) => this.receive(message));
  }

  call<K extends keyof Remote & string>(
    method: K,
    args: Parameters<Remote[K]>,
    transfer?: readonly Transferable[],
  ): Promise<Awaited<ReturnType<Remote[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ k: 'call', id, m: method, a: args } satisfies Wire, transfer);
    });
  }

  note(name: string, payload: unknown): void {
    this.port.postMessage({ k: 'note', n: name, p: payload } satisfies Wire);
  }

  /** Calls still waiting for an answer. */
  get pending(): number {
    return this.waiting.size;
  }

  /** The other side is gone: every call waiting for it fails with `error`. */
  failAll(error: Error): void {
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  private receive(message: Wire): void {
    switch (message.k) {
      case 'call':
        void this.serve(message.id, message.m, message.a);
        return;
      case 'ok':
      case 'err': {
        const w = this.waiting.get(message.id);
        if (!w) return;
        this.waiting.delete(message.id);
        if (message.k === 'ok') w.resolve(message.v);
        else w.reject(fromWire(message.e));
        return;
      }
      case 'note':
        this.onNote(message.n, message.p);
    }
  }

  private async serve(id: number, method: string, args: unknown[]): Promise<void> {
    try {
      const handler = this.local[method] as ((...a: unknown[]) => unknown) | undefined;
      if (!handler) throw new Error(`no method "${method}" on this side`);
      this.port.postMessage({ k: 'ok', id, v: await handler(...args) } satisfies Wire);
    } catch (error) {
      this.port.postMessage({ k: 'err', id, e: toWire(error) } satisfies Wire);
    }
  }
}
