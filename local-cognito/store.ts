import { mkdirSync, readFileSync } from 'node:fs';
import { type FileHandle, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientRecord, LineageRecord, MailMessage, PoolRecord, UserRecord } from './records.ts';

/**
 * The pool's state, in memory, made durable by an append-only journal plus periodic snapshots.
 *
 * - Every change is a `put` or `del` of one record, appended to `journal.ndjson` as one line.
 * - `flush()` writes the pending lines and fdatasyncs before it resolves; the HTTP layer awaits it
 *   before answering, so an acknowledged change survives kill -9. Concurrent requests share one
 *   write+sync (group commit).
 * - A torn last line (crash mid-write, never acknowledged) is ignored on load.
 * - Compaction writes `snapshot.json` atomically (temp file, fsync, rename) and then empties the
 *   journal; journal lines carry a sequence number so a crash between the two steps is harmless.
 */

type Collection = 'pools' | 'clients' | 'users' | 'lineages' | 'mail';
interface JournalLine {
  s: number;
  c: Collection;
  k: string;
  v?: unknown;
}
interface Snapshot {
  version: 1;
  seq: number;
  pools: PoolRecord[];
  clients: ClientRecord[];
  users: UserRecord[];
  lineages: LineageRecord[];
  mail: MailMessage[];
}

export class StoreError extends Error {}

const openDirs = new Set<string>();
const MAIL_KEPT = 1000;

export interface StoreOptions {
  /** Compact once the journal holds this many lines. */
  compactAfter?: number;
  /** Lineages whose refresh token expired before this (ms) are dropped at compaction. */
  now?: () => number;
}

export const userKey = (poolId: string, username: string): string => `${poolId}|${username}`;

export class Store {
  private readonly pools = new Map<string, PoolRecord>();
  private readonly clients = new Map<string, ClientRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly lineages = new Map<string, LineageRecord>();
  private readonly mailbox = new Map<string, MailMessage>();
  // Derived indexes, rebuilt on load.
  private readonly byEmail = new Map<string, string>();
  private readonly bySub = new Map<string, string>();
  private readonly byRefresh = new Map<string, string>();
  private readonly userLineages = new Map<string, Set<string>>();

