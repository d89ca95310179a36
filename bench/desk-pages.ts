import type { Counter, Event } from "@prisma/client";
import { recordAudit } from "../core/audit/record-audit.js";
import type { Database } from "../core/db/database.js";
import { counterEvents } from "../core/desk/counter-events.js";
import { get, send, type Browser } from "../tests/server/http.js";
import { BENCH_ACTOR, benchAccount } from "./accounts.js";
import { measure, type Timing, type TimingOptions } from "./measure.js";

/** For now the portal's target (issue 14 sets the desk's own): a desk page takes at most this many times a static file (p50). */
export const DESK_TARGET_RATIO = 2;

const EMAIL = "bench.balie@uitpas-bench.test";
/** Made only when no check-in counter of the municipality has an activity open now. */
const BENCH_EVENT_CDBID = "bench-balie-vrije-inloop";
const HOUR = 3_600_000;

export interface DeskResult {
  counter: { id: number; name: string };
  event: { id: string; name: string; createdByBench: boolean };
  /** Type a card number and Enter: POST /balie and the passholder page it redirects to. */
  lookup: Timing;
  /** The passholder page alone (GET), the page both land on: what the redirect costs on top. */
  panel: Timing;
  /** "Punt sparen": the POST on the passholder page and the page it lands on, a fresh passholder each time. */
  save: Timing;
  staticFile: { path: string; timing: Timing };
  /** p50 over the static file's p50. */
  ratios: { lookup: number; save: number };
}

export interface DeskBrowser {
  base: string;
  browser: Browser;
  csrf: string;
}

/** A counter of the municipality with check-in & ticket and an activity open now (one is made if none has). */
export async function counterWithOpenEvent(db: Database, municipalityId: number): Promise<{ counter: Counter; event: Event; createdByBench: boolean }> {
  const counters = await db.prisma.counter.findMany({ where: { municipalityId, permissionGroups: { has: "CHECKIN_TICKET" } }, orderBy: { id: "asc" } });
  if (counters.length === 0) throw new Error("the municipality has no counter with check-in & ticket");
  for (const counter of counters) {
    const [event] = (await counterEvents(db.prisma, { actor: BENCH_ACTOR, counterId: counter.id })).openNow;
    if (event) return { counter, event, createdByBench: false };
  }
  const counter = counters[0]!;
  const now = Date.now();
  const window = { startsAt: new Date(now - HOUR), endsAt: new Date(now + 24 * HOUR) };
  const event = await db.prisma.event.upsert({
    where: { cdbid: BENCH_EVENT_CDBID },
    update: { ...window, organiserCounterId: counter.id, municipalityId: counter.municipalityId, cancelled: false },
    create: {
      ...window,
      cdbid: BENCH_EVENT_CDBID,
      name: `Benchmark: vrije inloop ${counter.name}`,
      cardSystemId: counter.cardSystemId,
      organiserCounterId: counter.id,
      municipalityId: counter.municipalityId,
      points: 1,
    },
  });
  return { counter, event, createdByBench: true };
}

/** The bench's counter-staff account, linked to this counter only. */
export async function benchStaff(db: Database, counter: Counter, municipality: string): Promise<{ email: string; password: string }> {
  const { userId, password } = await benchAccount(db.prisma, EMAIL, "COUNTER_STAFF", municipality);
  await db.prisma.$transaction(async (tx) => {
    await tx.counterStaff.deleteMany({ where: { userId, counterId: { not: counter.id } } });
    const linked = await tx.counterStaff.findUnique({ where: { counterId_userId: { counterId: counter.id, userId } } });
    if (linked) return;
    await tx.counterStaff.create({ data: { counterId: counter.id, userId } });
    await recordAudit(tx, { actor: BENCH_ACTOR, action: "counterStaff.create", resource: "CounterStaff", recordId: `${counter.id},${userId}`, changes: { counterId: counter.id, userId } });
  });
  return { email: EMAIL, password };
}

function csrfOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no csrf field on the desk page");
  return token;
}

/** A desk form as the browser posts it: the page's token and the browser's own Origin. */
function post(desk: DeskBrowser, path: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({ ...fields, csrf: desk.csrf }).toString();
  return send(desk.base, path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: desk.base }, body }, desk.browser);
}

