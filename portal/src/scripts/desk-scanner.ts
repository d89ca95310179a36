// The desk's camera button: reads the card QR of the portal's "Mijn kaart" (the 13-digit card number) into the
// Kaartnummer field and sends the form, as a USB reader would (on the registration form it only fills the field).
import { attachScanner } from "./camera-scanner.js";

const section = document.querySelector<HTMLElement>("[data-scanner]");
const form = document.querySelector<HTMLFormElement>("[data-card-form]");
if (section && form) {
  attachScanner(
    section,
    {
      aim: "Richt de camera op de QR-code van de kaart.",
      cameraFailed: "De camera kon niet starten. Geef toegang tot de camera, of typ het kaartnummer.",
      photoFailed: "Op deze foto werd geen QR-code gevonden. Typ het kaartnummer.",
    },
    (text, say) => {
      const number = text.replace(/[\s.]/g, "");
      if (!/^\d{13}$/.test(number)) {
        say("Dit is geen UiTPAS-kaart. Scan de QR-code op de kaart of in 'Mijn kaart' van de pashouder.");
        return false;
      }
      say("Kaart gevonden, even geduld…");
      const field = form.querySelector<HTMLInputElement>("input[name=kaart]")!;
      field.value = number;
      // The registration form only takes the number; the desk's lookup goes straight on.
      if (form.hasAttribute("data-fill-only")) field.focus();
      else form.requestSubmit();
      return true;
    },
  );
}
