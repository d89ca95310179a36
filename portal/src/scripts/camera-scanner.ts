// The camera scanner shared by the portal's Sparen page and the desk: back camera, a photo as fallback; the form
// next to it works without it. The page says what a code means (`read`) and the words around it.
import { Html5Qrcode } from "html5-qrcode";
import { decodePhoto } from "./photo-decoder.js";

export interface ScannerWords {
  /** Where to point the camera. */
  aim: string;
  /** The camera could not start: what else to do. */
  cameraFailed: string;
  /** No code on the chosen photo: what else to do. */
  photoFailed: string;
}

/**
 * Shows the scanner section (hidden without JavaScript) and wires its buttons. `read` gets each decoded text and
 * returns true when it was a code the page could use (the camera then stops), or says why not with `say`.
 */
export function attachScanner(section: HTMLElement, words: ScannerWords, read: (text: string, say: (text: string) => void) => boolean): void {
  const status = section.querySelector<HTMLElement>("[data-status]")!;
  const start = section.querySelector<HTMLButtonElement>("[data-start-camera]")!;
  const stop = section.querySelector<HTMLButtonElement>("[data-stop-camera]")!;
  const photo = section.querySelector<HTMLInputElement>("[data-photo]");
  const camera = section.querySelector<HTMLElement>("[data-camera]")!;
  const scanner = new Html5Qrcode(camera.id, false);
  section.hidden = false;

  const say = (text: string) => (status.textContent = text);
  const stopped = () => {
    stop.hidden = true;
    start.hidden = false;
  };

  start.addEventListener("click", async () => {
    say("De camera start…");
    start.disabled = true;
    try {
      await scanner.start({ facingMode: "environment" }, { fps: 10, qrbox: { width: 250, height: 250 } }, (text) => {
        if (read(text, say)) void scanner.stop().then(stopped);
      }, () => undefined);
      start.hidden = true;
      stop.hidden = false;
      say(words.aim);
    } catch {
      say(words.cameraFailed);
    } finally {
      start.disabled = false;
    }
  });
  stop.addEventListener("click", async () => {
    await scanner.stop().catch(() => undefined);
    stopped();
    say("");
  });
  photo?.addEventListener("change", async () => {
    const file = photo.files?.[0];
    if (!file) return;
    say("De foto wordt gelezen…");
    const text = await scanner.scanFile(file, false).catch(() => decodePhoto(file).catch(() => null));
    if (text) read(text, say);
    else say(words.photoFailed);
  });
}
