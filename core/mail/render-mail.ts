import mjml2html from "mjml";
import { markupText } from "../../templates/markup.js";
import { templates, type TemplateData, type TemplateName } from "../../templates/index.js";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  /** The card system's answer address (Reply-To). */
  replyTo: string | null;
}

/** Renders a template to subject, responsive HTML and plain text; an invalid template fails loudly. */
export async function renderMail<Name extends TemplateName>(name: Name, data: TemplateData[Name]): Promise<RenderedMail> {
  const build = templates[name].build as (data: TemplateData[Name]) => ReturnType<(typeof templates)[Name]["build"]>;
  const parts = build(data);
  const { html, errors } = await mjml2html(markupText(parts.mjml), { validationLevel: "strict" });
  if (errors.length > 0) throw new Error(`Mail template ${name} is invalid: ${errors.map((error) => error.formattedMessage).join("; ")}`);
  // A subject is one header line.
  return { subject: parts.subject.replace(/\s+/g, " ").trim(), html, text: parts.text, replyTo: data.branding.replyTo };
}
