import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvFs } from '../../../scripts/lib/env-file.ts';
import {
  defaultEnvFs,
  loadViteEnv,
  mergeEnv,
  parseEnv,
  updateEnvFile,
  writeFileAtomic,
} from '../../../scripts/lib/env-file.ts';
import { CliError } from '../../../scripts/lib/errors.ts';

describe('parseEnv', () => {
  it('reads plain, exported, quoted and commented values', () => {
    const env = parseEnv(
      [
        '# comment',
        'A=1',
        'export B = two ',
        'C="quoted # not a comment"',
        "D='single'",
        'E=value # trailing comment',
        'F=',
        'not a line',
      ].join('\n'),
    );
    expect(Object.fromEntries(env)).toEqual({
      A: '1',
      B: 'two',
      C: 'quoted # not a comment',
      D: 'single',
      E: 'value',
      F: '',
    });
  });
});

describe('mergeEnv', () => {
  const updates = {
    VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC123xyz',
    VITE_COGNITO_USER_POOL_CLIENT_ID: 'abcdefghijklmnopqrstuvwxyz',
    VITE_COGNITO_REGION: 'us-east-1',
    VITE_COGNITO_ENDPOINT: null,
  };

  it('writes a new file with a comment and only the set keys', () => {
    expect(mergeEnv(undefined, updates)).toBe(
      [
        '# Cognito user pool for the rider site (written by `npm run provision`)',
        'VITE_COGNITO_USER_POOL_ID=us-east-1_AbC123xyz',
        'VITE_COGNITO_USER_POOL_CLIENT_ID=abcdefghijklmnopqrstuvwxyz',
        'VITE_COGNITO_REGION=us-east-1',
        '',
      ].join('\n'),
    );
  });

  it('replaces keys where they stand, keeps other lines and comments, drops duplicates and removed keys', () => {
    const before = [
      '# my settings',
      'VITE_SITE_TITLE=Wild Rydes',
      'VITE_COGNITO_USER_POOL_ID=us-west-2_Old000000',
      '',
      '# keep me',
      'VITE_COGNITO_ENDPOINT=http://127.0.0.1:9229/',
      'export VITE_COGNITO_REGION=us-west-2',
      'VITE_COGNITO_USER_POOL_ID=us-west-2_Dup000000',
      'VITE_COGNITO_OTHER=unmanaged',
      'OTHER=1',
      '',
    ].join('\n');
    expect(mergeEnv(before, updates)).toBe(
      [
        '# my settings',
        'VITE_SITE_TITLE=Wild Rydes',
        'VITE_COGNITO_USER_POOL_ID=us-east-1_AbC123xyz',
        '',
        '# keep me',
        'export VITE_COGNITO_REGION=us-east-1',
        'VITE_COGNITO_OTHER=unmanaged',
        'OTHER=1',
        '',
        '# Cognito user pool for the rider site (written by `npm run provision`)',
        'VITE_COGNITO_USER_POOL_CLIENT_ID=abcdefghijklmnopqrstuvwxyz',
        '',
      ].join('\n'),
    );
  });

  it('keeps CRLF line endings and a missing final newline is added', () => {
    const merged = mergeEnv('A=1\r\nVITE_COGNITO_REGION=eu-west-1', { VITE_COGNITO_REGION: 'us-east-1' });
    expect(merged).toBe('A=1\r\nVITE_COGNITO_REGION=us-east-1\r\n');
  });

  it('is stable: merging the same values again gives the same text', () => {
    const once = mergeEnv('A=1\n', updates);
    expect(mergeEnv(once, updates)).toBe(once);
  });

  it('quotes values that need it and refuses keys it does not manage', () => {
    expect(mergeEnv('', { VITE_COGNITO_REGION: 'has space' })).toContain('VITE_COGNITO_REGION="has space"');
    expect(() => mergeEnv('', { PATH: '/bin' })).toThrow(/only VITE_COGNITO_\* keys/);
  });
});

