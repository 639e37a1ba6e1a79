import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  const bad: [reason: string, env: Record<string, string>, message: RegExp][] = [
    ['a schema name that would be injected into DDL', { VOICE_ENGINE_PG_SCHEMA: 'x; DROP TABLE y' }, /PG_SCHEMA must be/],
    ['a port out of range', { VOICE_ENGINE_PORT: '70000' }, /VOICE_ENGINE_PORT must be a TCP port/],
    ['a time scale of zero (every call instant)', { VOICE_ENGINE_TIME_SCALE: '0' }, /TIME_SCALE must be/],
    ['a failure share above 1', { VOICE_ENGINE_CONNECTOR_FAILURE_RATE: '1.5' }, /FAILURE_RATE must be within 0..1/],
    ['a non-number', { VOICE_ENGINE_LLM_FAILURE_RATE: 'often' }, /LLM_FAILURE_RATE must be/],
  ];
  for (const [reason, env, message] of bad) it(`fails at start-up on ${reason}`, () => assert.throws(() => loadConfig(env), message));

  it('defaults every value and freezes the result', () => {
    const config = loadConfig({});
    assert.equal(config.httpPort, 3000);
    assert.equal(config.pgSchema, 'voice_engine');
    assert.equal(config.timeScale, 1);
    assert.ok(Object.isFrozen(config));
  });
});
