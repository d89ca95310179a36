// The desk's (/balie) column of the access matrix: its routes, the forms a tampered browser posts, and what a refusal looks like.
import type { PrismaClient } from "@prisma/client";
import { saveCodeFiles } from "../../print/save-code-files.js";
import { get, send, type Browser } from "../server/http.js";

export const DESK_SIGN_IN = "/balie/aanmelden";

export interface DeskAnswer {
  status: number;
  location: string | null;
  /** The page without tags. */
  text: string;
  /** The refusal the page shows in its error notice (core's Dutch message), if any. */
  refusal?: string;
}

export interface DeskForm {
  what: string;
  path: string;
  fields: Record<string, string>;
}

/** Records of the card system the prober does not work for, and a passholder any counter of it may serve. */
export interface DeskTargets {
  passholderId: string;
  cardNumber: string;
  freeCardNumber: string;
  foreignCounter: { id: number; name: string };
  /** Organised by the foreign counter and open for check-in now. */
  foreignEvent: { id: string; name: string };
  /** With a kansentarief, organised by another counter than the prober's. */
  foreignTariffEventId: string;
  /** Sold at another counter than the prober's. */
  foreignTicketId: string;
  /** Linked to none of the prober's counters. */
  foreignPillarId: number;
  /** Open for exchange now, offered at none of the prober's counters. */
  foreignAdvantageId: number;
  couponId: number;
}

/** The desk's pages a signed-out browser must not see. */
export function deskPages(targets: DeskTargets): string[] {
  const files = saveCodeFiles(`/balie/qr-spaarcode/${targets.foreignEvent.id}`);
  return ["/balie", "/balie/balies", `/balie/pashouder/${targets.passholderId}`, "/balie/registreren", "/balie/zuilen", files.png, files.svg, files.poster];
}

/** Every acting form of the desk with another counter's id in its hidden counterId (and that counter's records where it takes them). */
export function formsForCounter(targets: DeskTargets, counterId: number): DeskForm[] {
  const counter = String(counterId);
  const panel = `/balie/pashouder/${targets.passholderId}`;
  const card = { counterId: counter, kaart: targets.cardNumber };
  return [
    { what: "kaart opzoeken", path: "/balie", fields: { ...card, actie: "zoeken" } },
    { what: "balie kiezen", path: "/balie/balies", fields: { counterId: counter } },
    { what: "Punt sparen", path: panel, fields: { ...card, actie: "sparen", eventId: targets.foreignEvent.id } },
    { what: "Kansentarief toekennen", path: panel, fields: { ...card, actie: "tarief", eventId: targets.foreignTariffEventId, couponId: String(targets.couponId) } },
    { what: "coupon gebruiken", path: panel, fields: { ...card, actie: "coupon", couponId: String(targets.couponId) } },
    { what: "kansentarief annuleren", path: panel, fields: { counterId: counter, actie: "annuleren", ticketId: targets.foreignTicketId, reden: "Gekaapt" } },
    { what: "Voordeel omruilen", path: panel, fields: { ...card, actie: "omruilen", advantageId: String(targets.foreignAdvantageId) } },
    { what: "kaart blokkeren", path: panel, fields: { ...card, actie: "blokkeren", reden: "Gekaapt" } },
    { what: "nieuwe kaart", path: panel, fields: { counterId: counter, actie: "nieuwe-kaart", nieuwKaartnummer: targets.freeCardNumber, reden: "THEFT_LOSS" } },
    { what: "contactgegevens", path: panel, fields: { counterId: counter, actie: "contact", email: "gekaapt@elders.test", postalCode: "9900", city: "Eeklo" } },
    {
      what: "Pashouder registreren",
      path: "/balie/registreren",
      fields: { counterId: counter, kaart: targets.freeCardNumber, firstName: "Gekaapt", lastName: "Elders", birthDate: "01/01/1990", postalCode: "9900", kansenstatuut: "ja" },
    },
    { what: "zuil instellen", path: "/balie/zuilen", fields: { counterId: counter, actie: "zuil", pillarId: String(targets.foreignPillarId), eventId: targets.foreignEvent.id } },
  ];
}

/** The prober's own counter in counterId, with another counter's event, ticket, advantage or pillar. */
export function formsWithForeignRecords(targets: DeskTargets, ownCounterId: number): DeskForm[] {
  const own = String(ownCounterId);
  const panel = `/balie/pashouder/${targets.passholderId}`;
  const card = { counterId: own, kaart: targets.cardNumber };
  return [
    { what: "Punt sparen voor een activiteit van een andere balie", path: panel, fields: { ...card, actie: "sparen", eventId: targets.foreignEvent.id } },
    { what: "Kansentarief voor een activiteit van een andere balie", path: panel, fields: { ...card, actie: "tarief", eventId: targets.foreignTariffEventId } },
    { what: "verkoop van een andere balie annuleren", path: panel, fields: { counterId: own, actie: "annuleren", ticketId: targets.foreignTicketId, reden: "Gekaapt" } },
    { what: "voordeel van een andere balie omruilen", path: panel, fields: { ...card, actie: "omruilen", advantageId: String(targets.foreignAdvantageId) } },
    { what: "zuil van een andere balie", path: "/balie/zuilen", fields: { counterId: own, actie: "zuil", pillarId: String(targets.foreignPillarId), eventId: "" } },
  ];
}

