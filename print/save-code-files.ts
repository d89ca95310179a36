/** The three downloads of one event's save-code below `base` (e.g. "/admin/qr-spaarcode/<id>"). Pure: pages link to them. */
export function saveCodeFiles(base: string) {
  return { png: `${base}/spaarcode.png`, svg: `${base}/spaarcode.svg`, poster: `${base}/affiche` };
}

/** Where the counter desk offers them. */
export const deskSaveCodePaths = (eventId: string) => saveCodeFiles(`/balie/qr-spaarcode/${encodeURIComponent(eventId)}`);
