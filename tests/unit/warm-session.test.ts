// warmSessionCode (src/auth/warm-session.ts) runs the library's session code on a made-up session
// kept in memory: the rider's storage and the network are untouched, and the real session reads
// the same afterwards.
import { CognitoUser } from 'amazon-cognito-identity-js';
import { describe, expect, it, vi } from 'vitest';
import { currentSession } from '../../src/auth/index.ts';
import { warmSessionCode } from '../../src/auth/warm-session.ts';
import { calls, storage, useCognitoStub } from './passwordless-kit.ts';

useCognitoStub();

describe('warmSessionCode', () => {
  it('reads a made-up session without storing or sending anything', async () => {
    const getItem = vi.spyOn(storage, 'getItem');
    const isValid: boolean[] = [];
    const original = CognitoUser.prototype.getSession;
    const spy = vi.spyOn(CognitoUser.prototype, 'getSession').mockImplementation(function (
      this: CognitoUser,
      callback: Parameters<CognitoUser['getSession']>[0],
    ) {
      return original.call(this, (err: Error | null, session: { isValid(): boolean } | null) => {
        isValid.push(!err && !!session?.isValid());
        return (callback as (e: Error | null, s: unknown) => void)(err, session);
      });
    });
    warmSessionCode();
    spy.mockRestore();
    // The library's session code ran, on a session it found valid…
    expect(isValid).toEqual([true]);
    // …and none of it reached the rider's storage or the network.
    expect([...storage.items]).toEqual([]);
    expect(getItem).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    expect(await currentSession()).toBeNull();
  });
});
