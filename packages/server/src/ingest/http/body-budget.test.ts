import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BodyBudget } from './body-budget.js';
import { PlaneError } from '../../errors/plane-error.js';

describe('BodyBudget', () => {
  it('refuses a body that would push the sum past the limit with 503 + Retry-After', () => {
    const budget = new BodyBudget(100);
    budget.reserve(60);
    assert.throws(
      () => budget.reserve(50),
      (e: unknown) => e instanceof PlaneError && e.statusCode === 503 && e.retryAfterSeconds === 1,
    );
    assert.equal(budget.inUse, 60, 'a refused reservation takes nothing');
    budget.release(60);
    budget.reserve(50);
    assert.equal(budget.inUse, 50);
  });

  it('lets one body alone use more than the whole budget, so a lone large export is never refused', () => {
    const budget = new BodyBudget(100);
    budget.reserve(500);
    assert.throws(() => budget.reserve(1));
    budget.release(500);
    assert.equal(budget.inUse, 0);
  });
});
