// MJML markup built with a tagged template: every interpolated value is escaped unless it is markup itself.

const MARKUP = Symbol("markup");

export interface Markup {
  readonly [MARKUP]: string;
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => entities[char]!);
}

function isMarkup(value: unknown): value is Markup {
  return typeof value === "object" && value !== null && MARKUP in value;
}

type Part = string | number | Markup | readonly Markup[];

/** `mj\`<mj-text>${name}</mj-text>\``: strings are escaped, nested `mj` results and arrays of them are kept. */
export function mj(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0]!;
  values.forEach((value, index) => {
    if (isMarkup(value)) out += value[MARKUP];
    else if (Array.isArray(value)) out += value.map((item: Markup) => item[MARKUP]).join("");
    else if (value === undefined || value === null) throw new Error("A mail template got an empty value");
    else out += escapeHtml(String(value));
    out += strings[index + 1]!;
  });
  return { [MARKUP]: out };
}

export function markupText(markup: Markup): string {
  return markup[MARKUP];
}

/** A link target must be an absolute http(s) address: mails are read far from the app. */
export function absoluteUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`Not a web address: ${value}`);
  return url.toString();
}
