import { brandingOf, type BrandingSettings } from "../../templates/branding.js";
import { templates, type TemplateData, type TemplateName } from "../../templates/index.js";
import { renderMail, type RenderedMail } from "./render-mail.js";

/**
 * A template with its sample data (provider, passholder, links) in the card system's own logo, colours, footer
 * and reply address: rendered by the same code as a mail that is sent.
 */
export function previewTemplate<Name extends TemplateName>(name: Name, cardSystem: BrandingSettings): Promise<RenderedMail> {
  const sample = templates[name].sample as TemplateData[Name];
  return renderMail(name, { ...sample, branding: brandingOf(cardSystem) });
}
