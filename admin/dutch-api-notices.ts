import type { RequestHandler } from "express";

// AdminJS's API writes some refusals itself, in English and naming internal ids ("Record with given id: … cannot
// be found in resource …"). Its answers get the Dutch words a user of the backoffice reads everywhere else.
const DUTCH: ReadonlyArray<[RegExp, string]> = [
  [/^record with given id: .* cannot be found in resource/i, "Dit record bestaat niet (meer), of u mag het niet bekijken."],
  [/^You have to pass (a valid )?recordId/i, "Kies eerst een record."],
  [/^You have to pass "recordIds"/i, "Kies eerst een of meer records."],
];

function dutchNotice(message: unknown): string | undefined {
  return typeof message === "string" ? DUTCH.find(([english]) => english.test(message.trim()))?.[1] : undefined;
}

/** Rewrites English notices of AdminJS's own API answers; goes before AdminJS's router. */
export const dutchApiNotices: RequestHandler = (req, res, next) => {
  if (!req.path.startsWith("/api/")) return next();
  const json = res.json.bind(res);
  res.json = (body?: unknown) => {
    const notice = (body as { notice?: { message?: unknown } } | undefined)?.notice;
    const dutch = notice && dutchNotice(notice.message);
    return json(dutch ? { ...(body as object), notice: { ...notice, message: dutch } } : body);
  };
  next();
};
