// The env files Vite reads: reading them with Vite's precedence, merging new VITE_COGNITO_*
// values into one while keeping every other line and comment, and writing it atomically
// (temp file in the same directory, fsync, rename) so a failure never leaves half a file.
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { ENV_PREFIX } from '../../shared/cognito-config.ts';
import { writeFileDurably } from '../../shared/node/durable-file.ts';
import { CliError } from './errors.ts';

/** The part of node:fs/promises the env-file code uses; tests inject a failing one. */
export type EnvFs = Pick<typeof fsPromises, 'readFile' | 'open' | 'rename' | 'unlink' | 'stat'>;

export const defaultEnvFs: EnvFs = fsPromises;

const KEY_LINE = /^\s*(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/;

/** Parses dotenv text (KEY=value, `export`, quotes, # comments) as Vite's dotenv does. */
export function parseEnv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    values.set(match[1]!, unquote(match[2]!));
  }
  return values;
}

function unquote(raw: string): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = raw.indexOf(quote, 1);
    if (end > 0) {
      const inner = raw.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
    }
  }
  const comment = raw.search(/\s#/);
  return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

function formatValue(value: string): string {
  return /^[\w.:/@+-]*$/.test(value) ? value : JSON.stringify(value);
}

/**
 * Sets (string) or removes (null) VITE_COGNITO_* keys in dotenv text. A key that is present is
 * replaced where it stands (later duplicates are dropped); new keys are appended under a comment.
 * Every other line, comment, blank line and the line-ending style are kept.
 */
export function mergeEnv(text: string | undefined, updates: Record<string, string | null>): string {
  for (const key of Object.keys(updates)) {
    // Only the site's own variables are ever written or removed.
    if (!key.startsWith(ENV_PREFIX)) throw new Error(`refusing to write ${key}: only ${ENV_PREFIX}* keys are managed`);
  }
  const source = text ?? '';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = source === '' ? [] : source.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  const written = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const match = KEY_LINE.exec(line);
    const key = match?.[2];
    if (key === undefined || !Object.hasOwn(updates, key)) {
      out.push(line);
      continue;
    }
    const value = updates[key];
    if (value === null || value === undefined || written.has(key)) continue;
    out.push(`${match?.[1] ?? ''}${key}=${formatValue(value)}`);
    written.add(key);
  }
  const added = Object.entries(updates).filter(
    (entry): entry is [string, string] => entry[1] !== null && !written.has(entry[0]),
  );
  if (added.length > 0) {
    if (out.length > 0 && out[out.length - 1]!.trim() !== '') out.push('');
    out.push('# Cognito user pool for the rider site (written by `npm run provision`)');
    for (const [key, value] of added) out.push(`${key}=${formatValue(value)}`);
  }
  return out.length === 0 ? '' : out.join(eol) + eol;
}

/** The file's text, or undefined when it does not exist. */
export async function readEnvFile(fs: EnvFs, path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`Could not read ${path}: ${(error as Error).message}.`);
  }
}

/**
 * Writes via a temp file next to the target (shared/node/durable-file.ts), keeping the file's
 * permission bits. On any failure the temp file is removed and the target untouched.
 */
export async function writeFileAtomic(fs: EnvFs, path: string, content: string): Promise<void> {
  let mode = 0o644;
  try {
    mode = (await fs.stat(path)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await writeFileDurably(path, content, { mode, fs });
}

export interface EnvFileUpdate {
  /** False when the file already held exactly these values (nothing written). */
  changed: boolean;
  content: string;
}

/** Merges the updates into the file and writes it atomically if anything changed. */
export async function updateEnvFile(
  fs: EnvFs,
  path: string,
  updates: Record<string, string | null>,
): Promise<EnvFileUpdate> {
  const before = await readEnvFile(fs, path);
  const content = mergeEnv(before, updates);
  if (content === before) return { changed: false, content };
  try {
    await writeFileAtomic(fs, path, content);
  } catch (error) {
    throw new CliError(`Could not write ${path} (${(error as Error).message}); it was left unchanged.`);
  }
  return { changed: true, content };
}

export interface EnvValue {
  value: string;
  /** `environment`, `.env.local` or `.env`. */
  source: string;
}

/**
 * Reads keys with Vite's precedence: variables already in the environment, then `.env.local`,
 * then `.env` (the files `npm run dev` / `npm run build` read besides the mode-specific ones).
 */
export async function loadViteEnv(
  fs: EnvFs,
  cwd: string,
  env: Record<string, string | undefined>,
  keys: readonly string[],
): Promise<Record<string, EnvValue | undefined>> {
  const files: Array<[string, Map<string, string>]> = [];
  for (const name of ['.env.local', '.env']) {
    const text = await readEnvFile(fs, join(cwd, name));
    if (text !== undefined) files.push([name, parseEnv(text)]);
  }
  const result: Record<string, EnvValue | undefined> = {};
  for (const key of keys) {
    const fromEnv = env[key]?.trim();
    if (fromEnv) {
      result[key] = { value: fromEnv, source: 'environment' };
      continue;
    }
    for (const [name, values] of files) {
      const value = values.get(key)?.trim();
      if (value) {
        result[key] = { value, source: name };
        break;
      }
    }
  }
  return result;
}
