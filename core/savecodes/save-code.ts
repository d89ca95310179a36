import { createHmac, timingSafeEqual } from "node:crypto";
import { CardSystemError } from "../errors.js";

const MAC_BYTES = 16;
const PAYLOAD_BYTES = 16 + 4;
const CONTEXT = "uitpas-save-code:v1:";

export interface SaveCodeClaims {
  eventId: string;
  /** Event.saveCodeVersion when the code was made; raising it voids printed codes. */
  version: number;
}

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac("sha256", secret).update(CONTEXT).update(payload).digest().subarray(0, MAC_BYTES);
}

/** The event's QR save-code: its id and code version, signed with the server secret (base64url, 48 characters). */
export function signSaveCode(secret: string, claims: SaveCodeClaims): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  Buffer.from(claims.eventId.replace(/-/g, ""), "hex").copy(payload, 0);
  payload.writeUInt32BE(claims.version, 16);
  return Buffer.concat([payload, mac(secret, payload)]).toString("base64url");
}

/** Checks the signature; a forged, truncated or altered code is SAVE_CODE_INVALID. */
export function verifySaveCode(secret: string, code: string): SaveCodeClaims {
  const raw = typeof code === "string" && /^[A-Za-z0-9_-]{48}$/.test(code.trim()) ? Buffer.from(code.trim(), "base64url") : Buffer.alloc(0);
  if (raw.length !== PAYLOAD_BYTES + MAC_BYTES) throw new CardSystemError("SAVE_CODE_INVALID", { field: "code" });
  const payload = raw.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(raw.subarray(PAYLOAD_BYTES), mac(secret, payload))) throw new CardSystemError("SAVE_CODE_INVALID", { field: "code" });
  const hex = payload.subarray(0, 16).toString("hex");
  return {
    eventId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    version: payload.readUInt32BE(16),
  };
}

/** The portal address a phone's camera opens; the code is all the QR image holds. */
export function saveCodeUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/sparen/${code}`;
}
