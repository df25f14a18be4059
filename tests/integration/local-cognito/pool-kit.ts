// Shared by operator.test.ts and robustness.test.ts: temp data dirs, raw wire calls with a
// deadline (a hang fails the test instead of stalling it), the real SDK client with dummy
// credentials, the mailbox, and SECRET_HASH as every Cognito SDK computes it.

import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';

export const TARGET = 'AWSCognitoIdentityProviderService.';
export const AMZ_JSON = 'application/x-amz-json-1.1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Meets the default pool's policy (8+, upper, lower, digit, symbol). */
export const PASSWORD = 'Rider-Pass-2024!';

const dirs: string[] = [];

export async function tempDataDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `lc-${label}-`));
  dirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export interface WireResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when the body is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Omit X-Amz-Target entirely. */
  noTarget?: boolean;
  timeoutMs?: number;
}

/** One request as a browser or SDK would send it; `body` objects are JSON-encoded, strings and bytes sent verbatim. */
export async function call(
  url: string,
  action: string,
  body: unknown,
  options: CallOptions = {},
): Promise<WireResponse> {
  const headers: Record<string, string> = { 'Content-Type': AMZ_JSON, ...options.headers };
  if (!options.noTarget) headers['X-Amz-Target'] = action.includes('.') ? action : TARGET + action;
  const res = await fetch(url, {
    method: options.method ?? 'POST',
    headers,
    body:
      body === undefined
        ? undefined
        : typeof body === 'string'
          ? body
          : body instanceof Uint8Array
            ? new Uint8Array(body)
            : JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  return toWire(res);
}

export async function toWire(res: Response): Promise<WireResponse> {
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Calls an action and fails the test unless it answered 200. */
export async function ok(url: string, action: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await call(url, action, body);
  expect(res.status, `${action} → ${res.text}`).toBe(200);
  return res.json as Record<string, unknown>;
}

/** A Cognito-shaped error: status, `__type` + `message` body, the error-type header, request id, content type. */
export function expectCognitoError(res: WireResponse, type: string, status = 400, message?: string | RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect(res.json, res.text).toBeDefined();
  expect(res.json?.__type, res.text).toBe(type);
  expect(typeof res.json?.message).toBe('string');
  if (typeof message === 'string') expect(res.json?.message).toBe(message);
  else if (message) expect(res.json?.message).toMatch(message);
  expect(res.headers.get('x-amzn-errortype')).toBe(`${type}:`);
  expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
  expect(res.headers.get('content-type')).toBe(AMZ_JSON);
}

export function sdk(url: string, region = 'us-east-1'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' },
    maxAttempts: 1,
  });
}

/** SECRET_HASH = base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export const secretHash = (username: string, clientId: string, secret: string): string =>
  createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');

export interface MailItem {
  to: string;
  subject: string;
  text: string;
  code: string;
  sentAt: string;
}

export async function mailTo(url: string, to: string): Promise<MailItem[]> {
  const res = await fetch(`${url}mailbox.json?to=${encodeURIComponent(to)}`, { signal: AbortSignal.timeout(5_000) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: MailItem[] }).messages;
}

/** The newest code mailed to an address. */
export async function latestCode(url: string, to: string): Promise<string> {
  const [newest] = await mailTo(url, to);
  expect(newest, `no mail for ${to}`).toBeDefined();
  return (newest as MailItem).code;
}

let counter = 0;
/** A unique address per call (tests share one pool per file). */
export const uniqueEmail = (label: string): string =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}@example.com`;
