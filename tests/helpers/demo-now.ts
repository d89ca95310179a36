/** The moment the demo region of the backoffice and portal tests is seeded at. */
export const DEMO_NOW = new Date("2026-06-15T10:00:00Z");
