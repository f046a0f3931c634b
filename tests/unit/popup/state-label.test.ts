import { describe, expect, it } from 'vitest';
import { stateLabel } from '@/components/job-state';

describe('the state a job row names', () => {
  it('a batch job waiting for its provider is waiting its turn, not retrying', () => {
    expect(stateLabel({ state: 'waiting', failures: 0 })).toBe('Waiting its turn');
  });
  it('a job that failed to send and will try again is waiting to retry', () => {
    expect(stateLabel({ state: 'waiting', failures: 2 })).toBe('Waiting to retry');
  });
  it('other states keep their words', () => {
    expect(stateLabel({ state: 'processing', failures: 0 })).toBe('Processing');
    expect(stateLabel({ state: 'needs_decision', failures: 0 })).toBe('Needs your decision');
  });
});
