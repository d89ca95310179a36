// The scanner of the Sparen page, the only script of the portal: it opens the save-code it reads.
import { attachScanner } from "./camera-scanner.js";

const section = document.querySelector<HTMLElement>("[data-scanner]");
if (section) {
  attachScanner(
    section,
    {
      aim: "Richt je camera op de QR-code.",
      cameraFailed: "De camera kon niet starten. Geef toegang tot je camera, of kies een foto van de QR-code, of typ de code eronder.",
      photoFailed: "Op deze foto werd geen QR-code gevonden. Probeer een scherpere foto, of typ de code over.",
    },
    // A printed code holds the whole portal address (…/sparen/<code>); a bare code is accepted too.
    (text, say) => {
      const code = text.trim().split("/sparen/").pop()!.split(/[?#]/)[0]!;
      if (!/^[A-Za-z0-9_-]{48}$/.test(code)) {
        say("Dit is geen spaarcode van UiTPAS. Scan de QR-code van de activiteit.");
        return false;
      }
      say("Code gevonden, even geduld…");
      window.location.assign(`/sparen/${code}`);
      return true;
    },
  );
}
