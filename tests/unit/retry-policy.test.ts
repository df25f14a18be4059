import { describe, expect, it } from 'vitest';
import { isTransient, retryDelay } from '../../src/auth/retry-policy.ts';

describe('retry policy for refresh and revoke', () => {
  it('retries only what a retry can fix', () => {
    expect(isTransient({ code: 'NetworkError' })).toBe(true);
    expect(isTransient(new Error('Network error'))).toBe(true);
    expect(isTransient({ code: 'TooManyRequestsException' })).toBe(true);
    expect(isTransient({ code: 'InternalErrorException' })).toBe(true);
    expect(isTransient({ code: 'Whatever', statusCode: 503 })).toBe(true);
    expect(isTransient({ code: 'NotAuthorizedException', message: 'Refresh Token has been revoked' })).toBe(false);
    expect(isTransient({ code: 'UserNotFoundException' })).toBe(false);
    expect(isTransient({ code: 'Whatever', statusCode: 400 })).toBe(false);
    expect(isTransient(null)).toBe(false);
  });

  it('keeps the library schedule: 200, 400, … ms plus jitter, stopping before 5 s', () => {
    expect(retryDelay(1, () => 0)).toBe(200);
    expect(retryDelay(2, () => 0.5)).toBe(450);
    expect(retryDelay(5, () => 1)).toBe(3300);
    expect(retryDelay(6, () => 0)).toBeNull();
  });
});
