import type { ActionContext } from "adminjs";
import express, { type Request, type Response } from "express";
import { currentCardSystem } from "../core/card-system/current-card-system.js";
import type { Database } from "../core/db/database.js";
import { previewTemplate } from "../core/mail/preview-template.js";
import { isUuid } from "../core/validation/ids.js";
import { templateNames, type TemplateName } from "../templates/index.js";
import { cspValue, mailPreviewPolicy } from "../server/security-headers.js";
import { actorOf } from "./access/actor.js";
import { roleMay } from "../core/access/role-may.js";
import { readScope } from "../core/access/scope.js";
import { MAIL_PREVIEW_ROUTES } from "./mail-preview-paths.js";

/** The origins of the mail's images (`<img src>`), the only ones its preview may load from. */
export function imageOrigins(html: string): string[] {
  const origins = new Set<string>();
  for (const [, src] of html.matchAll(/<img\b[^>]*?\bsrc="([^"]+)"/gi)) {
    try {
      const url = new URL(src!.replace(/&amp;/g, "&"));
      if (url.protocol === "https:" || url.protocol === "http:") origins.add(url.origin);
    } catch {
      // Not an address: the preview loads nothing for it, as no mail reader would.
    }
  }
  return [...origins];
}

/** The mail's HTML exactly as stored (and sent), with a policy that allows its images and nothing else. */
function sendMailHtml(res: Response, html: string): void {
  res
    .status(200)
    .set({
      "Content-Security-Policy": cspValue(mailPreviewPolicy(imageOrigins(html))),
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "private, no-store",
    })
    .type("html")
    .send(html);
}

/**
 * The HTML part of a mail as its own page, for the frame on the outbox's screens: a frame with `srcdoc` would
 * inherit the backoffice's policy, which (rightly) blocks the logo on the card system's website. Behind the
 * backoffice session; a municipal administrator reaches only the mails of their own municipality's providers.
 */
export function mailPreviewRoutes({ db }: { db: Database }): express.Router {
  const router = express.Router();

  async function signedIn(req: Request, res: Response) {
    // The session user is what AdminJS hands its actions as currentAdmin.
    const actor = await actorOf(db.prisma, { currentAdmin: req.session.adminUser } as unknown as Partial<ActionContext>);
    const scope = readScope(actor, "EmailMessage");
    if (actor && scope && roleMay(actor.role, "EmailMessage", "show")) return { actor, scope };
    res.status(403).type("text/plain").send("Je hebt geen toegang tot deze mail. Meld je aan als beheerder.");
    return null;
  }

  router.get(MAIL_PREVIEW_ROUTES.outbox, async (req, res) => {
    const access = await signedIn(req, res);
    if (!access) return;
    const id = String(req.params.id);
    const mail = isUuid(id) ? await db.prisma.emailMessage.findFirst({ where: { AND: [{ id }, access.scope] }, select: { html: true } }) : null;
    if (!mail) res.status(404).type("text/plain").send("Deze mail is niet gekend.");
    else sendMailHtml(res, mail.html);
  });

  router.get(MAIL_PREVIEW_ROUTES.template, async (req, res) => {
    const access = await signedIn(req, res);
    if (!access) return;
    const name = templateNames.find((candidate) => candidate === req.params.name) as TemplateName | undefined;
    const cardSystem = name && (await currentCardSystem(db.prisma, { municipalityId: access.actor.municipalityId }));
    if (!name || !cardSystem) res.status(404).type("text/plain").send("Dit voorbeeld bestaat niet.");
    else sendMailHtml(res, (await previewTemplate(name, cardSystem)).html);
  });
  return router;
}
