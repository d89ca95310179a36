import { renderPage } from "./layout.js";

const comingSoon = [
  { title: "Mijn punten", text: "Bekijk je puntensaldo en waar je punten spaarde." },
  { title: "Voordelen", text: "Ontdek de welkomst- en omruilvoordelen in jouw gemeente en hoeveel punten ze kosten." },
  { title: "Mijn kaart", text: "Zie je kaartnummer en blokkeer je kaart meteen als je ze verliest." },
  { title: "Sparen met QR-code", text: "Scan de QR-code van een activiteit met je smartphone en spaar zo een punt." },
];

export function renderHomePage(): string {
  return renderPage({
    title: "UiTPAS Meetjesland – sparen voor vrije tijd",
    description:
      "Met UiTPAS Meetjesland spaar je punten bij vrijetijdsactiviteiten en ruil je ze in voor voordelen. Met een kansenstatuut krijg je korting.",
    main: `
<section class="hero" aria-labelledby="titel">
  <h1 id="titel">UiTPAS Meetjesland: meer vrije tijd, voor iedereen</h1>
  <p class="lead">Met je UiTPAS spaar je punten als je deelneemt aan activiteiten van verenigingen, bibliotheken, cultuurcentra en sportdiensten in het Meetjesland. Je punten ruil je in voor voordelen.</p>
</section>

<section aria-labelledby="wat">
  <h2 id="wat">Wat is UiTPAS?</h2>
  <p>UiTPAS is de vrijetijdspas van Vlaanderen. In het Meetjesland werken de gemeenten samen, zodat je met één kaart in de hele regio punten spaart.</p>
  <p>Heb je een <strong>kansenstatuut</strong>? Dan betaal je minder voor activiteiten: het <strong>kansentarief</strong>. Vraag er naar aan de balie van je gemeente.</p>
  <h3>Zo werkt het</h3>
  <ol class="steps">
    <li>Haal je UiTPAS aan een UiTPAS-balie in je gemeente, bijvoorbeeld in de bibliotheek.</li>
    <li>Toon je kaart bij een UiTPAS-activiteit of houd ze tegen de zuil: je spaart een punt.</li>
    <li>Ruil je punten in voor een voordeel. Als nieuwe pashouder krijg je ook een welkomstvoordeel.</li>
  </ol>
</section>

<section aria-labelledby="binnenkort">
  <h2 id="binnenkort">Binnenkort op dit portaal</h2>
  <p>We bouwen aan een persoonlijke plek voor elke pashouder. Binnenkort kan je hier:</p>
  <ul class="cards">
${comingSoon.map((item) => `    <li class="card"><h3>${item.title}</h3><p>${item.text}</p><p class="badge">Binnenkort</p></li>`).join("\n")}
  </ul>
</section>

<section aria-labelledby="vragen">
  <h2 id="vragen">Vragen?</h2>
  <p>Stel je vraag aan de UiTPAS-balie of de lokale verantwoordelijke van je gemeente (uitpas@<em>jouwgemeente</em>.be), of mail naar <a href="mailto:uitpasmeetjesland@comeet.be">uitpasmeetjesland@comeet.be</a>.</p>
  <p class="staff">Werk je voor een gemeente of balie? <a href="/admin">Meld je aan in de backoffice</a>.</p>
</section>
`,
  });
}
