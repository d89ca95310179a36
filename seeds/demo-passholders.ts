import type { Db } from "../core/transaction.js";
import type { CardIssueReason, CardStatus, CardType, Counter, Gender, Prisma} from "@prisma/client";
import { defaultKansenstatuutEnd, localDate } from "../core/time/periods.js";
import { cardNumberFrom } from "../core/validation/card-number.js";
import { addDays, brusselsTime, calendarDay, DAY, latest } from "./clock.js";
import { inChunks } from "./chunks.js";
import type { Region, RegionMunicipality } from "./demo-region.js";
import { firstNames, lastNames, mailPart, streets } from "./names.js";
import type { Random } from "./random.js";

export const DEMO_PASSHOLDERS = 300;
const KANSENSTATUUT_SHARE = 0.2;
const EXPIRED_KANSENSTATUUT = 6;
const REPLACED_CARDS = 15;
const BLOCKED_CARDS = 15;
/** Demo card numbers: this prefix plus a 5-digit sequence and the Luhn digit. */
const CARD_PREFIX = "0900000";

export interface DemoCard {
  id: number;
  number: string;
  /** The card can save points from here until `usableUntil` (blocked or replaced), or for good. */
  usableFrom: Date;
  usableUntil: Date | null;
}

export interface DemoPassholder {
  id: string;
  birthDate: Date;
  municipalityId: number;
  registeredAt: Date;
  kansenstatuutStart: Date | null;
  kansenstatuutEnd: Date | null;
  cards: DemoCard[];
}

interface PlannedCard {
  number: string;
  passholderId: string;
  type: CardType;
  status: CardStatus;
  issueReason: CardIssueReason;
  issuedAt: Date;
  issuedAtCounterId: number | null;
  blockedAt?: Date;
  blockReason?: string;
  replacedAt?: Date;
  replacedByNumber?: string;
}

const blockReasons = ["Kaart verloren", "Kaart gestolen", "Portefeuille gestolen", "Kaart verloren op schooluitstap"];

/** The card that could be scanned at `at`, if any (none between blocking and the new card). */
export function cardAt(passholder: DemoPassholder, at: Date): DemoCard | undefined {
  return passholder.cards.find((card) => card.usableFrom <= at && (!card.usableUntil || at < card.usableUntil));
}

/** As the kansentarief rule: status started and not yet ended on the calendar day of `at`. */
export function hasKansenstatuutOn(passholder: DemoPassholder, at: Date): boolean {
  if (!passholder.kansenstatuutStart || !passholder.kansenstatuutEnd) return false;
  const day = localDate(at);
  return passholder.kansenstatuutStart.toISOString().slice(0, 10) <= day && passholder.kansenstatuutEnd.toISOString().slice(0, 10) >= day;
}

export function ageOn(birthDate: Date, at: Date): number {
  const [y, m, d] = localDate(at).split("-").map(Number) as [number, number, number];
  const birthday = birthDate.toISOString().slice(5, 10);
  const had = `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` >= birthday;
  return y - birthDate.getUTCFullYear() - (had ? 0 : 1);
}

function ageBand(random: Random): [number, number] {
  return random.weighted<[number, number, number]>(
    [
      [6, 17, 30],
      [18, 30, 18],
      [31, 64, 36],
      [65, 92, 16],
    ],
    (band) => band[2],
  ).slice(0, 2) as [number, number];
}

/** Card numbers in issue order, and the plan of every card with its replacement links. */
class CardPlan {
  readonly cards: PlannedCard[] = [];
  private sequence = 0;

  constructor(private readonly random: Random) {}

  private nextNumber(): string {
    return cardNumberFrom(`${CARD_PREFIX}${String(++this.sequence).padStart(5, "0")}`);
  }

  issue(passholderId: string, at: Date, counter: Counter, reason: CardIssueReason = "FIRST_CARD"): PlannedCard {
    const digitalShare = reason === "FIRST_CARD" ? 0.1 : 0.3;
    const card: PlannedCard = {
      number: this.nextNumber(),
      passholderId,
      type: this.random.chance(digitalShare) ? "DIGITAL" : "PHYSICAL",
      status: "ACTIVE",
      issueReason: reason,
      issuedAt: at,
      issuedAtCounterId: counter.id,
    };
    this.cards.push(card);
    return card;
  }

