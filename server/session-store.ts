import { createHash } from "node:crypto";
import session from "express-session";
import type { SessionKind } from "@prisma/client";
import type { Database } from "../core/db/database.js";

export interface SessionOwner {
  userId?: number;
  passholderId?: string;
}

type Callback = (error?: unknown) => void;

// Touching rewrites expiresAt at most once per this share of the session's lifetime (and once a minute), not on
// every request: a session may end that much before its cookie says, a quarter of an hour early for a day's.
const TOUCH_SHARE = 0.01;
const MIN_TOUCH_GRANULARITY_MS = 60_000;
// Bounds the read expiries kept for requests that never end in touch or set (e.g. aborted ones).
const MAX_PENDING_READS = 10_000;

/**
 * express-session store over the Session table, so any number of app instances share sessions and a restart
 * logs nobody out. Rows are keyed by a hash of the session id: a leaked table holds no usable cookie values.
 */
export class DatabaseSessionStore extends session.Store {
  // The expiry each session had when its request read it: touch() then knows without a query whether it must write.
  private readonly readExpiries = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly kind: SessionKind,
    private readonly ownerOf: (data: session.SessionData) => SessionOwner = () => ({}),
  ) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.read(sid).then((data) => callback(null, data), (error) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.readExpiries.delete(rowId(sid));
    settle(this.write(sid, data), callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.readExpiries.delete(rowId(sid));
    settle(this.db.prisma.session.deleteMany({ where: { id: rowId(sid), kind: this.kind } }), callback);
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const expiresAt = expiryOf(data);
    const id = rowId(sid);
    const readExpiry = this.readExpiries.get(id);
    this.readExpiries.delete(id);
    const granularity = Math.max(MIN_TOUCH_GRANULARITY_MS, (data.cookie?.originalMaxAge ?? 0) * TOUCH_SHARE);
    if (readExpiry !== undefined && expiresAt.getTime() - readExpiry < granularity) {
      callback?.();
      return;
    }
    // Moments as UTC text, so no driver reads the zone-less column in its own zone; an ended session stays ended.
    const work = this.db.query(
      `UPDATE "Session" SET "expiresAt" = $3::timestamptz AT TIME ZONE 'UTC'
      WHERE "id" = $1 AND "kind" = $2::"SessionKind" AND "expiresAt" > (now() AT TIME ZONE 'UTC')
        AND "expiresAt" < ($3::timestamptz AT TIME ZONE 'UTC') - make_interval(secs => $4)`,
      [id, this.kind, expiresAt.toISOString(), granularity / 1000],
    );
    settle(work, callback);
  }

  /** Deletes expired sessions of this kind; returns how many. */
  async prune(now = new Date()): Promise<number> {
    return (await this.db.prisma.session.deleteMany({ where: { kind: this.kind, expiresAt: { lte: now } } })).count;
  }

  private async read(sid: string): Promise<session.SessionData | null> {
    const id = rowId(sid);
    // Every request reads its session: a plain statement, the expiry as epoch milliseconds so that no driver
    // reads the zone-less column in its own time zone.
    const [row] = await this.db.query<{ kind: SessionKind; data: session.SessionData; expiresAtMs: number }>(
      `SELECT "kind"::text AS "kind", "data", (extract(epoch FROM "expiresAt") * 1000)::float8 AS "expiresAtMs" FROM "Session" WHERE "id" = $1`,
      [id],
    );
    if (!row || row.kind !== this.kind) return null;
    if (row.expiresAtMs <= Date.now()) {
      await this.db.prisma.session.deleteMany({ where: { id } });
      return null;
    }
    if (this.readExpiries.size >= MAX_PENDING_READS) this.readExpiries.clear();
    this.readExpiries.set(id, row.expiresAtMs);
    return row.data;
  }

  private async write(sid: string, data: session.SessionData): Promise<void> {
    const id = rowId(sid);
    const json = JSON.parse(JSON.stringify(data)) as object;
    const owner = this.ownerOf(data);
    const fields = { data: json, expiresAt: expiryOf(data), userId: owner.userId ?? null, passholderId: owner.passholderId ?? null };
    await this.db.prisma.session.upsert({ where: { id }, create: { id, kind: this.kind, ...fields }, update: fields });
  }
}

export function rowId(sid: string): string {
  return createHash("sha256").update(sid).digest("base64url");
}

function expiryOf(data: session.SessionData): Date {
  const expires = data.cookie?.expires;
  // A cookie without maxAge lives as long as the browser; keep its row for a day at most.
  return expires ? new Date(expires) : new Date(Date.now() + 24 * 60 * 60_000);
}

function settle(work: Promise<unknown>, callback?: Callback): void {
  work.then(() => callback?.(), (error) => (callback ? callback(error) : undefined));
}
