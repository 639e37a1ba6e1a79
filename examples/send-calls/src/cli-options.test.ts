import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliOptions, UsageError, type CliOptions } from './cli-options.js';

const required = ['--endpoint', 'http://127.0.0.1:4318', '--key', 'k'];

describe('parseCliOptions', () => {
  const accepted: { reason: string; argv: string[]; expected: Partial<CliOptions> | null }[] = [
    {
      reason: 'only endpoint and key: every default',
      argv: required,
      expected: { endpoint: 'http://127.0.0.1:4318', apiKey: 'k', calls: 200, seed: 42, protocol: 'http/protobuf', spreadMinutes: 360, serviceName: 'voice-engine', groundTruthPath: null },
    },
    {
      reason: 'every option given',
      argv: [...required, '--calls', '5000', '--seed', '0', '--protocol', 'grpc', '--spread-minutes', '60', '--service-name', 'ivr', '--ground-truth', 'out.json'],
      expected: { calls: 5000, seed: 0, protocol: 'grpc', spreadMinutes: 60, serviceName: 'ivr', groundTruthPath: 'out.json' },
    },
    { reason: 'the largest 32-bit seed', argv: [...required, '--seed', '4294967295'], expected: { seed: 4_294_967_295 } },
    { reason: '--help wins over everything else', argv: ['--help'], expected: null },
  ];
  for (const c of accepted) {
    it(`accepts ${c.reason}`, () => {
      const options = parseCliOptions(c.argv);
      if (c.expected === null) return assert.equal(options, null);
      assert.ok(options);
      for (const [key, value] of Object.entries(c.expected)) assert.deepEqual(options[key as keyof CliOptions], value, key);
    });
  }

  const rejected: { reason: string; argv: string[]; message: RegExp }[] = [
    { reason: 'no endpoint', argv: ['--key', 'k'], message: /--endpoint is required/ },
    { reason: 'no key', argv: ['--endpoint', 'http://x'], message: /--key is required/ },
    { reason: 'an unknown protocol', argv: [...required, '--protocol', 'http'], message: /--protocol must be one of http\/protobuf, http\/json, grpc/ },
    { reason: 'zero calls', argv: [...required, '--calls', '0'], message: /--calls must be an integer from 1/ },
    { reason: 'a fractional count', argv: [...required, '--calls', '2.5'], message: /--calls/ },
    { reason: 'a seed beyond 32 bits, which would alias a smaller one', argv: [...required, '--seed', '4294967296'], message: /--seed/ },
    { reason: 'a spread too short to hold an 8-minute call', argv: [...required, '--spread-minutes', '5'], message: /--spread-minutes/ },
    { reason: 'an unknown option (a typo must not be ignored)', argv: [...required, '--call', '5'], message: /call/ },
  ];
  for (const c of rejected) {
    it(`rejects ${c.reason}`, () => {
      assert.throws(() => parseCliOptions(c.argv), (error: unknown) => error instanceof UsageError && c.message.test(error.message));
    });
  }
});