describe('writing the file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wildrydes-env-'));
    file = join(dir, '.env.local');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes atomically through a temp file and leaves no temp file behind', async () => {
    await writeFile(file, 'A=1\n', { mode: 0o600 });
    const opened: string[] = [];
    const renamed: Array<[string, string]> = [];
    const fs: EnvFs = {
      ...defaultEnvFs,
      open: (async (path: string, ...rest: unknown[]) => {
        opened.push(String(path));
        return (defaultEnvFs.open as (...args: unknown[]) => unknown)(path, ...rest);
      }) as EnvFs['open'],
      rename: async (from, to) => {
        renamed.push([String(from), String(to)]);
        return defaultEnvFs.rename(from, to);
      },
    };
    await writeFileAtomic(fs, file, 'A=2\n');
    expect(await readFile(file, 'utf8')).toBe('A=2\n');
    expect(renamed).toHaveLength(1);
    expect(renamed[0]![1]).toBe(file);
    expect(renamed[0]![0]).toMatch(/\/\.\.env\.local\.\d+\.[0-9a-f]+\.tmp$/);
    expect(opened[0]).toBe(renamed[0]![0]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['.env.local']);
  });

  it('leaves the original untouched and removes the temp file when the rename fails', async () => {
    await writeFile(file, 'KEEP=1\nVITE_COGNITO_REGION=eu-west-1\n');
    const fs: EnvFs = {
      ...defaultEnvFs,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    const attempt = updateEnvFile(fs, file, { VITE_COGNITO_REGION: 'us-east-1' });
    await expect(attempt).rejects.toThrow(CliError);
    await expect(attempt).rejects.toThrow(
      `Could not write ${file} (EXDEV: cross-device link not permitted); it was left unchanged.`,
    );
    expect(await readFile(file, 'utf8')).toBe('KEEP=1\nVITE_COGNITO_REGION=eu-west-1\n');
    expect(await readdir(dir)).toEqual(['.env.local']);
  });

  it('leaves no file at all when writing the first version fails midway', async () => {
    const fs: EnvFs = {
      ...defaultEnvFs,
      open: (async (path: string, flags: string, mode: number) => {
        const handle = await defaultEnvFs.open(path, flags, mode);
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: async (data: string) => {
            await handle.writeFile(data.slice(0, 5));
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      }) as EnvFs['open'],
    };
    await expect(updateEnvFile(fs, file, { VITE_COGNITO_REGION: 'us-east-1' })).rejects.toThrow(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not rewrite a file that already holds the values', async () => {
    const content = mergeEnv('A=1\n', { VITE_COGNITO_REGION: 'us-east-1' });
    await writeFile(file, content);
    let opens = 0;
    const fs: EnvFs = {
      ...defaultEnvFs,
      open: ((...args: Parameters<EnvFs['open']>) => {
        opens += 1;
        return defaultEnvFs.open(...args);
      }) as EnvFs['open'],
    };
    const result = await updateEnvFile(fs, file, { VITE_COGNITO_REGION: 'us-east-1' });
    expect(result.changed).toBe(false);
    expect(opens).toBe(0);
  });
});

describe('loadViteEnv', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wildrydes-env-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prefers the environment, then .env.local, then .env, as Vite does', async () => {
    await writeFile(join(dir, '.env'), 'A=from-env-file\nB=from-env-file\nC=from-env-file\n');
    await writeFile(join(dir, '.env.local'), 'A=from-local\nB=from-local\n');
    const loaded = await loadViteEnv(defaultEnvFs, dir, { A: 'from-process', D: '  ' }, ['A', 'B', 'C', 'D']);
    expect(loaded).toEqual({
      A: { value: 'from-process', source: 'environment' },
      B: { value: 'from-local', source: '.env.local' },
      C: { value: 'from-env-file', source: '.env' },
    });
  });

  it('works without any env file', async () => {
    expect(await loadViteEnv(defaultEnvFs, dir, {}, ['A'])).toEqual({});
  });
});
