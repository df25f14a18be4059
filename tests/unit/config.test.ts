import { describe, expect, it } from 'vitest';
import { LOCAL_DEFAULTS, readConfig } from '../../shared/cognito-config.ts';

const problemsOf = (env: Parameters<typeof readConfig>[0]) => {
  const result = readConfig(env);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.config)}`);
  return result.problems;
};

describe('readConfig', () => {
  it('points at the local pool mounted at /__cognito/ when nothing is set', () => {
    expect(readConfig({})).toEqual({
      ok: true,
      config: {
        region: 'us-east-1',
        userPoolId: 'us-east-1_LocalPool',
        clientId: 'localwildrydeswebclient001',
        endpoint: '/__cognito/',
      },
    });
    expect(readConfig({ VITE_COGNITO_REGION: '  ', VITE_COGNITO_ENDPOINT: '' })).toEqual({
      ok: true,
      config: LOCAL_DEFAULTS,
    });
  });

  it('accepts a real pool, deriving the region from the pool ID and using the regional endpoint', () => {
    expect(
      readConfig({
        VITE_COGNITO_USER_POOL_ID: ' eu-west-2_AbC123xyz ',
        VITE_COGNITO_USER_POOL_CLIENT_ID: '3c689eqc0nhl7cansolh5bnr7o',
      }),
    ).toEqual({
      ok: true,
      config: {
        region: 'eu-west-2',
        userPoolId: 'eu-west-2_AbC123xyz',
        clientId: '3c689eqc0nhl7cansolh5bnr7o',
        endpoint: undefined,
      },
    });
  });

  it('keeps an explicit region and endpoint when they agree with the pool', () => {
    const result = readConfig({
      VITE_COGNITO_REGION: 'us-east-1',
      VITE_COGNITO_USER_POOL_ID: 'us-east-1_LocalPool',
      VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
      VITE_COGNITO_ENDPOINT: 'http://127.0.0.1:9229/',
    });
    expect(result).toMatchObject({ ok: true, config: { region: 'us-east-1', endpoint: 'http://127.0.0.1:9229/' } });
  });

  it('names VITE_COGNITO_USER_POOL_ID when it is missing or malformed', () => {
    expect(problemsOf({ VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc' })).toEqual([
      { variable: 'VITE_COGNITO_USER_POOL_ID', message: 'is not set.' },
    ]);
    for (const bad of ['us-east-1', 'us-east-1_', '_abc', 'us-east-1_abc!', `us-east-1_${'a'.repeat(50)}`]) {
      const problems = problemsOf({ VITE_COGNITO_USER_POOL_ID: bad, VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc' });
      expect(problems.map((p) => p.variable)).toContain('VITE_COGNITO_USER_POOL_ID');
      expect(problems[0]!.message).toContain('<region>_<id>');
    }
  });

  it('names VITE_COGNITO_REGION when it differs from the pool ID prefix or is not a region', () => {
    expect(
      problemsOf({
        VITE_COGNITO_REGION: 'eu-west-1',
        VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC123xyz',
        VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
      }),
    ).toEqual([
      {
        variable: 'VITE_COGNITO_REGION',
        message: '"eu-west-1" does not match the user pool ID\'s region "us-east-1".',
      },
    ]);
    expect(
      problemsOf({
        VITE_COGNITO_USER_POOL_ID: 'local_AbC123',
        VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
      }),
    ).toEqual([{ variable: 'VITE_COGNITO_REGION', message: '"local" is not an AWS region name.' }]);
  });

  it('names VITE_COGNITO_USER_POOL_CLIENT_ID when it is missing or has impossible characters', () => {
    expect(problemsOf({ VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC' })).toEqual([
      { variable: 'VITE_COGNITO_USER_POOL_CLIENT_ID', message: 'is not set.' },
    ]);
    expect(
      problemsOf({ VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC', VITE_COGNITO_USER_POOL_CLIENT_ID: 'has space' })[0],
    ).toMatchObject({ variable: 'VITE_COGNITO_USER_POOL_CLIENT_ID' });
  });

  it('names VITE_COGNITO_ENDPOINT when it is neither an http(s) URL nor a path', () => {
    for (const endpoint of ['cognito.local', 'ftp://x/', 'javascript:alert(1)']) {
      expect(
        problemsOf({
          VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC',
          VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
          VITE_COGNITO_ENDPOINT: endpoint,
        }),
      ).toEqual([expect.objectContaining({ variable: 'VITE_COGNITO_ENDPOINT' })]);
    }
  });

  it('names VITE_COGNITO_ENDPOINT when it cannot be fetched as written or would ship credentials', () => {
    // Each of these used to pass: the build then crashed on `new URL` (no banner), produced a broken
    // connect-src source, pointed at another origin as a "path", or put a password in the bundle.
    for (const endpoint of [
      'http://[bad',
      'https://exa mple.com/',
      'https://a.example;x/',
      'http://:80/',
      "https://a.example'/",
      '//evil.example/',
      '/\\evil.example/',
      'https://user:secret@cognito.example/',
    ]) {
      expect(
        problemsOf({
          VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC',
          VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
          VITE_COGNITO_ENDPOINT: endpoint,
        }),
        endpoint,
      ).toEqual([expect.objectContaining({ variable: 'VITE_COGNITO_ENDPOINT' })]);
    }
    for (const endpoint of [
      'http://localhost:9229/',
      'https://cognito-idp.us-east-1.amazonaws.com/',
      'http://[::1]:9229/',
      '/__cognito/',
    ]) {
      expect(
        readConfig({
          VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC',
          VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
          VITE_COGNITO_ENDPOINT: endpoint,
        }),
        endpoint,
      ).toMatchObject({ ok: true, config: { endpoint } });
    }
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ VITE_COGNITO_ENDPOINT: 'nope' }).map((p) => p.variable)).toEqual([
      'VITE_COGNITO_USER_POOL_ID',
      'VITE_COGNITO_USER_POOL_CLIENT_ID',
      'VITE_COGNITO_ENDPOINT',
    ]);
  });
});
