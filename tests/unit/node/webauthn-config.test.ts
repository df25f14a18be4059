// local-cognito/webauthn-config.ts: the pool's passkey settings (what SetUserPoolMfaConfig applies and
// GetUserPoolMfaConfig shows), which RP ID a request resolves to, and which page origins fit an RP ID.
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../local-cognito/context.ts';
import { CognitoError } from '../../../local-cognito/errors.ts';
import { Input } from '../../../local-cognito/input.ts';
import { buildPool } from '../../../local-cognito/pools.ts';
import {
  applyWebAuthnConfiguration,
  originAllowed,
  relyingPartyFor,
  webAuthnConfigurationOf,
} from '../../../local-cognito/webauthn-config.ts';

const pool = buildPool(new Input({ PoolName: 'p' }), 'us-east-1_abcdefghi', 0);
const ctx = (origin?: string): RequestContext => ({
  baseUrl: 'http://127.0.0.1:9229',
  requestId: 'r',
  region: 'us-east-1',
  ...(origin ? { origin } : {}),
});
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof CognitoError ? err.code : String(err);
  }
};

describe('WebAuthnConfiguration', () => {
  it('defaults to preferred verification and single factor, with no RP ID of its own', () => {
    expect(webAuthnConfigurationOf(pool)).toEqual({
      UserVerification: 'preferred',
      FactorConfiguration: 'SINGLE_FACTOR',
    });
  });

  it('is applied as a new record (the old one unchanged), omitted members back to the defaults', () => {
    const set = applyWebAuthnConfiguration(
      pool,
      new Input({ RelyingPartyId: 'Rides.Example', UserVerification: 'required' }),
      5,
    );
    expect(webAuthnConfigurationOf(set)).toEqual({
      RelyingPartyId: 'rides.example',
      UserVerification: 'required',
      FactorConfiguration: 'SINGLE_FACTOR',
    });
    expect(set.updatedAt).toBe(5);
    expect(pool.webAuthn).toBeUndefined();
    expect(webAuthnConfigurationOf(applyWebAuthnConfiguration(set, new Input({}), 6))).toEqual(
      webAuthnConfigurationOf(pool),
    );
  });

  it('refuses what Cognito’s model refuses', () => {
    expect(code(() => applyWebAuthnConfiguration(pool, new Input({ UserVerification: 'discouraged' }), 0))).toBe(
      'InvalidParameterException',
    );
    expect(code(() => applyWebAuthnConfiguration(pool, new Input({ RelyingPartyId: '' }), 0))).toBe(
      'InvalidParameterException',
    );
    expect(code(() => applyWebAuthnConfiguration(pool, new Input({ RelyingPartyId: 'a'.repeat(128) }), 0))).toBe(
      'InvalidParameterException',
    );
    expect(code(() => applyWebAuthnConfiguration(pool, new Input({ RelyingPartyId: 'https://x.example' }), 0))).toBe(
      'InvalidParameterException',
    );
    expect(code(() => applyWebAuthnConfiguration(pool, new Input({ RelyingPartyId: 7 }), 0))).toBe(
      'SerializationException',
    );
  });
});

describe('relyingPartyFor', () => {
  const own = applyWebAuthnConfiguration(pool, new Input({ RelyingPartyId: 'rides.example' }), 0);

  it('takes the pool’s own RP ID, then the server’s, then a loopback page’s host', () => {
    expect(relyingPartyFor(own, 'server.example', ctx('http://localhost:5173'))).toBe('rides.example');
    expect(relyingPartyFor(pool, 'server.example', ctx('http://localhost:5173'))).toBe('server.example');
    expect(relyingPartyFor(pool, undefined, ctx('http://localhost:5173'))).toBe('localhost');
    expect(relyingPartyFor(pool, undefined, ctx('http://127.0.0.1:4173'))).toBe('127.0.0.1');
  });

  it('has none for other pages, IPv6 loopback or no page at all', () => {
    for (const origin of ['https://evil.example', 'http://[::1]:5173', 'null', undefined]) {
      expect(code(() => relyingPartyFor(pool, undefined, ctx(origin)))).toBe('WebAuthnConfigurationMissingException');
    }
  });
});

describe('originAllowed', () => {
  it('https on the RP ID or a subdomain, any port; http only on loopback hosts', () => {
    expect(originAllowed('https://rides.example', 'rides.example')).toBe(true);
    expect(originAllowed('https://app.rides.example:8443', 'rides.example')).toBe(true);
    expect(originAllowed('http://localhost:5173', 'localhost')).toBe(true);
    expect(originAllowed('http://127.0.0.1:4173', '127.0.0.1')).toBe(true);
    expect(originAllowed('http://rides.example', 'rides.example')).toBe(false);
    expect(originAllowed('https://evilrides.example', 'rides.example')).toBe(false);
    expect(originAllowed('https://rides.example.evil', 'rides.example')).toBe(false);
    expect(originAllowed('http://localhost:5173', '127.0.0.1')).toBe(false);
    expect(originAllowed('https://rides.example/path', 'rides.example')).toBe(false);
    expect(originAllowed('not a url', 'rides.example')).toBe(false);
  });
});
