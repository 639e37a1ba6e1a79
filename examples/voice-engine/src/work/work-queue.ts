import { randomUUID } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';

/** Ticket creation, answered by the worker (request/reply over RabbitMQ). */
export interface TicketJob {
  callSid: string;
  subject: string;
}

export type TicketReply = { ok: true; ticketId: string; retries: number } | { ok: false; errorType: string; timedOut: boolean; retries: number };

/** The post-call summary, fire and forget. */
export interface SummaryJob {
  callSid: string;
  summary: string;
}

export interface QueueNames {
  tickets: string;
  summaries: string;
}

export function queueNames(prefix: string): QueueNames {
  return { tickets: `${prefix}.tickets`, summaries: `${prefix}.summaries` };
}

/**
 * The engine's side of RabbitMQ: it publishes ticket jobs and waits for the worker's reply on a
 * queue of its own, and publishes post-call summaries. The SDK's amqplib instrumentation makes
 * each publish a span under the active one and carries the trace context (and the correlation
 * id) in the message headers, so the worker's consume span joins the call's trace.
 */
export class WorkQueue {
  private readonly pending = new Map<string, (reply: TicketReply) => void>();

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
    readonly names: QueueNames,
    private readonly replyQueue: string,
  ) {}

  static async connect(url: string, prefix: string): Promise<WorkQueue> {
    const connection = await amqp.connect(url);
    const channel = await connection.createChannel();
    const names = queueNames(prefix);
    await channel.assertQueue(names.tickets, { durable: true });
    await channel.assertQueue(names.summaries, { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    const work = new WorkQueue(connection, channel, names, queue);
    await channel.consume(queue, (message) => work.onReply(message), { noAck: true });
    return work;
  }

  /** Publishes a ticket job and waits for the worker's answer, at most `timeoutMillis`. */
  requestTicket(job: TicketJob, timeoutMillis: number): Promise<TicketReply> {
    const messageId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        resolve({ ok: false, errorType: 'timeout', timedOut: true, retries: 0 });
      }, timeoutMillis);
      this.pending.set(messageId, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.channel.sendToQueue(this.names.tickets, Buffer.from(JSON.stringify(job)), {
        messageId,
        replyTo: this.replyQueue,
        contentType: 'application/json',
        persistent: true,
      });
    });
  }

  publishSummary(job: SummaryJob): void {
    this.channel.sendToQueue(this.names.summaries, Buffer.from(JSON.stringify(job)), { contentType: 'application/json', persistent: true });
  }

  async close(): Promise<void> {
    for (const settle of this.pending.values()) settle({ ok: false, errorType: 'shutdown', timedOut: false, retries: 0 });
    this.pending.clear();
    await this.connection.close();
  }

  private onReply(message: ConsumeMessage | null): void {
    if (message === null) return;
    const settle = this.pending.get(String(message.properties.messageId));
    if (settle === undefined) return; // answered after the engine gave up waiting
    this.pending.delete(String(message.properties.messageId));
    settle(JSON.parse(message.content.toString('utf8')) as TicketReply);
  }
}
