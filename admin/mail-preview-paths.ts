// Shared by the preview routes and the outbox screen's frame (bundled for the browser: no imports).

const BASE = "/mail-voorbeeld";

export const MAIL_PREVIEW_ROUTES = { outbox: `${BASE}/uitgaand/:id`, template: `${BASE}/sjabloon/:name` };

/** Where the HTML part of an outbox mail, or of a template with sample data, is shown on its own. */
export function mailPreviewPaths(rootPath: string) {
  return {
    outbox: (id: string) => `${rootPath}${BASE}/uitgaand/${encodeURIComponent(id)}`,
    template: (name: string) => `${rootPath}${BASE}/sjabloon/${encodeURIComponent(name)}`,
  };
}
