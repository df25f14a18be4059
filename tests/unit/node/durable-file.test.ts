// shared/node/durable-file.ts: the one durable file write (the local pool's snapshots and signing
// keys, the CLIs' env file). Failures are injected through its fs parameter.
import * as fsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DurableFs, writeFileDurably } from '../../../shared/node/durable-file.ts';

const errno = (code: string): Error => Object.assign(new Error(`${code}: injected`), { code });

describe('writeFileDurably', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wildrydes-durable-'));
    file = join(dir, 'state.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replaces the file through a temp file beside it, mode 0600 unless told, and leaves no temp file', async () => {
    await writeFile(file, 'old');
    expect(await writeFileDurably(file, 'new')).toBe('written');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);

    await writeFileDurably(file, 'newer', { mode: 0o644 });
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it('with ifAbsent, keeps a file that is already there and says so', async () => {
    expect(await writeFileDurably(file, 'first', { ifAbsent: true })).toBe('written');
    expect(await writeFileDurably(file, 'second', { ifAbsent: true })).toBe('exists');
    expect(await readFile(file, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('with ifAbsent on a filesystem without hard links, publishes by rename', async () => {
    const fs: DurableFs = { ...fsPromises, link: async () => Promise.reject(errno('EPERM')) };
    expect(await writeFileDurably(file, 'only', { ifAbsent: true, fs })).toBe('written');
    expect(await readFile(file, 'utf8')).toBe('only');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('leaves the target untouched and removes the temp file when the rename fails', async () => {
    await writeFile(file, 'keep');
    const fs: DurableFs = { ...fsPromises, rename: async () => Promise.reject(errno('EXDEV')) };
    await expect(writeFileDurably(file, 'lost', { fs })).rejects.toThrow(/EXDEV/);
    expect(await readFile(file, 'utf8')).toBe('keep');
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('leaves no file at all when the data cannot be synced to disk', async () => {
    const fs: DurableFs = {
      ...fsPromises,
      open: (async (...args: Parameters<typeof fsPromises.open>) => {
        const handle = await fsPromises.open(...args);
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: (data: string) => handle.writeFile(data),
          sync: async () => Promise.reject(errno('EIO')),
          close: () => handle.close(),
        });
      }) as DurableFs['open'],
    };
    await expect(writeFileDurably(file, 'unsynced', { fs })).rejects.toThrow(/EIO/);
    expect(await readdir(dir)).toEqual([]);
  });
});
