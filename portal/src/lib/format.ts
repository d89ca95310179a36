const dateTime = new Intl.DateTimeFormat("nl-BE", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" });
const date = new Intl.DateTimeFormat("nl-BE", { dateStyle: "long", timeZone: "Europe/Brussels" });

export const formatDateTime = (at: Date) => dateTime.format(at);
export const formatDate = (at: Date) => date.format(at);
export const points = (count: number) => `${count} ${Math.abs(count) === 1 ? "punt" : "punten"}`;
export const signedPoints = (count: number) => `${count > 0 ? "+" : count < 0 ? "−" : ""}${points(Math.abs(count))}`;
/** Only web addresses become links: a backoffice typo like "javascript:" must never run. */
export const webUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);
