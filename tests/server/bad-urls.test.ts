import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInDemo, type DemoBackoffice } from "./access-setup.js";
import type { Browser } from "./http.js";

// Typed-in or tampered addresses of the backoffice's API: a wrong id, filter value, date or page size is a
// user's mistake, answered as such (not found, or an empty list), never as a server error.
describe("tampered backoffice addresses", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;

  beforeAll(async () => {
    ({ app, coordinator } = await signedInDemo());
  });
  afterAll(async () => app?.close());

  it("answers an id of the wrong type as not found", async () => {
    for (const path of [
      "/admin/api/resources/Passholder/records/abc/show",
      "/admin/api/resources/Event/records/abc/show",
      "/admin/api/resources/Event/records/99999999999999999999/show",
      "/admin/api/resources/CounterStaff/records/x,y/show",
    ]) {
      const answer = await app.getJson(coordinator, path);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.text, path).toContain("NotFoundError");
    }
  });

  it("answers the new-record action opened as an address (not a form post) with 405 and a Dutch notice", async () => {
    const answer = await app.getJson(coordinator, "/admin/api/resources/Passholder/actions/new");
    expect(answer.status).toBe(405);
    expect(answer.body.notice?.message).toContain("formulier");
  });

  it("answers a filter value of the wrong type with an empty list", async () => {
    for (const query of [
      "Checkin/actions/list?filters.passholder=abc",
      "Checkin/actions/list?filters.event=abc",
      "Checkin/actions/list?filters.checkedInAt~~from=gisteren",
      "Event/actions/list?filters.startsAt~~to=2026-99-99",
      "Passholder/actions/list?filters.municipality=12ab",
      "Passholder/actions/list?page=abc&perPage=xyz",
      "Event/actions/search/Eeklo?perPage=5",
      "Event/actions/search/Eeklo?perPage=abc",
    ]) {
      const answer = await app.getJson(coordinator, `/admin/api/resources/${query}`);
      expect(answer.status, query).toBe(200);
      expect(Array.isArray(answer.body.records), query).toBe(true);
    }
  });

  it("still filters on a valid value", async () => {
    const event = await app.db.prisma.checkin.findFirstOrThrow({ select: { eventId: true } });
    const answer = await app.getJson(coordinator, `/admin/api/resources/Checkin/actions/list?filters.event=${event.eventId}`);
    expect(answer.body.records?.length).toBeGreaterThan(0);
    expect(answer.body.records?.every((record) => record.params.event === event.eventId)).toBe(true);
  });
});
