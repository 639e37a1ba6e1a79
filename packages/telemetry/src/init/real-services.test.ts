import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type * as Amqp from 'amqplib';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, test } from 'node:test';
import type * as Pg from 'pg';
import { getCorrelationId } from '../correlation/correlation-context.js';
import { requireService } from '@lumay/test-support';
import { initTelemetry } from './init-telemetry.js';

/*
 * Real PostgreSQL and RabbitMQ on loopback (DESIGN.md): the database and queue spans the
 * auto-instrumentation makes land inside the call's trace under the right parents, and the
 * correlation id crosses the queue. The drivers are loaded with require() after initTelemetry,
 * as a CommonJS engine (or an ES one started with --import @lumay/telemetry/register) loads them.
 */
const exporter = new InMemorySpanExporter();
const telemetry = initTelemetry({ serviceName: 'sdk-test', exporter, simpleExport: true, instrumentations: ['pg', 'amqplib'] });
const require = createRequire(import.meta.url);
const pg = require('pg') as typeof Pg;
const amqp = require('amqplib') as typeof Amqp;
after(() => telemetry.shutdown());

function only(predicate: (span: ReadableSpan) => boolean, what: string): ReadableSpan {
  const found = exporter.getFinishedSpans().filter(predicate);
  assert.equal(found.length, 1, `exactly one ${what} span, got ${found.map((s) => s.name).join(', ')}`);
  return found[0];
}

const isChildOf = (child: ReadableSpan, parent: ReadableSpan): boolean =>
  child.spanContext().traceId === parent.spanContext().traceId && child.parentSpanContext?.spanId === parent.spanContext().spanId;

test('PostgreSQL queries and RabbitMQ publish/consume join the call trace; the correlation id crosses the queue', async (t) => {
  if (!(await requireService(t, 'PostgreSQL', 5432)) || !(await requireService(t, 'RabbitMQ', 5672))) return;
  const db = new pg.Client({ host: '127.0.0.1', user: process.env.PGUSER ?? 'postgres', database: 'test' });
  await db.connect();
  const connection = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
  const channel = await connection.createChannel();
  const queue = `lumay-sdk-test-${randomUUID()}`;
  await channel.assertQueue(queue, { exclusive: true, autoDelete: true });
  t.after(async () => {
    await channel.close();
    await connection.close();
    await db.end();
  });
  exporter.reset();

  const consumed = new Promise<{ correlationId: string | undefined; header: unknown }>((resolve, reject) => {
    void channel.consume(queue, (message) => {
      if (message === null) return;
      // Inside the consumer the context is the one extracted from the message headers.
      db.query('SELECT $1::text AS ticket', [message.content.toString()]).then(
        () => {
          channel.ack(message);
          resolve({ correlationId: getCorrelationId(), header: message.properties.headers?.['x-correlation-id'] as unknown });
        },
        reject,
      );
    });
  });

  const call = telemetry.startCall({ callId: 'CA-real', correlationId: 'corr-queue-1' });
  const turn = call.startTurn();
  await turn.callConnector({ name: 'crm-db', kind: 'crm', operation: 'lookup_customer' }, () => db.query('SELECT 1 AS found'));
  turn.run(() => channel.sendToQueue(queue, Buffer.from('ZD-1')));
  const received = await consumed;
  turn.end();
  call.end({ outcome: 'resolved' });

  assert.equal(received.correlationId, 'corr-queue-1', 'the consumer sees the publisher’s correlation id');
  assert.equal(received.header, 'corr-queue-1', 'carried in the message headers');
  const root = only((s) => s.name === 'call', 'call');
  const turnSpan = only((s) => s.name === 'turn', 'turn');
  const connector = only((s) => s.attributes['lumay.stage'] === 'connector', 'connector');
  const lookup = only((s) => s.kind === SpanKind.CLIENT && String(s.attributes['db.query.text'] ?? s.attributes['db.statement']).includes('found'), 'lookup query');
  const publish = only((s) => s.kind === SpanKind.PRODUCER, 'publish');
  const consume = only((s) => s.kind === SpanKind.CONSUMER, 'consume');
  const ticketQuery = only((s) => s.kind === SpanKind.CLIENT && String(s.attributes['db.query.text'] ?? s.attributes['db.statement']).includes('ticket'), 'consumer query');

  assert.ok(isChildOf(turnSpan, root));
  assert.ok(isChildOf(connector, turnSpan));
  assert.ok(isChildOf(lookup, connector), 'the DB query is a child of the connector span');
  assert.ok(isChildOf(publish, turnSpan), 'the publish is a child of the turn it was made in');
  assert.ok(isChildOf(consume, publish), 'the consume continues the publisher’s trace');
  assert.ok(isChildOf(ticketQuery, consume), 'the consumer’s query is a child of the consume span');
  for (const span of [lookup, publish, consume, ticketQuery]) {
    assert.equal(span.attributes['lumay.correlation_id'], 'corr-queue-1', `${span.name} carries the correlation id`);
  }
});
