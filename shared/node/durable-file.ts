// Replacing a file so that a crash or a full disk never leaves half of it: the content goes to a
// temp file beside the target (same directory, so the rename cannot cross filesystems), is
// fsync'ed, renamed over the target (atomic on POSIX), and the directory is fsync'ed so the
// rename itself survives a power cut. The one place under shared/ that uses node: (the rest is
// platform-free); the local pool's snapshots and signing keys and the CLIs' env file use it.
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The part of node:fs/promises used here; tests inject failing versions. `link` only for `ifAbsent`. */
export type DurableFs = Pick<typeof fsPromises, 'open' | 'rename' | 'unlink'> &
  Partial<Pick<typeof fsPromises, 'link'>>;

export interface DurableWriteOptions {
  /** Permission bits of the new file (default 0600: these files hold state and secrets). */
  mode?: number;
  /**
   * Publish only if there is no file yet: a hard link fails instead of replacing, so when two
   * writers race, the first file stays and the others learn it ('exists').
   */
  ifAbsent?: boolean;
  fs?: DurableFs;
}

const isErrno = (err: unknown, code: string): boolean => (err as NodeJS.ErrnoException | null)?.code === code;

/**
 * Writes `content` to `path` durably. 'exists' only with `ifAbsent`, when another file was there
 * first (it is left as it is). On any failure the temp file is removed and the target untouched.
 */
export async function writeFileDurably(
  path: string,
  content: string,
  options: DurableWriteOptions = {},
): Promise<'written' | 'exists'> {
  const fs = options.fs ?? fsPromises;
  const dir = dirname(path);
  // A unique name: a concurrent writer, or a temp file left by a crash, is never reused.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fsPromises.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', options.mode ?? 0o600);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.ifAbsent && (await publishIfAbsent(fs, temp, path)) === 'exists') return 'exists';
    if (!options.ifAbsent) await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dir);
  return 'written';
}

/** link() publishes the complete file and fails with EEXIST if one is there; the temp name then goes. */
async function publishIfAbsent(fs: DurableFs, temp: string, path: string): Promise<'written' | 'exists'> {
  try {
    await (fs.link ?? fsPromises.link)(temp, path);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      await fs.unlink(temp);
      return 'exists';
    }
    // Filesystems without hard links: rename is still atomic, but the last writer wins.
    await fs.rename(temp, path);
    return 'written';
  }
  await fs.unlink(temp);
  return 'written';
}

async function syncDirectory(fs: DurableFs, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Some platforms and filesystems cannot fsync a directory; the rename is still atomic.
  }
}