  /** As giveNewCard: the current card goes out of use (replaced, or it stays blocked) and points to the new one. */
  replace(passholderId: string, at: Date, counter: Counter, reason: CardIssueReason, old: Partial<PlannedCard>): void {
    const previous = this.cards.find((card) => card.passholderId === passholderId && card.status === "ACTIVE")!;
    const next = this.issue(passholderId, at, counter, reason);
    Object.assign(previous, old, { replacedAt: at, replacedByNumber: next.number });
  }
}

/** ~300 passholders with addresses, kansenstatuut for ~20%, and their cards (some blocked or replaced). */
export async function createPassholders(prisma: Db, random: Random, now: Date, region: Region): Promise<DemoPassholder[]> {
  const registrationCounters = region.counters.filter((counter) => counter.permissionGroups.some((group) => group.endsWith("REGISTRATION")));
  const authorisedCounters = registrationCounters.filter((counter) => counter.permissionGroups.includes("AUTHORISED_REGISTRATION"));
  const withKansenstatuut = new Set(random.sample([...Array(DEMO_PASSHOLDERS).keys()], Math.round(DEMO_PASSHOLDERS * KANSENSTATUUT_SHARE)));
  const emails = new Set<string>();
  const rows: (Omit<Prisma.PassholderCreateManyInput, "kansenstatuutStart" | "kansenstatuutEnd"> & { passholder: DemoPassholder })[] = [];
  const plan = new CardPlan(random);

  for (let index = 0; index < DEMO_PASSHOLDERS; index++) {
    const municipality = random.weighted(region.municipalities, (entry) => entry.inhabitants);
    const place = random.weighted(municipality.subMunicipalities, (sub) => (sub === municipality.subMunicipalities[0] ? 2 : 1));
    const [minAge, maxAge] = ageBand(random);
    const birthDate = calendarDay(addDays(now, -(random.int(minAge, maxAge) * 365.25 + random.int(0, 364))));
    const gender: Gender = random.weighted<Gender>(["FEMALE", "MALE", "X"], (g) => (g === "X" ? 0.02 : 0.49));
    const generation = birthDate.getUTCFullYear() >= 1985 ? "young" : "older";
    const firstName = random.pick(firstNames[gender === "X" ? random.pick(["FEMALE", "MALE"] as const) : gender][generation]);
    const lastName = random.pick(lastNames);
    const registeredAt = registrationMoment(random, now, municipality);
    const kansenstatuut = withKansenstatuut.has(index);
    // Only an authorised counter may register someone with kansenstatuut.
    const registeredAtCounter = pickCounter(random, kansenstatuut ? authorisedCounters : registrationCounters, municipality.id);

    let email: string | null = null;
    if (random.chance(0.55)) {
      const base = `${mailPart(firstName)}.${mailPart(lastName)}`;
      email = emails.has(`${base}@example.com`) ? `${base}${index}@example.com` : `${base}@example.com`;
      emails.add(email);
    }
    const passholder: DemoPassholder = {
      id: random.uuid(),
      birthDate,
      municipalityId: municipality.id,
      registeredAt,
      kansenstatuutStart: kansenstatuut ? calendarDay(registeredAt) : null,
      kansenstatuutEnd: kansenstatuut ? defaultKansenstatuutEnd(now) : null,
      cards: [],
    };
    rows.push({
      id: passholder.id,
      cardSystemId: region.cardSystem.id,
      firstName,
      lastName,
      birthDate,
      gender,
      email,
      phone: random.chance(0.4) ? `04${random.int(70, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}` : null,
      street: random.pick(streets),
      houseNumber: random.chance(0.1) ? `${random.int(1, 60)} bus ${random.int(1, 4)}` : String(random.int(1, 180)),
      postalCode: place.postalCode,
      city: place.name,
      municipalityId: municipality.id,
      registeredAt,
      registeredAtCounterId: registeredAtCounter.id,
      createdAt: registeredAt,
      passholder,
    });
    plan.issue(passholder.id, registeredAt, registeredAtCounter);
  }
  const passholders = rows.map((row) => row.passholder);

  // Card changes need some history before now: pick among passholders registered at least a month ago.
  const settled = random.shuffle(passholders.filter((passholder) => passholder.registeredAt.getTime() < now.getTime() - 30 * DAY));
  for (const passholder of settled.slice(0, REPLACED_CARDS)) {
    const at = random.between(addDays(passholder.registeredAt, 7), addDays(now, -4));
    const picked = random.pick<CardIssueReason>(["DEFECT", "DEFECT", "THEFT_LOSS", "UPGRADE", "KANSENSTATUUT_OBTAINED"]);
    // Obtaining kansenstatuut only makes sense for someone who did not have it yet, at an authorised counter.
    const reason = picked === "KANSENSTATUUT_OBTAINED" && passholder.kansenstatuutStart ? "DEFECT" : picked;
    if (reason === "KANSENSTATUUT_OBTAINED") {
      passholder.kansenstatuutStart = calendarDay(at);
      passholder.kansenstatuutEnd = defaultKansenstatuutEnd(now);
    }
    const counter = pickCounter(random, reason === "KANSENSTATUUT_OBTAINED" ? authorisedCounters : registrationCounters, passholder.municipalityId);
    plan.replace(passholder.id, at, counter, reason, { status: "REPLACED" });
  }
  for (const passholder of settled.slice(REPLACED_CARDS, REPLACED_CARDS + BLOCKED_CARDS)) {
    const blockedAt = random.between(addDays(passholder.registeredAt, 7), addDays(now, -4));
    const newCardAt = latest(brusselsTime(blockedAt, random.int(0, 3), random.int(9, 16), random.int(0, 59)), blockedAt);
    const counter = pickCounter(random, registrationCounters, passholder.municipalityId);
    plan.replace(passholder.id, newCardAt, counter, "THEFT_LOSS", { status: "BLOCKED", blockedAt, blockReason: random.pick(blockReasons) });
  }
  // A few statuses ran out: not renewed after their end date.
  const expiring = random.sample(
    passholders.filter((passholder) => passholder.kansenstatuutStart && passholder.kansenstatuutStart.getTime() < now.getTime() - 200 * DAY),
    EXPIRED_KANSENSTATUUT,
  );
  for (const passholder of expiring) {
    passholder.kansenstatuutEnd = calendarDay(random.between(addDays(passholder.kansenstatuutStart!, 150), addDays(now, -5)));
  }

  await inChunks(rows, 500, (chunk) =>
    prisma.passholder.createMany({
      data: chunk.map(({ passholder, ...row }) => ({ ...row, kansenstatuutStart: passholder.kansenstatuutStart, kansenstatuutEnd: passholder.kansenstatuutEnd })),
    }),
  );
  await insertCards(prisma, plan.cards, passholders);
  return passholders;
}

