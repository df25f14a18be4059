import { type FileHandle, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../shared/node/durable-file.ts';
import type {
  ClientRecord,
  DeviceRecord,
  LineageRecord,
  MailMessage,
  PoolRecord,
  UserRecord,
  WebAuthnCredentialRecord,
} from './records.ts';
import { StoreError } from './store-error.ts';

/**
 * What makes the pool's state durable: an append-only journal plus periodic snapshots.
 *
 * - Every change is a `put` or `del` of one record, appended to `journal.ndjson` as one line.
 * - `flush()` writes the pending lines and fdatasyncs before it resolves; the HTTP layer awaits it
 *   before answering, so an acknowledged change survives kill -9. Concurrent requests share one
 *   write+sync (group commit).
 * - A torn last line (crash mid-write, never acknowledged) is ignored on load.
 * - Compaction writes `snapshot.json` atomically (shared/node/durable-file.ts) and then empties the
 *   journal; journal lines carry a sequence number so a crash between the two steps is harmless.
 */

export type Collection = 'pools' | 'clients' | 'users' | 'lineages' | 'mail' | 'devices' | 'credentials';

/** Every record, by collection: what a snapshot holds. */
export interface Collections {
  pools: PoolRecord[];
  clients: ClientRecord[];
  users: UserRecord[];
  lineages: LineageRecord[];
  mail: MailMessage[];
  /** Absent in snapshots written before device tracking. */
  devices?: DeviceRecord[];
  /** Passkeys; absent in snapshots written before passwordless sign-in. */
  credentials?: WebAuthnCredentialRecord[];
}

/** The in-memory state the journal makes durable. */
export interface JournalState {
  /** Puts (`v` given) or deletes one record, in memory only. */
  apply(c: Collection, k: string, v: unknown): void;
  /** Loads a snapshot's records, in memory only. */
  restore(records: Collections): void;
  /** The records to write into a snapshot. */
  snapshot(): Collections;
}

interface JournalLine {
  s: number;
  c: Collection;
  k: string;
  v?: unknown;
}

interface Snapshot extends Collections {
  version: 1;
  seq: number;
}

const JOURNAL_FILE = 'journal.ndjson';
const SNAPSHOT_FILE = 'snapshot.json';

export class Journal {
  private pending: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;
  private lines = 0;
  private size = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly file: FileHandle,
    private readonly state: JournalState,
    /** Compact once the journal holds this many lines. */
    private readonly compactAfter: number,
  ) {}

  /**
   * Opens the journal in `dir` (which the caller has locked) and loads the snapshot and the
   * journal into `state`.
   */
  static async open(dir: string, state: JournalState, compactAfter: number): Promise<Journal> {
    await removeStaleSnapshotTemps(dir);
    const file = await open(join(dir, JOURNAL_FILE), 'a+', 0o600);
    const journal = new Journal(dir, file, state, compactAfter);
    try {
      await journal.load();
    } catch (err) {
      await file.close();
      throw err;
    }
    return journal;
  }

  /** Queues one change (already applied in memory); durable after flush(). */
  record(c: Collection, k: string, v: unknown): void {
    if (this.closed) throw new StoreError('The store is closed.');
    const line: JournalLine = v === undefined ? { s: ++this.seq, c, k } : { s: ++this.seq, c, k, v };
    this.pending.push(`${JSON.stringify(line)}\n`);
  }

  /** Resolves once every change recorded so far is on disk (written and fdatasync'ed). */
  flush(): Promise<void> {
    // Waits for an in-flight write too: this caller's changes may be in it.
    const next = this.chain.catch(() => undefined).then(() => this.writePending());
    this.chain = next;
    return next;
  }

  /** Writes a snapshot and empties the journal. */
  async compact(): Promise<void> {
    await this.flush();
    const next = this.chain.catch(() => undefined).then(() => this.writeSnapshot());
    this.chain = next;
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.file.close();
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    const data = Buffer.from(lines.join(''));
    try {
      await this.file.write(data, 0, data.length, null);
      await this.file.datasync();
    } catch (err) {
      // Leave no torn line behind; the lines stay pending so a later flush can retry them.
      await this.file.truncate(this.size).catch(() => undefined);
      this.pending = lines.concat(this.pending);
      throw new StoreError(`Could not write the journal: ${(err as Error).message}`);
    }
    this.size += data.length;
    this.lines += lines.length;
    if (this.lines >= this.compactAfter) await this.writeSnapshot();
  }

  private async writeSnapshot(): Promise<void> {
    const snapshot: Snapshot = { version: 1, seq: this.seq, ...this.state.snapshot() };
    await writeFileDurably(join(this.dir, SNAPSHOT_FILE), JSON.stringify(snapshot), { mode: 0o600 });
    // Lines still pending were made after the snapshot's seq; they stay pending.
    await this.file.truncate(0);
    await this.file.datasync();
    this.lines = 0;
    this.size = 0;
  }

  private async load(): Promise<void> {
    const snapPath = join(this.dir, SNAPSHOT_FILE);
    let snapSeq = 0;
    const snapText = await readFile(snapPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (snapText !== undefined) {
      let snap: Snapshot;
      try {
        snap = JSON.parse(snapText) as Snapshot;
      } catch {
        throw new StoreError(`${snapPath} is not valid JSON; refusing to start rather than lose data.`);
      }
      if (!isSnapshot(snap)) {
        throw new StoreError(`${snapPath} is not a version 1 snapshot; refusing to start rather than lose data.`);
      }
      snapSeq = snap.seq;
      this.state.restore(snap);
    }
    const text = (await this.file.readFile()).toString('utf8');
    const lines = text.split('\n');
    let seq = snapSeq;
    let goodBytes = 0;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] as string;
      const isLast = i === lines.length - 1;
      if (raw === '') {
        if (!isLast) goodBytes += 1;
        continue;
      }
      let line: JournalLine;
      try {
        line = JSON.parse(raw) as JournalLine;
      } catch {
        const tail = lines
          .slice(i + 1)
          .join('\n')
          .trim();
        if (tail === '') break; // torn final write: never acknowledged, drop it
        throw new StoreError(`${JOURNAL_FILE} line ${i + 1} is corrupt; refusing to start rather than lose data.`);
      }
      if (isLast) break; // a complete JSON object without its newline was still not acknowledged
      goodBytes += Buffer.byteLength(raw) + 1;
      if (line.s <= snapSeq) continue;
      this.state.apply(line.c, line.k, line.v);
      seq = Math.max(seq, line.s);
      this.lines++;
    }
    this.seq = seq;
    if (goodBytes !== Buffer.byteLength(text)) await this.file.truncate(goodBytes);
    this.size = goodBytes;
  }
}

/**
 * A crash during compaction leaves the durable-file helper's temp file (`.snapshot.json.<pid>.<hex>.tmp`)
 * beside the snapshot, which it never replaced. The directory is locked, so no writer owns one now.
 */
async function removeStaleSnapshotTemps(dir: string): Promise<void> {
  const stale = /^\.snapshot\.json\.\d+\.[0-9a-f]+\.tmp$/;
  for (const name of await readdir(dir)) {
    if (stale.test(name)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

function isSnapshot(v: unknown): v is Snapshot {
  const s = v as Partial<Snapshot> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    !Array.isArray(s) &&
    s.version === 1 &&
    Number.isInteger(s.seq) &&
    [s.pools, s.clients, s.users, s.lineages, s.mail].every(Array.isArray) &&
    (s.devices === undefined || Array.isArray(s.devices)) &&
    (s.credentials === undefined || Array.isArray(s.credentials))
  );
}
