import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { VendorClient } from '../connectors/vendor-client.js';
import type { CallStore } from '../state/call-store.js';
import { queueNames, type SummaryJob, type TicketJob, type TicketReply } from './work-queue.js';

/**
 * Consumes the engine's work: creates tickets in the ticketing system (and answers the engine),
 * stores post-call summaries. Each message is handled inside the consume span the amqplib
 * instrumentation opens from the message headers, so its HTTP request and database queries land
 * in the call's trace; the message is acknowledged when the work is done, which ends that span.
 */
export class Worker {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async start(url: string, prefix: string, store: CallStore, vendor: VendorClient, log: Logger): Promise<Worker> {
    const connection = await amqp.connect(url);
    const channel = await connection.createChannel();
    const names = queueNames(prefix);
    await channel.assertQueue(names.tickets, { durable: true });
    await channel.assertQueue(names.summaries, { durable: true });
    await channel.prefetch(16);
    const worker = new Worker(connection, channel);

    await channel.consume(names.tickets, (message) => {
      if (message === null) return;
      void worker.handle(message, log, async (job: TicketJob) => {
        const result = await vendor.request('POST', '/ticketing/tickets', { callSid: job.callSid, subject: job.subject });
        let reply: TicketReply;
        if (result.ok) {
          const ticketId = String(result.body.id);
          await store.insertTicket(ticketId, job.callSid, job.subject);
          reply = { ok: true, ticketId, retries: result.retries };
        } else {
          reply = { ok: false, errorType: result.errorType, timedOut: result.timedOut, retries: result.retries };
        }
        const replyTo = message.properties.replyTo as string | undefined;
        if (replyTo !== undefined) {
          channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), { messageId: message.properties.messageId as string, contentType: 'application/json' });
        }
      });
    });

    await channel.consume(names.summaries, (message) => {
      if (message === null) return;
      void worker.handle(message, log, (job: SummaryJob) => store.upsertSummary(job.callSid, job.summary));
    });
    return worker;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /** Runs `work` on the message's JSON body; acks on success, dead-letters (nack, no requeue) what cannot be handled. */
  private async handle<Job>(message: ConsumeMessage, log: Logger, work: (job: Job) => Promise<void>): Promise<void> {
    try {
      await work(JSON.parse(message.content.toString('utf8')) as Job);
      this.channel.ack(message);
    } catch (error) {
      log.error({ err: error, queue: message.fields.routingKey }, 'work item failed; dropped');
      this.channel.nack(message, false, false);
    }
  }
}
