// The pool's in-memory auth sessions: single use, expiring, and bounded in number.
import { describe, expect, it } from 'vitest';
import { type AuthSession, SessionTable } from '../../../local-cognito/challenge-sessions.ts';

const session = (username: string, expiresAt: number): AuthSession => ({
  kind: 'new-password',
  poolId: 'us-east-1_Test',
  clientId: 'client',
  username,
  expiresAt,
});

describe('SessionTable', () => {
  it('hands a live session out once', () => {
    const table = new SessionTable();
    table.put('k', session('u', 2_000), 1_000);
    expect(table.take('k', 1_500)).toMatchObject({ username: 'u' });
    expect(table.take('k', 1_500)).toBeUndefined();
  });

  it('does not hand out an expired session', () => {
    const table = new SessionTable();
    table.put('k', session('u', 2_000), 1_000);
    expect(table.take('k', 2_000)).toBeUndefined();
  });

  it('stays within its bound: expired sessions go first, then the oldest live ones', () => {
    const table = new SessionTable(3);
    table.put('old-expired', session('a', 1_100), 1_000);
    table.put('live-1', session('b', 9_000), 1_000);
    table.put('live-2', session('c', 9_000), 1_000);
    table.put('live-3', session('d', 9_000), 1_200); // full: the expired one is dropped
    expect(table.size).toBe(3);
    expect(table.take('live-1', 1_300)).toMatchObject({ username: 'b' });
    table.put('live-4', session('e', 9_000), 1_300);
    table.put('live-5', session('f', 9_000), 1_300); // full of live ones: the oldest (live-2) goes
    expect(table.size).toBe(3);
    expect(table.take('live-2', 1_400)).toBeUndefined();
    expect(table.take('live-5', 1_400)).toMatchObject({ username: 'f' });
  });
});
