import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from './store-error.ts';

/**
 * One pool per data directory: a second one would interleave journal writes. Across processes a
 * `pool.lock` file holds the owner's pid (a dead owner's lock is taken over); within a process,
 * a set of the directories already open.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'pool.lock';
const openDirs = new Set<string>();

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  if (openDirs.has(dir)) throw new StoreError(`The data directory ${dir} is already open in this process.`);
  await takeLock(dir);
  openDirs.add(dir);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      openDirs.delete(dir);
      await rm(join(dir, LOCK_FILE), { force: true });
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A killed process whose parent died with it stays a zombie until init reaps it (never, in a
 * container without an init). It holds no files, so its lock is stale. Linux only; elsewhere false.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false;
  }
}

async function takeLock(dir: string): Promise<void> {
  const lock = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new StoreError(
          `The data directory ${dir} is in use by process ${pid}. Stop it, or give this pool another --data-dir (LOCAL_COGNITO_DATA_DIR).`,
        );
      }
      await rm(lock, { force: true }); // stale lock from a process that died
    }
  }
  throw new StoreError(`Could not lock ${dir}.`);
}
