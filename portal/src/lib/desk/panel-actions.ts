import type { CardIssueReason } from "@prisma/client";
import { redeemAdvantage } from "../../../../core/advantages/redeem-advantage.js";
import { blockCard } from "../../../../core/cards/block-card.js";
import { giveNewCard } from "../../../../core/cards/give-new-card.js";
import { checkIn } from "../../../../core/checkins/check-in.js";
import { useCoupon, type UseCouponResult } from "../../../../core/coupons/use-coupon.js";
import { cancelSaleAtCounter } from "../../../../core/desk/cancel-sale-at-counter.js";
import { CardSystemError } from "../../../../core/errors.js";
import { formatEuro } from "../../../../core/money.js";
import { updateContactDetails } from "../../../../core/passholders/update-contact-details.js";
import { grantKansentarief } from "../../../../core/tickets/grant-kansentarief.js";
import type { DeskLocals } from "../../../../desk/locals.js";
import { act, type Outcome } from "./flash.js";

const points = (count: number) => `${count} ${Math.abs(count) === 1 ? "punt" : "punten"}`;
const text = (form: URLSearchParams, name: string) => form.get(name) ?? undefined;

/**
 * One action of the passholder panel, as posted: every form carries the counter (counterId) and the card (kaart);
 * core decides whether this staff member may act there and for this card.
 */
export async function panelAction(locals: DeskLocals, passholderId: string, form: URLSearchParams): Promise<Outcome> {
  const actor = locals.actor!;
  const prisma = locals.db.prisma;
  const caller = { actor, request: locals.request };
  const counterId = form.get("counterId") ?? undefined;
  const cardNumber = form.get("kaart") ?? "";
  switch (form.get("actie")) {
    case "sparen":
      return act(locals, "Niet gespaard", async () => {
        const eventId = form.get("eventId") ?? "";
        const result = await checkIn(prisma, { eventId, cardNumber, channel: "COUNTER", counterId, ...caller });
        locals.session.deskEventId = eventId;
        return { kind: "success", title: `+${points(result.points)} gespaard`, lines: [`Voor ${result.eventName}. Nieuw saldo: ${points(result.balance)}.`] };
      });
    case "tarief":
      return act(locals, "Geen kansentarief toegekend", async () => {
        const eventId = form.get("eventId") ?? "";
        const ticket = await grantKansentarief(prisma, { eventId, cardNumber, counterId, couponId: form.get("couponId") || undefined, ...caller });
        const event = await prisma.event.findUniqueOrThrow({ where: { id: ticket.eventId }, select: { name: true } });
        return {
          kind: "success",
          title: "Kansentarief toegekend",
          lines: [
            `${event.name}: de pashouder betaalt ${formatEuro(ticket.tariffCents)} in plaats van ${formatEuro(ticket.regularPriceCents)}.`,
            ...(ticket.coupon ? [couponUsedLine(ticket.coupon)] : []),
          ],
        };
      });
    case "coupon":
      return act(locals, "Coupon niet gebruikt", async () => {
        const eventId = form.get("eventId") || undefined;
        const used = await useCoupon(prisma, { couponId: Number(form.get("couponId")), cardNumber, counterId, eventId, ...caller });
        return { kind: "success", title: "Coupon gebruikt", lines: [couponUsedLine(used)] };
      });
    case "annuleren":
      return act(locals, "Niet geannuleerd", async () => {
        await cancelSaleAtCounter(prisma, { ticketId: form.get("ticketId"), counterId, reason: form.get("reden") ?? "", ...caller });
        return { kind: "success", title: "Kansentarief geannuleerd", lines: ["De verkoop blijft bewaard als geannuleerd en telt niet meer mee voor het maximum."] };
      });
    case "omruilen":
      return act(locals, "Niet omgeruild", async () => {
        const result = await redeemAdvantage(prisma, { advantageId: Number(form.get("advantageId")), cardNumber, counterId, channel: "COUNTER", ...caller });
        const advantage = await prisma.advantage.findUniqueOrThrow({ where: { id: result.redemption.advantageId }, select: { title: true } });
        const cost = result.redemption.points > 0 ? ` voor ${points(result.redemption.points)}` : "";
        return {
          kind: "success",
          title: `Omgeruild: ${advantage.title}`,
          lines: [`Omgeruild${cost}. Nieuw saldo: ${points(result.balance)}.`, ...(result.code ? ["Geef de pashouder deze unieke code:"] : [])],
          code: result.code,
        };
      });
    case "blokkeren":
      return act(locals, "Kaart niet geblokkeerd", async () => {
        await blockCard(prisma, { cardNumber, reason: form.get("reden") ?? "", counterId, ...caller });
        return { kind: "success", title: "Kaart geblokkeerd", lines: ["Met deze kaart kan niet meer gespaard of omgeruild worden. De punten blijven bij de pashouder: geef een nieuwe kaart."] };
      });
    case "nieuwe-kaart":
      return act(locals, "Geen nieuwe kaart gegeven", async () => {
        const { card, previous } = await giveNewCard(prisma, {
          passholderId,
          newCardNumber: form.get("nieuwKaartnummer") ?? "",
          reason: (form.get("reden") ?? "") as CardIssueReason,
          kansenstatuutEnd: text(form, "kansenstatuutEnd"),
          counterId,
          ...caller,
        });
        const before = previous?.status === "BLOCKED" ? `de geblokkeerde kaart ${previous.number} blijft geblokkeerd` : previous ? `de vorige kaart ${previous.number} is vervangen` : "";
        return { kind: "success", title: "Nieuwe kaart gegeven", lines: [`De nieuwe kaart ${card.number} is actief${before && `; ${before}`}. De punten blijven bewaard.`] };
      });
    case "contact":
      return act(locals, "Gegevens niet gewijzigd", async () => {
        await updateContactDetails(prisma, {
          passholderId,
          counterId,
          email: text(form, "email"),
          phone: text(form, "phone"),
          street: text(form, "street"),
          houseNumber: text(form, "houseNumber"),
          postalCode: form.get("postalCode") ?? "",
          city: text(form, "city"),
          ...caller,
        });
        return { kind: "success", title: "Contactgegevens bewaard", lines: [] };
      });
    default:
      return act(locals, "Onbekende actie", async () => {
        throw new CardSystemError("VALIDATION", { message: "Kies een actie op de pagina." });
      });
  }
}

function couponUsedLine(used: UseCouponResult): string {
  const discount = used.coupon.discountCents ? ` (${formatEuro(used.coupon.discountCents)} korting)` : "";
  return `Coupon ${used.coupon.name}${discount} gebruikt; nog ${used.remainingUses} keer te gebruiken.`;
}
