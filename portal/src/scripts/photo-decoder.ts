// html5-qrcode's decoder misses about one clean QR photo in eight (5 of 40 printed save-codes in a trial); jsQR
// reads those. It is loaded only when a photo needs it.

/** Larger phone photos are scaled down first: the code stays readable and decoding stays quick. */
const MAX_SIDE = 1600;

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** The text of the QR code on the photo, or null when jsQR finds none either. */
export async function decodePhoto(file: File): Promise<string | null> {
  // In the bundle jsqr's default export is the function (the type checker reads it through Node's CommonJS view).
  const jsQR = (await import("jsqr")).default as unknown as JsQr;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data, width, height)?.data ?? null;
}
