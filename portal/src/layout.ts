export interface PageOptions {
  title: string;
  /** Trusted HTML of the <main> element. */
  main: string;
  description?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The portal's page frame: Dutch, mobile-first, with a skip link and the regional office in the footer. */
export function renderPage({ title, main, description }: PageOptions): string {
  return `<!doctype html>
<html lang="nl-BE">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${description ? `<meta name="description" content="${escapeHtml(description)}">` : ""}
<meta name="theme-color" content="#4a2a7a">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<a class="skip-link" href="#inhoud">Ga naar de inhoud</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">U</span> UiTPAS <span>Meetjesland</span></a>
    <nav aria-label="Hoofdmenu">
      <ul>
        <li><a href="/">Start</a></li>
        <li><a href="/admin">Backoffice voor medewerkers</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="inhoud" class="wrap" tabindex="-1">
${main}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p><strong>UiTPAS Meetjesland</strong> wordt gedragen door de Meetjeslandse gemeenten, met COMEET (cultuuroverleg Meetjesland) als regioverantwoordelijke. UiTPAS is een product van publiq.</p>
    <address>
      COMEET, Pastoor De Nevestraat 8, 9900 Eeklo<br>
      Telefoon <a href="tel:+3293737596">09 373 75 96</a> ·
      E-mail <a href="mailto:uitpasmeetjesland@comeet.be">uitpasmeetjesland@comeet.be</a>
    </address>
  </div>
</footer>
</body>
</html>
`;
}