async function insertCards(prisma: Db, cards: PlannedCard[], passholders: DemoPassholder[]): Promise<void> {
  const ordered = [...cards].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.number.localeCompare(b.number));
  await inChunks(ordered, 500, (chunk) =>
    prisma.card.createMany({ data: chunk.map(({ replacedByNumber: _next, ...card }) => card) }),
  );
  const ids = new Map((await prisma.card.findMany({ select: { id: true, number: true } })).map((card) => [card.number, card.id]));
  const links = ordered.filter((card) => card.replacedByNumber).map((card) => `(${ids.get(card.number)}, ${ids.get(card.replacedByNumber!)})`);
  if (links.length > 0) {
    await prisma.$executeRawUnsafe(
      `UPDATE "Card" c SET "replacedByCardId" = v.next FROM (VALUES ${links.join(", ")}) AS v(old, next) WHERE c."id" = v.old`,
    );
  }
  const byPassholder = new Map(passholders.map((passholder) => [passholder.id, passholder]));
  for (const card of ordered) {
    byPassholder.get(card.passholderId)!.cards.push({
      id: ids.get(card.number)!,
      number: card.number,
      usableFrom: card.issuedAt,
      usableUntil: card.blockedAt ?? card.replacedAt ?? null,
    });
  }
}

function registrationMoment(random: Random, now: Date, municipality: RegionMunicipality): Date {
  const firstDay = Math.min(730, Math.floor((now.getTime() - municipality.joinedAt.getTime()) / DAY) - 1);
  return brusselsTime(now, -random.int(1, Math.max(1, firstDay)), random.int(9, 17), random.int(0, 59));
}

/** Mostly a counter of the passholder's own municipality, when it has one. */
export function pickCounter(random: Random, counters: Counter[], municipalityId: number): Counter {
  const local = counters.filter((counter) => counter.municipalityId === municipalityId);
  return random.pick(local.length > 0 && random.chance(0.75) ? local : counters);
}
