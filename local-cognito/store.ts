import { mkdirSync } from 'node:fs';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { type Collection, type Collections, Journal } from './journal.ts';
import type {
  ClientRecord,
  DeviceRecord,
  LineageRecord,
  MailMessage,
  PoolRecord,
  UserRecord,
  WebAuthnCredentialRecord,
} from './records.ts';

/**
 * The pool's state in memory: its records and the indexes over them, changed only through
 * `put*`/`delete*` so that every change also goes to the journal (journal.ts), which makes it
 * durable. One store per data directory (data-dir-lock.ts).
 */

const MAIL_KEPT = 1000;

export interface StoreOptions {
  /**
   * How the pool keys an email (its domain rule: case-sensitive pools keep case). The index is
   * built with it and `userByEmail` looks up with it, so the two cannot disagree.
   */
  emailKey: (pool: PoolRecord | undefined, email: string) => string;
  /** Compact once the journal holds this many lines. */
  compactAfter?: number;
  /** Lineages whose refresh token expired before this (ms) are dropped at compaction. */
  now?: () => number;
}

const userKey = (poolId: string, username: string): string => `${poolId}|${username}`;
const credentialKey = (poolId: string, credentialId: string): string => `${poolId}|${credentialId}`;

export class Store {
  private readonly pools = new Map<string, PoolRecord>();
  private readonly clients = new Map<string, ClientRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly lineages = new Map<string, LineageRecord>();
  private readonly mailbox = new Map<string, MailMessage>();
  private readonly devices = new Map<string, DeviceRecord>();
  /** Passkeys by pool and credential ID (a credential ID is registered once per pool). */
  private readonly credentials = new Map<string, WebAuthnCredentialRecord>();
  // Derived indexes, rebuilt on load.
  private readonly byEmail = new Map<string, string>();
  private readonly byRefresh = new Map<string, string>();
  private readonly userLineages = new Map<string, Set<string>>();
  private readonly userDevices = new Map<string, Set<string>>();
  private readonly userCredentials = new Map<string, Set<string>>();

  // Both set by open() before the store is handed out: the journal needs the store to load into.
  private journal!: Journal;
  private lock!: DataDirLock;

  private constructor(private readonly opts: Required<StoreOptions>) {}

