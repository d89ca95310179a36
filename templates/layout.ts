import { helpdeskAddresses, PRODUCT_LINE, regionLine, type Branding } from "./branding.js";
import { absoluteUrl, mj, type Markup } from "./markup.js";

/** One mail: what the outbox stores and nodemailer sends. */
export interface RenderedParts {
  subject: string;
  /** MJML source of the HTML part. */
  mjml: Markup;
  text: string;
}

/** A heading, paragraphs and buttons in the card system's colours; lays out for phones and desktops alike. */
export function brandedMail(branding: Branding, { title, preview, body }: { title: string; preview: string; body: Markup }): Markup {
  const header = branding.logoUrl
    ? mj`<mj-image src="${absoluteUrl(branding.logoUrl)}" alt="${branding.cardSystemName}" width="180px" padding="16px" />`
    : mj`<mj-text align="center" font-size="24px" font-weight="bold" color="${branding.brandTextColor}">${branding.cardSystemName}</mj-text>`;
  return mj`<mjml lang="nl">
  <mj-head>
    <mj-title>${title}</mj-title>
    <mj-preview>${preview}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1a1a1a" />
      <mj-button background-color="${branding.brandColor}" color="${branding.brandTextColor}" font-size="16px" font-weight="bold" border-radius="6px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f4" width="600px">
    <mj-section background-color="${branding.brandColor}" padding="8px 0">
      <mj-column>${header}</mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px 8px">
      <mj-column>${body}</mj-column>
    </mj-section>
    <mj-section padding="16px 8px">
      <mj-column>${footer(branding)}</mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

export function heading(text: string): Markup {
  return mj`<mj-text font-size="22px" line-height="30px" font-weight="bold">${text}</mj-text>`;
}

export function paragraph(...parts: (string | Markup)[]): Markup {
  return mj`<mj-text>${parts.map((part) => (typeof part === "string" ? mj`${part}` : part))}</mj-text>`;
}

export function link(href: string, label: string): Markup {
  return mj`<a href="${absoluteUrl(href)}">${label}</a>`;
}

export function mailLink(address: string): Markup {
  return mj`<a href="mailto:${address}">${address}</a>`;
}

export function button(href: string, label: string): Markup {
  return mj`<mj-button href="${absoluteUrl(href)}" align="left">${label}</mj-button>`;
}

/** The footer's lines (manual p. 14), each a list of text and links. */
function footerLines(branding: Branding): (string | { mailto: string })[][] {
  const contact: (string | { mailto: string })[] = [];
  if (branding.footerPhone) contact.push(`T ${branding.footerPhone}`);
  if (branding.footerEmail) contact.push(...(contact.length ? [" | "] : []), "E ", { mailto: branding.footerEmail });
  const helpdesk = helpdeskAddresses(branding);
  return [
    [PRODUCT_LINE],
    [regionLine(branding) ?? branding.cardSystemName],
    branding.footerAddress ? [branding.footerAddress] : [],
    contact,
    helpdesk.length ? ["Helpdesk: ", ...helpdesk.flatMap((address, index) => [...(index ? [" of "] : []), { mailto: address }])] : [],
  ].filter((line) => line.length > 0);
}

function footer(branding: Branding): Markup {
  const lines = footerLines(branding).map((line, index) => {
    const parts = line.map((part) => (typeof part === "string" ? mj`${part}` : mailLink(part.mailto)));
    return index === 0 ? mj`${parts}` : mj`<br />${parts}`;
  });
  return mj`<mj-text font-size="13px" line-height="20px" color="#555555" align="center">${lines}</mj-text>`;
}

/** The plain-text part: the same words, links written out, and the footer. */
export function plainText(branding: Branding, paragraphs: string[]): string {
  const footerText = footerLines(branding).map((line) => line.map((part) => (typeof part === "string" ? part : part.mailto)).join(""));
  return [...paragraphs, "--", footerText.join("\n")].join("\n\n") + "\n";
}