/** A post answered by a redirect, then the page it points to read to its last byte, as a browser does. */
async function postAndLand(desk: DeskBrowser, path: string, fields: Record<string, string>): Promise<string> {
  const answer = await post(desk, path, fields);
  await answer.arrayBuffer();
  const location = answer.headers.get("location");
  if (answer.status !== 303 || !location) throw new Error(`POST ${path} answered ${answer.status}`);
  const page = await get(desk.base, location, desk.browser);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`${location} answered ${page.status}`);
  return html;
}

/** Signs in at /balie/aanmelden and chooses the counter at /balie/balies, as the staff member does. */
export async function signInAtCounter(base: string, account: { email: string; password: string }, counterId: number): Promise<DeskBrowser> {
  const desk: DeskBrowser = { base, browser: {}, csrf: "" };
  desk.csrf = csrfOf(await (await get(base, "/balie/aanmelden", desk.browser)).text());
  const signedIn = await post(desk, "/balie/aanmelden", account);
  if (signedIn.status !== 303 || signedIn.headers.get("location") !== "/balie") throw new Error(`desk sign-in answered ${signedIn.status}`);
  await postAndLand(desk, "/balie/balies", { counterId: String(counterId) });
  return desk;
}

/** Passholders of the municipality with an active card who did not save at this event yet: one per "Punt sparen". */
export async function freshCards(db: Database, municipalityId: number, eventId: string, count: number): Promise<Array<{ id: string; number: string }>> {
  const cards = await db.query<{ id: string; number: string }>(
    `SELECT p.id, c.number FROM "Passholder" p JOIN "Card" c ON c."passholderId" = p.id AND c.status = 'ACTIVE'
     WHERE p."municipalityId" = $1 AND NOT EXISTS (SELECT 1 FROM "Checkin" k WHERE k."passholderId" = p.id AND k."eventId" = $2)
     ORDER BY p.id LIMIT $3`,
    [municipalityId, eventId, count],
  );
  if (cards.length < count) throw new Error(`only ${cards.length} passholders left who did not save at ${eventId}; ${count} needed`);
  return cards;
}

/** The desk's card lookup and "Punt sparen" for a counter of the municipality, against the desk's stylesheet. */
export async function benchDesk(db: Database, base: string, municipality: { id: number; name: string }, timing: TimingOptions): Promise<DeskResult> {
  const { counter, event, createdByBench } = await counterWithOpenEvent(db, municipality.id);
  const desk = await signInAtCounter(base, await benchStaff(db, counter, municipality.name), counter.id);
  const cards = await freshCards(db, municipality.id, event.id, timing.warmup + timing.runs);
  const counterId = String(counter.id);

  const home = await (await get(base, "/balie", desk.browser)).text();
  // The desk's own bundle (desk.css), after the portal's shared stylesheet.
  const stylesheets = [...home.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1]!);
  const stylesheet = stylesheets.find((href) => href.startsWith("/_astro/")) ?? stylesheets.at(-1);
  if (!stylesheet) throw new Error("the desk links no stylesheet to compare with");

  let next = 0;
  const lookup = await measure(() => postAndLand(desk, "/balie", { actie: "zoeken", counterId, kaart: cards[next++ % cards.length]!.number }), timing);
  next = 0;
  const panel = await measure(async () => {
    const path = `/balie/pashouder/${cards[next++ % cards.length]!.id}`;
    const response = await get(base, path, desk.browser);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  }, timing);
  next = 0;
  const save = await measure(async () => {
    const card = cards[next++]!;
    const page = await postAndLand(desk, `/balie/pashouder/${card.id}`, { actie: "sparen", counterId, kaart: card.number, eventId: event.id });
    if (!page.includes("gespaard")) throw new Error(`Punt sparen for ${card.number} showed no saved point`);
  }, timing);
  const staticTiming = await measure(async () => {
    const response = await get(base, stylesheet, desk.browser);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${stylesheet} answered ${response.status}`);
  }, timing);
  return {
    counter: { id: counter.id, name: counter.name },
    event: { id: event.id, name: event.name, createdByBench },
    lookup,
    panel,
    save,
    staticFile: { path: stylesheet, timing: staticTiming },
    ratios: { lookup: lookup.p50 / staticTiming.p50, save: save.p50 / staticTiming.p50 },
  };
}

/** How many of the desk's targets this run missed. */
export function deskMisses(result: DeskResult): number {
  return Number(result.ratios.lookup > DESK_TARGET_RATIO) + Number(result.ratios.save > DESK_TARGET_RATIO);
}