  private pending: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;
  private journalLines = 0;
  private journalSize = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private journal: FileHandle,
    private readonly opts: Required<StoreOptions>,
  ) {}

  static async open(dir: string, options: StoreOptions = {}): Promise<Store> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (openDirs.has(dir)) throw new StoreError(`The data directory ${dir} is already open in this process.`);
    await takeLock(dir);
    openDirs.add(dir);
    try {
      const journalPath = join(dir, 'journal.ndjson');
      const journal = await open(journalPath, 'a+', 0o600);
      const store = new Store(dir, journal, {
        compactAfter: options.compactAfter ?? 20_000,
        now: options.now ?? Date.now,
      });
      await store.load();
      return store;
    } catch (err) {
      openDirs.delete(dir);
      await rm(join(dir, 'pool.lock'), { force: true });
      throw err;
    }
  }

  // ---- reads ------------------------------------------------------------------------------

  pool(id: string): PoolRecord | undefined {
    return this.pools.get(id);
  }
  listPools(): PoolRecord[] {
    return [...this.pools.values()];
  }
  client(id: string): ClientRecord | undefined {
    return this.clients.get(id);
  }
  listClients(poolId: string): ClientRecord[] {
    return [...this.clients.values()].filter((c) => c.poolId === poolId);
  }
  user(poolId: string, username: string): UserRecord | undefined {
    return this.users.get(userKey(poolId, username));
  }
  userByEmail(poolId: string, emailKey: string): UserRecord | undefined {
    const key = this.byEmail.get(`${poolId}|${emailKey}`);
    return key === undefined ? undefined : this.users.get(key);
  }
  userBySub(poolId: string, sub: string): UserRecord | undefined {
    const key = this.bySub.get(`${poolId}|${sub}`);
    return key === undefined ? undefined : this.users.get(key);
  }
  /** Users of a pool in creation order (stable for pagination). */
  listUsers(poolId: string): UserRecord[] {
    return [...this.users.values()].filter((u) => u.poolId === poolId);
  }
  countUsers(): number {
    return this.users.size;
  }
  lineage(originJti: string): LineageRecord | undefined {
    return this.lineages.get(originJti);
  }
  lineageByRefreshHash(hash: string): LineageRecord | undefined {
    const id = this.byRefresh.get(hash);
    return id === undefined ? undefined : this.lineages.get(id);
  }
  lineagesOf(user: UserRecord): LineageRecord[] {
    const ids = this.userLineages.get(userKey(user.poolId, user.username));
    return ids ? [...ids].map((id) => this.lineages.get(id)).filter((l): l is LineageRecord => !!l) : [];
  }
  /** Newest first. */
  mail(to?: string): MailMessage[] {
    const all = [...this.mailbox.values()].reverse();
    return to === undefined ? all : all.filter((m) => m.to.toLowerCase() === to.toLowerCase());
  }

  // ---- writes: in memory at once, durable after flush() -----------------------------------

  putPool(p: PoolRecord): void {
    this.apply('pools', p.id, p);
  }
  putClient(c: ClientRecord): void {
    this.apply('clients', c.clientId, c);
  }
  putUser(u: UserRecord): void {
    this.apply('users', userKey(u.poolId, u.username), u);
  }
  deleteUser(u: UserRecord): void {
    for (const l of this.lineagesOf(u)) this.apply('lineages', l.originJti, undefined);
    this.apply('users', userKey(u.poolId, u.username), undefined);
  }
  putLineage(l: LineageRecord): void {
    this.apply('lineages', l.originJti, l);
  }
  addMail(m: MailMessage): void {
    this.apply('mail', m.id, m);
    while (this.mailbox.size > MAIL_KEPT) {
      const oldest = this.mailbox.keys().next().value as string;
      this.apply('mail', oldest, undefined);
    }
  }

  /** Resolves once every change made so far is on disk (written and fdatasync'ed). */
  flush(): Promise<void> {
    // Waits for an in-flight write too: this caller's changes may be in it.
    const next = this.chain.catch(() => undefined).then(() => this.writePending());
    this.chain = next;
    return next;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.journal.close();
    openDirs.delete(this.dir);
    await rm(join(this.dir, 'pool.lock'), { force: true });
  }

  /** Writes a snapshot and empties the journal. Called automatically; public for tests. */
  async compact(): Promise<void> {
    await this.flush();
    const next = this.chain.catch(() => undefined).then(() => this.writeSnapshot());
    this.chain = next;
    return next;
  }

  // ---- internals --------------------------------------------------------------------------

  private apply(c: Collection, k: string, v: unknown): void {
    if (this.closed) throw new StoreError('The store is closed.');
    this.applyInMemory(c, k, v);
    const line: JournalLine = v === undefined ? { s: ++this.seq, c, k } : { s: ++this.seq, c, k, v };
    this.pending.push(JSON.stringify(line) + '\n');
  }

  private applyInMemory(c: Collection, k: string, v: unknown): void {
    switch (c) {
      case 'pools':
        setOrDelete(this.pools, k, v as PoolRecord | undefined);
        break;
      case 'clients':
        setOrDelete(this.clients, k, v as ClientRecord | undefined);
        break;
      case 'users': {
        const before = this.users.get(k);
        if (before) {
          this.byEmail.delete(emailIndexKey(before, this.pools.get(before.poolId)));
          this.bySub.delete(`${before.poolId}|${before.sub}`);
        }
        const after = v as UserRecord | undefined;
        setOrDelete(this.users, k, after);
        if (after) {
          const ek = emailIndexKey(after, this.pools.get(after.poolId));
          if (ek) this.byEmail.set(ek, k);
          this.bySub.set(`${after.poolId}|${after.sub}`, k);
        } else {
          this.userLineages.delete(k);
        }
        break;
      }
      case 'lineages': {
        const before = this.lineages.get(k);
        if (before) {
          this.byRefresh.delete(before.refreshHash);
          if (before.previousRefreshHash) this.byRefresh.delete(before.previousRefreshHash);
          this.userLineages.get(userKey(before.poolId, before.username))?.delete(k);
        }
        const after = v as LineageRecord | undefined;
        setOrDelete(this.lineages, k, after);
        if (after) {
          this.byRefresh.set(after.refreshHash, k);
          if (after.previousRefreshHash) this.byRefresh.set(after.previousRefreshHash, k);
          const uk = userKey(after.poolId, after.username);
          let set = this.userLineages.get(uk);
          if (!set) this.userLineages.set(uk, (set = new Set()));
          set.add(k);
        }
        break;
      }
      case 'mail':
        setOrDelete(this.mailbox, k, v as MailMessage | undefined);
        break;
    }
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    const data = Buffer.from(lines.join(''));
    try {
      await this.journal.write(data, 0, data.length, null);
      await this.journal.datasync();
    } catch (err) {
      // Leave no torn line behind; the lines stay pending so a later flush can retry them.
      await this.journal.truncate(this.journalSize).catch(() => undefined);
      this.pending = lines.concat(this.pending);
      throw new StoreError(`Could not write the journal: ${(err as Error).message}`);
    }
    this.journalSize += data.length;
    this.journalLines += lines.length;
    if (this.journalLines >= this.opts.compactAfter) await this.writeSnapshot();
  }

  private async writeSnapshot(): Promise<void> {
    const now = this.opts.now();
    for (const l of [...this.lineages.values()]) {
      if (l.refreshExpiresAt < now) this.applyInMemory('lineages', l.originJti, undefined);
    }
    const snapshot: Snapshot = {
      version: 1,
      seq: this.seq,
      pools: [...this.pools.values()],
      clients: [...this.clients.values()],
      users: [...this.users.values()],
      lineages: [...this.lineages.values()],
      mail: [...this.mailbox.values()],
    };
    const path = join(this.dir, 'snapshot.json');
    const tmp = `${path}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(snapshot));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    await syncDir(this.dir);
    // Lines still pending were made after the snapshot's seq; they stay pending.
    await this.journal.truncate(0);
    await this.journal.datasync();
    this.journalLines = 0;
    this.journalSize = 0;
  }

  private async load(): Promise<void> {
    const snapPath = join(this.dir, 'snapshot.json');
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
      for (const p of snap.pools) this.applyInMemory('pools', p.id, p);
      for (const c of snap.clients) this.applyInMemory('clients', c.clientId, c);
      for (const u of snap.users) this.applyInMemory('users', userKey(u.poolId, u.username), u);
      for (const l of snap.lineages) this.applyInMemory('lineages', l.originJti, l);
      for (const m of snap.mail) this.applyInMemory('mail', m.id, m);
    }
    const text = (await this.journal.readFile()).toString('utf8');
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
        const tail = lines.slice(i + 1).join('\n').trim();
        if (tail === '') break; // torn final write: never acknowledged, drop it
        throw new StoreError(`journal.ndjson line ${i + 1} is corrupt; refusing to start rather than lose data.`);
      }
      if (isLast) break; // a complete JSON object without its newline was still not acknowledged
      goodBytes += Buffer.byteLength(raw) + 1;
      if (line.s <= snapSeq) continue;
      this.applyInMemory(line.c, line.k, line.v);
      seq = Math.max(seq, line.s);
      this.journalLines++;
    }
    this.seq = seq;
    if (goodBytes !== Buffer.byteLength(text)) await this.journal.truncate(goodBytes);
    this.journalSize = goodBytes;
  }
}

function isSnapshot(v: unknown): v is Snapshot {
  const s = v as Partial<Snapshot> | null;
  return (
    typeof s === 'object' && s !== null && !Array.isArray(s) && s.version === 1 && Number.isInteger(s.seq) &&
    [s.pools, s.clients, s.users, s.lineages, s.mail].every(Array.isArray)
  );
}

function setOrDelete<T>(map: Map<string, T>, k: string, v: T | undefined): void {
  if (v === undefined) map.delete(k);
  else {
    map.delete(k); // re-insert so iteration order = last write (keeps mail newest last)
    map.set(k, v);
  }
}

/** Email index key: lowercase unless the pool is case-sensitive. */
function emailIndexKey(u: UserRecord, pool: PoolRecord | undefined): string {
  const email = u.attributes.email;
  if (!email) return '';
  return `${u.poolId}|${pool && pool.caseSensitive ? email : email.toLowerCase()}`;
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close();
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

/** One process per data directory: a second one would interleave journal writes. */
async function takeLock(dir: string): Promise<void> {
  const lock = join(dir, 'pool.lock');
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
