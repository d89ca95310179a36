// The scanner, the only script of the portal: back camera, a photo as fallback; the manual form works without it.
import { Html5Qrcode } from "html5-qrcode";

const section = document.querySelector<HTMLElement>("[data-scanner]");
if (section) {
  const status = section.querySelector<HTMLElement>("[data-status]")!;
  const start = section.querySelector<HTMLButtonElement>("[data-start-camera]")!;
  const stop = section.querySelector<HTMLButtonElement>("[data-stop-camera]")!;
  const photo = section.querySelector<HTMLInputElement>("[data-photo]")!;
  const scanner = new Html5Qrcode("camera", false);
  section.hidden = false;

  const say = (text: string) => (status.textContent = text);

  // A printed code holds the whole portal address (…/sparen/<code>); a bare code is accepted too.
  const open = (text: string) => {
    const code = text.trim().split("/sparen/").pop()!.split(/[?#]/)[0]!;
    if (!/^[A-Za-z0-9_-]{48}$/.test(code)) {
      say("Dit is geen spaarcode van UiTPAS. Scan de QR-code van de activiteit.");
      return false;
    }
    say("Code gevonden, even geduld…");
    window.location.assign(`/sparen/${code}`);
    return true;
  };

  start.addEventListener("click", async () => {
    say("De camera start…");
    start.disabled = true;
    try {
      await scanner.start({ facingMode: "environment" }, { fps: 10, qrbox: { width: 250, height: 250 } }, (text) => {
        if (open(text)) void scanner.stop();
      }, () => undefined);
      start.hidden = true;
      stop.hidden = false;
      say("Richt je camera op de QR-code.");
    } catch {
      say("De camera kon niet starten. Geef toegang tot je camera, of kies een foto van de QR-code, of typ de code eronder.");
    } finally {
      start.disabled = false;
    }
  });
  stop.addEventListener("click", async () => {
    await scanner.stop().catch(() => undefined);
    stop.hidden = true;
    start.hidden = false;
    say("");
  });
  photo.addEventListener("change", async () => {
    const file = photo.files?.[0];
    if (!file) return;
    say("De foto wordt gelezen…");
    try {
      open(await scanner.scanFile(file, false));
    } catch {
      say("Op deze foto werd geen QR-code gevonden. Probeer een scherpere foto, of typ de code over.");
    }
  });
}