/** The desk's CSRF token for this browser, from a page that carries it (signed in or not), so a refusal is never the token's. */
async function deskToken(base: string, browser: Browser): Promise<string> {
  for (const path of [DESK_SIGN_IN, "/balie/balies"]) {
    const token = /name="csrf" value="([^"]+)"/.exec(await (await get(base, path, browser)).text())?.[1];
    if (token) return token;
  }
  throw new Error("no desk page with a csrf field for this browser");
}

/** One request as this browser; a post carries a valid desk token and the desk's own Origin. */
export async function deskProbe(base: string, browser: Browser, method: "GET" | "POST", path: string, fields: Record<string, string> = {}): Promise<DeskAnswer> {
  const response =
    method === "GET"
      ? await get(base, path, browser)
      : await send(
          base,
          path,
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
            body: new URLSearchParams({ ...fields, csrf: await deskToken(base, browser) }).toString(),
          },
          browser,
        );
  const html = await response.text();
  const words = (part: string) => part.replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  const notice = /<div class="notice notice-error"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
  // A plain-text refusal (a download that is not this counter's) is its own message.
  const refusal = notice ? words(notice) : response.headers.get("content-type")?.startsWith("text/plain") ? html : undefined;
  return { status: response.status, location: response.headers.get("location"), text: words(html), refusal };
}

/** Sent to the desk's sign-in page. */
export function isSentToSignIn(answer: DeskAnswer): boolean {
  return answer.status >= 300 && answer.status < 400 && (answer.location ?? "").startsWith(DESK_SIGN_IN);
}

/** Refused by the desk with core's Dutch message in its error notice (not by the token check, not by a crash): a 4xx page that says why. */
export function isDeskRefusal(answer: DeskAnswer): boolean {
  if (isSentToSignIn(answer)) return true;
  return answer.status >= 400 && answer.status < 500 && (answer.refusal ?? "").length > 0;
}

/** The records of the demo region the prober (working at `ownCounterIds`) does not reach, beside `foreignCounterId`. */
export async function deskTargets(prisma: PrismaClient, ownCounterIds: number[], foreignCounterId: number, cardNumber: string, freeCardNumber: string): Promise<DeskTargets> {
  const notOwn = { notIn: ownCounterIds };
  const now = new Date();
  const card = await prisma.card.findUniqueOrThrow({ where: { number: cardNumber } });
  const foreignCounter = await prisma.counter.findUniqueOrThrow({ where: { id: foreignCounterId }, select: { id: true, name: true } });
  const foreignEvent = await prisma.event.findFirstOrThrow({ where: { organiserCounterId: foreignCounterId, startsAt: { lte: now }, endsAt: { gte: now }, cancelled: false }, select: { id: true, name: true } });
  // The latest, so one not over yet when the region has it.
  const tariffEvent = await prisma.event.findFirstOrThrow({ where: { organiserCounterId: notOwn, kansentariefCents: { not: null }, cancelled: false }, orderBy: { endsAt: "desc" } });
  const ticket = await prisma.ticketSale.findFirstOrThrow({ where: { counterId: notOwn, status: "ACTIVE" } });
  const pillar = await prisma.pillar.findFirstOrThrow({ where: { counters: { none: { counterId: { in: ownCounterIds } } } } });
  // Published and open for exchange now, so only the counter stands in the way.
  const open = { publicationStart: { lte: now }, exchangeStart: { lte: now }, OR: [{ publicationEnd: null }, { publicationEnd: { gte: now } }], AND: [{ OR: [{ exchangeEnd: null }, { exchangeEnd: { gte: now } }] }] };
  const advantage = await prisma.advantage.findFirstOrThrow({ where: { ...open, counters: { some: {}, none: { counterId: { in: ownCounterIds } } } } });
  const coupon = await prisma.coupon.findFirstOrThrow();
  return {
    passholderId: card.passholderId,
    cardNumber,
    freeCardNumber,
    foreignCounter,
    foreignEvent,
    foreignTariffEventId: tariffEvent.id,
    foreignTicketId: ticket.id,
    foreignPillarId: pillar.id,
    foreignAdvantageId: advantage.id,
    couponId: coupon.id,
  };
}
