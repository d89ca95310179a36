// Shared by the server and the browser components, so this file imports nothing.

/**
 * axios (bundled by AdminJS 7.8, version 1.3.4) reads this cookie on every same-origin request and sends
 * its value back as the X-XSRF-TOKEN header, so AdminJS's own API calls carry the token without changes.
 */
export const CSRF_COOKIE = "XSRF-TOKEN";
export const CSRF_HEADER = "x-xsrf-token";
/** Plain form posts (login, logout) send the token as this field instead. */
export const CSRF_FIELD = "csrfToken";
