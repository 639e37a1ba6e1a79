import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY_US, T0_US, connectorCall, makeSession } from './make-session.js';
import { openTempStore, type TempStore } from './temp-store.js';

describe('connectorBreakdown', () => {
  let temp: TempStore;
  before(async () => {
    temp = await openTempStore();
  });
  after(async () => {
    await temp.dispose();
  });

  test('p50/p95 interpolate over every call of a connector, failed ones included', async () => {
    const tenantId = 'latency';
    const durations = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    await temp.store.saveSessions([
      makeSession({
        tenantId,
        connectorCalls: durations.map((durationMs, i) =>
          connectorCall({ connector: 'crm', durationMs, success: i !== 9, errorType: i === 9 ? 'http_500' : '' }),
        ),
      }),
    ]);
    const [crm] = await temp.store.connectorBreakdown({ tenantId, fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US });
    assert.equal(crm.p50LatencyMs, 550);
    assert.equal(crm.p95LatencyMs, 955);
    assert.equal(crm.successRate, 0.9);
  });

  test('failures are grouped by error type, largest first; connectors by call count', async () => {
    const tenantId = 'failures';
    const fail = (connector: string, errorType: string) => connectorCall({ connector, success: false, errorType });
    await temp.store.saveSessions([
      makeSession({
        tenantId,
        connectorCalls: [fail('crm', 'timeout'), fail('crm', 'http_500'), fail('crm', 'http_500'), connectorCall({ connector: 'crm' })],
      }),
      makeSession({ tenantId, connectorCalls: [fail('calendar', 'timeout')] }),
    ]);
    const stats = await temp.store.connectorBreakdown({ tenantId, fromUs: T0_US - DAY_US, toUs: T0_US + DAY_US });
    assert.deepEqual(
      stats.map((s) => [s.connector, s.calls, s.failuresByError]),
      [
        ['crm', 4, [{ errorType: 'http_500', count: 2 }, { errorType: 'timeout', count: 1 }]],
        ['calendar', 1, [{ errorType: 'timeout', count: 1 }]],
      ],
    );
  });

  test('connector calls belong to the window and filters of their session, not their own start', async () => {
    const tenantId = 'window';
    await temp.store.saveSessions([
      // Started before the window; its connector call falls inside it, yet is not counted.
      makeSession({ tenantId, startUs: T0_US - 1, endUs: T0_US + 60_000_000, connectorCalls: [connectorCall({ startUs: T0_US + 1 })] }),
      makeSession({ tenantId, agentId: 'other', connectorCalls: [connectorCall()] }),
      makeSession({ tenantId, connectorCalls: [connectorCall({ connector: 'ticketing' })] }),
    ]);
    const stats = await temp.store.connectorBreakdown({ tenantId, fromUs: T0_US, toUs: T0_US + DAY_US, agentId: 'support-bot' });
    assert.deepEqual(
      stats.map((s) => [s.connector, s.calls]),
      [['ticketing', 1]],
    );
  });
});