  static async open(dir: string, options: StoreOptions): Promise<Store> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const store = new Store({
      emailKey: options.emailKey,
      compactAfter: options.compactAfter ?? 20_000,
      now: options.now ?? Date.now,
    });
    store.lock = await lockDataDir(dir);
    try {
      store.journal = await Journal.open(
        dir,
        {
          apply: (c, k, v) => store.applyInMemory(c, k, v),
          restore: (records) => store.restore(records),
          snapshot: () => store.snapshot(),
        },
        store.opts.compactAfter,
      );
    } catch (err) {
      await store.lock.release();
      throw err;
    }
    return store;
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
  userByEmail(poolId: string, email: string): UserRecord | undefined {
    const key = this.byEmail.get(`${poolId}|${this.opts.emailKey(this.pools.get(poolId), email)}`);
    return key === undefined ? undefined : this.users.get(key);
  }
  /** Users of a pool in creation order (stable for pagination). */
  listUsers(poolId: string): UserRecord[] {
    return [...this.users.values()].filter((u) => u.poolId === poolId);
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
  device(deviceKey: string): DeviceRecord | undefined {
    return this.devices.get(deviceKey);
  }
  /** A user's devices in the order they were confirmed. */
  devicesOf(user: UserRecord): DeviceRecord[] {
    const keys = this.userDevices.get(userKey(user.poolId, user.username));
    return keys ? [...keys].map((k) => this.devices.get(k)).filter((d): d is DeviceRecord => !!d) : [];
  }
  credential(poolId: string, credentialId: string): WebAuthnCredentialRecord | undefined {
    return this.credentials.get(credentialKey(poolId, credentialId));
  }
  /** A user's passkeys in registration order. */
  credentialsOf(user: UserRecord): WebAuthnCredentialRecord[] {
    const ids = this.userCredentials.get(userKey(user.poolId, user.username));
    return ids ? [...ids].map((id) => this.credentials.get(id)).filter((c): c is WebAuthnCredentialRecord => !!c) : [];
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
    for (const d of this.devicesOf(u)) this.apply('devices', d.deviceKey, undefined);
    for (const c of this.credentialsOf(u)) this.deleteCredential(c);
    this.apply('users', userKey(u.poolId, u.username), undefined);
  }
  putLineage(l: LineageRecord): void {
    this.apply('lineages', l.originJti, l);
  }
  putDevice(d: DeviceRecord): void {
    this.apply('devices', d.deviceKey, d);
  }
  deleteDevice(d: DeviceRecord): void {
    this.apply('devices', d.deviceKey, undefined);
  }
  putCredential(c: WebAuthnCredentialRecord): void {
    this.apply('credentials', credentialKey(c.poolId, c.credentialId), c);
  }
  deleteCredential(c: WebAuthnCredentialRecord): void {
    this.apply('credentials', credentialKey(c.poolId, c.credentialId), undefined);
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
    return this.journal.flush();
  }

  async close(): Promise<void> {
    await this.journal.close();
    await this.lock.release();
  }

  /** Writes a snapshot and empties the journal. Called automatically; public for tests. */
  compact(): Promise<void> {
    return this.journal.compact();
  }

  // ---- internals --------------------------------------------------------------------------

  private apply(c: Collection, k: string, v: unknown): void {
    this.journal.record(c, k, v);
    this.applyInMemory(c, k, v);
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
        if (before) this.byEmail.delete(this.emailIndexKey(before));
        const after = v as UserRecord | undefined;
        setOrDelete(this.users, k, after);
        if (after) {
          const ek = this.emailIndexKey(after);
          if (ek) this.byEmail.set(ek, k);
        } else {
          this.userLineages.delete(k);
          this.userDevices.delete(k);
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
          if (!set) {
            set = new Set();
            this.userLineages.set(uk, set);
          }
          set.add(k);
        }
        break;
      }
      case 'mail':
        setOrDelete(this.mailbox, k, v as MailMessage | undefined);
        break;
      case 'devices': {
        const before = this.devices.get(k);
        const after = v as DeviceRecord | undefined;
        // Updates keep their place (confirmation order), unlike setOrDelete's re-insert.
        if (after) this.devices.set(k, after);
        else this.devices.delete(k);
        reindexByUser(this.userDevices, k, before, after);
        break;
      }
      case 'credentials': {
        const before = this.credentials.get(k);
        const after = v as WebAuthnCredentialRecord | undefined;
        setOrDelete(this.credentials, k, after);
        reindexByUser(this.userCredentials, k, before, after);
        break;
      }
    }
  }

  private restore(records: Collections): void {
    for (const p of records.pools) this.applyInMemory('pools', p.id, p);
    for (const c of records.clients) this.applyInMemory('clients', c.clientId, c);
    for (const u of records.users) this.applyInMemory('users', userKey(u.poolId, u.username), u);
    for (const l of records.lineages) this.applyInMemory('lineages', l.originJti, l);
    for (const m of records.mail) this.applyInMemory('mail', m.id, m);
    for (const d of records.devices ?? []) this.applyInMemory('devices', d.deviceKey, d);
    for (const c of records.credentials ?? [])
      this.applyInMemory('credentials', credentialKey(c.poolId, c.credentialId), c);
  }

  /** Everything, minus lineages whose refresh token has expired (dropped in memory too). */
  private snapshot(): Collections {
    const now = this.opts.now();
    for (const l of [...this.lineages.values()]) {
      if (l.refreshExpiresAt < now) this.applyInMemory('lineages', l.originJti, undefined);
    }
    return {
      pools: [...this.pools.values()],
      clients: [...this.clients.values()],
      users: [...this.users.values()],
      lineages: [...this.lineages.values()],
      mail: [...this.mailbox.values()],
      devices: [...this.devices.values()],
      credentials: [...this.credentials.values()],
    };
  }

  /** Email index key: the pool's own email key, scoped to the pool; '' for a user without email. */
  private emailIndexKey(u: UserRecord): string {
    const email = u.attributes.email;
    return email ? `${u.poolId}|${this.opts.emailKey(this.pools.get(u.poolId), email)}` : '';
  }
}

function setOrDelete<T>(map: Map<string, T>, k: string, v: T | undefined): void {
  if (v === undefined) map.delete(k);
  else {
    map.delete(k); // re-insert so iteration order = last write (keeps mail newest last)
    map.set(k, v);
  }
}

/** Keeps a per-user index of record keys (a user's devices, passkeys) in step with one put or delete. */
function reindexByUser(
  index: Map<string, Set<string>>,
  k: string,
  before: { poolId: string; username: string } | undefined,
  after: { poolId: string; username: string } | undefined,
): void {
  if (before) index.get(userKey(before.poolId, before.username))?.delete(k);
  if (!after) return;
  const uk = userKey(after.poolId, after.username);
  let set = index.get(uk);
  if (!set) {
    set = new Set();
    index.set(uk, set);
  }
  set.add(k);
}
