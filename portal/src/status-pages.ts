import { renderPage } from "./layout.js";

function renderMessagePage(title: string, paragraphs: string[]): string {
  return renderPage({
    title: `${title} – UiTPAS Meetjesland`,
    main: `
<section class="message" aria-labelledby="titel">
  <h1 id="titel">${title}</h1>
${paragraphs.map((text) => `  <p>${text}</p>`).join("\n")}
  <p><a class="button" href="/">Naar de startpagina</a></p>
</section>
`,
  });
}

export function renderNotFoundPage(): string {
  return renderMessagePage("Pagina niet gevonden", [
    "De pagina die je zoekt, bestaat niet (meer). Misschien is het adres verkeerd getypt of werd de pagina verplaatst.",
  ]);
}

export function renderErrorPage(): string {
  return renderMessagePage("Er ging iets mis", [
    "Door een fout bij ons kon deze pagina niet getoond worden. Probeer het over enkele ogenblikken opnieuw.",
    'Blijft het probleem duren? Mail dan naar <a href="mailto:uitpasmeetjesland@comeet.be">uitpasmeetjesland@comeet.be</a>.',
  ]);
}
