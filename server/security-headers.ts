import type { RequestHandler } from "express";

/** Headers every response carries. */
export function securityHeaders({ production }: { production: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    // The camera stays allowed for this site only: passholders will scan QR save-codes.
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

export type CspDirectives = Record<string, string[]>;

export function cspValue(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

export function contentSecurityPolicy(directives: CspDirectives): RequestHandler {
  const value = cspValue(directives);
  return (_req, res, next) => {
    res.setHeader("Content-Security-Policy", value);
    next();
  };
}

/** Public pages: only our own files, no inline code at all. */
export const portalPolicy: CspDirectives = {
  "default-src": ["'none'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "manifest-src": ["'self'"],
  "form-action": ["'self'"],
  "base-uri": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/**
 * The scanner page (/sparen): html5-qrcode shows the camera in a video element fed by a blob and styles its
 * own elements inline; reading a photo goes through a data: or blob: image.
 */
export const scannerPolicy: CspDirectives = {
  ...portalPolicy,
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "media-src": ["'self'", "blob:"],
};

/**
 * AdminJS writes its state and styles inline (window.REDUX_STATE, styled-components), so it needs
 * 'unsafe-inline'; everything else stays on this origin. Google Fonts, which AdminJS links by default,
 * is left out on purpose: the backoffice falls back to system fonts and sends no visitor data to Google.
 */
export const adminPolicy: CspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'unsafe-inline'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  // Only the outbox's own preview pages (mailPreviewPolicy), which carry the mail's images.
  "frame-src": ["'self'"],
  "form-action": ["'self'"],
  "base-uri": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * A mail as the backoffice previews it, in a frame of its own: the mail's inline styles and its images from the
 * origins it names (the card system's logo), nothing else; no scripts, no forms, sandboxed even when opened alone.
 */
export function mailPreviewPolicy(imageOrigins: string[]): CspDirectives {
  return {
    "default-src": ["'none'"],
    "img-src": imageOrigins.length > 0 ? imageOrigins : ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "form-action": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'self'"],
    sandbox: [],
  };
}
