import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFromUser, type Actor } from "../../admin/access/actor.js";
import { GENERIC_ACTIONS } from "../../admin/access/permissions.js";
import { systemActor } from "../../core/access/actor.js";
import { withCounters } from "../../core/access/load-actor.js";
import { roleMay } from "../../core/access/role-may.js";
import { pickScope, readScope, scopeField, writeScope } from "../../core/access/scope.js";
import { loadDatamodel, type Datamodel } from "../../admin/datamodel.js";
import { requestSignInLink } from "../../core/portal/sign-in-links.js";
import { createUser } from "../../core/users/create-user.js";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import { deskPassholders, freeCardNumbers } from "../../seeds/demo-desk.js";
import { databaseKinds } from "../helpers/databases.js";
import { signedInDemo, type DemoBackoffice } from "../server/access-setup.js";
import { adminLogin, confirmSignInLink, type Browser } from "../server/http.js";
import {
  API,
  countOutside,
  delegateOf,
  filterValue,
  fingerprint,
  isRefusal,
  probe,
  actionPath,
  recordId,
  rowBetween,
  rowOutside,
  rowWhere,
  servedMatrix,
  type Answer,
  type MatrixAction,
  type MatrixResource,
} from "./access-probes.js";
import { deskPages, deskProbe, deskTargets, formsForCounter, formsWithForeignRecords, isDeskRefusal, isSentToSignIn, type DeskAnswer } from "./desk-probes.js";

// Hostile access: every resource and action the backoffice serves, and every form of the desk (/balie), tried by each
// role on records outside its reach.
// The rules under test are admin/access/permissions.ts (what a role may do) and admin/access/scope.ts (which rows).

/** Record actions that only read: on a row an administrator may see, they answer it (that is no leak). */
const READING_RECORD_ACTIONS = new Set(["show", "auditTrail", "downloadSaveCode", "downloadAgreement", "preview", "cardHistory", "onboarding"]);
/** What a tampered form posts: a reason, a card number and a value for every usual text field. */
const HOSTILE_FORM = { reason: "Gekaapt via een vervalst adres", newCardNumber: "0000000000017", name: "Gekaapt", title: "Gekaapt", firstName: "Gekaapt", code: "GEKAAPT" };
const ANY_ID = "1";

// The whole matrix runs on PGlite; on PostgreSQL (TEST_DATABASE_URL) the Eeklo administrator's part and the desk's
// column, whose refusals rest on the queries the database answers.
describe.each(databaseKinds)("access matrix of the backoffice on %s", (kind) => {
  const onPglite = it.runIf(kind === "pglite");
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;
  let datamodel: Datamodel;
  let matrix: MatrixResource[];
  let eekloActor: Actor;
  let prisma: PrismaClient;
  /** Every (role, resource, action) probed, for the report. */
  const cells = new Set<string>();

  const refused = (answer: Answer, what: string) => {
    expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    expect(isRefusal(answer), `${what}: ${answer.text.slice(0, 300)}`).toBe(true);
  };

  beforeAll(async () => {
    ({ app, coordinator, eeklo } = await signedInDemo(kind));
    prisma = app.db.prisma;
    datamodel = await loadDatamodel();
    matrix = await servedMatrix(app, coordinator, datamodel);
    eekloActor = actorFromUser(await prisma.user.findFirstOrThrow({ where: { role: "MUNICIPAL_ADMIN" }, include: withCounters }))!;
    await addRowsOutsideEeklo(prisma, app.eeklo);
  }, 180_000);
  afterAll(async () => {
    const roles = new Map<string, number>();
    for (const cell of cells) roles.set(cell.split(" ")[0]!, (roles.get(cell.split(" ")[0]!) ?? 0) + 1);
    console.log(`access matrix on ${kind}: ${cells.size} (role, resource, action) cells probed`, Object.fromEntries(roles));
    await app?.close();
  });

  it("serves a matrix that covers every model, with rows outside Eeklo for every scoped one", async () => {
    expect(new Set(matrix.map((resource) => resource.model.name))).toEqual(new Set(datamodel.models.map((model) => model.name)));
    expect(matrix.every((resource) => resource.actions.some((action) => action.name === "show"))).toBe(true);
    for (const resource of matrix) {
      const scope = readScope(eekloActor, resource.model.name);
      if (scope && Object.keys(scope).length > 0) expect(await rowOutside(prisma, resource, scope), resource.id).not.toBeNull();
    }
  });

  it("refuses an Eeklo administrator every record, bulk and forbidden action outside their reach, and changes nothing", async () => {
    const before = await fingerprint(prisma, datamodel);
    for (const resource of matrix) {
      const model = resource.model.name;
      const read = readScope(eekloActor, model);
      const write = writeScope(eekloActor, model);
      const outside = await rowOutside(prisma, resource, read);
      // A row they see but may not change (a regional advantage): only writes must fail on it.
      const visibleOnly = read && write ? await rowBetween(prisma, resource, read, write) : null;
      const own = read && (await delegateOf(prisma, model).findFirst({ where: { AND: [resource.fixed, read] } }));
      const anyRow = await rowOutside(prisma, resource, null);
      // The history of a record is the audit trail's: it takes the permission to read that.
      const may = (action: MatrixAction) => (action.name === "auditTrail" ? roleMay("MUNICIPAL_ADMIN", "AuditLog", "list") : roleMay("MUNICIPAL_ADMIN", model, action.name));
      for (const action of resource.actions) {
        const cell = () => cells.add(`MUNICIPAL_ADMIN ${resource.id} ${action.name}`);
        const target = outside ?? (!may(action) ? anyRow : null);
        if (action.actionType === "record") {
          if (target) {
            const path = `${API}/${resource.id}/records/${recordId(resource.model, target)}/${action.name}`;
            refused(await probe(app, eeklo, "GET", path), `GET ${path}`);
            refused(await probe(app, eeklo, "POST", path, HOSTILE_FORM), `POST ${path}`);
            cell();
          }
          if (visibleOnly && !READING_RECORD_ACTIONS.has(action.name)) {
            const path = `${API}/${resource.id}/records/${recordId(resource.model, visibleOnly)}/${action.name}`;
            refused(await probe(app, eeklo, "POST", path, HOSTILE_FORM), `POST ${path} (visible, not theirs)`);
            cell();
          }
          // Their own row, by an action their role may not do at all (edit a municipality, delete a counter, its history).
          if (own && !may(action) && (action.name === "auditTrail" || !READING_RECORD_ACTIONS.has(action.name))) {
            const path = `${API}/${resource.id}/records/${recordId(resource.model, own)}/${action.name}`;
            refused(await probe(app, eeklo, "GET", path), `GET ${path} (their own, not their role's)`);
            refused(await probe(app, eeklo, "POST", path, HOSTILE_FORM), `POST ${path} (their own, not their role's)`);
            cell();
          }
        } else if (action.actionType === "bulk" && target) {
          // Mixed with one of their own rows only where the role may not do it at all; otherwise see the last test.
          const ids = [recordId(resource.model, target), ...(own && !may(action) ? [recordId(resource.model, own)] : [])];
          const path = `${API}/${resource.id}/bulk/${action.name}?recordIds=${ids.join(",")}`;
          refused(await probe(app, eeklo, "GET", path), `GET ${path}`);
          refused(await probe(app, eeklo, "POST", path, HOSTILE_FORM), `POST ${path}`);
          cell();
        } else if (action.actionType === "resource") {
          if (await resourceActionProbe(resource, action, outside)) cell();
        }
      }
    }
    expect(await fingerprint(prisma, datamodel)).toEqual(before);
  });

  /**
   * list, search and new read or write the rows of a whole resource; other resource actions (exports, previews)
   * carry no rows of their own and are probed only where the role may not use them at all.
   */
  async function resourceActionProbe(resource: MatrixResource, action: MatrixAction, outside: Record<string, unknown> | null): Promise<boolean> {
    const model = resource.model.name;
    const base = `${API}/${resource.id}/actions/${action.name}`;
    // A custom resource action (an export, a preview) reads: it needs "list".
    const permission = isGeneric(action) ? action.name : "list";
    if (!roleMay("MUNICIPAL_ADMIN", model, permission) || (action.name !== "new" && readScope(eekloActor, model) === null)) {
      refused(await probe(app, eeklo, "GET", base), `GET ${base}`);
      refused(await probe(app, eeklo, "POST", base, HOSTILE_FORM), `POST ${base}`);
      return true;
    }
    if (!outside) return false;
    const placement = scopeField(model)?.field;
    const foreignValue = placement ? filterValue(resource.model, placement, outside) : null;
    const foreignId = recordId(resource.model, outside);
    if (action.name === "list") {
      const filtered = `${base}?perPage=500&filters.${placement}=${encodeURIComponent(foreignValue ?? "")}`;
      const seen = await probe(app, eeklo, "GET", filtered);
      expect(seen.status, filtered).toBe(200);
      const ids = (seen.body.records ?? []).map((record) => String(record.id));
      expect(await countOutside(prisma, resource.model, ids, readScope(eekloActor, model)), filtered).toBe(0);
      // The same filter does select the row for the coordinator: the filter is honoured, the scope is what hides it.
      const all = await probe(app, coordinator, "GET", filtered);
      expect(all.body.records?.map((record) => String(record.id)), `coordinator ${filtered}`).toContain(foreignId);
      const unfiltered = await probe(app, eeklo, "GET", `${base}?perPage=100`);
      const listed = (unfiltered.body.records ?? []).map((record) => String(record.id));
      expect(await countOutside(prisma, resource.model, listed, readScope(eekloActor, model)), `${base} unfiltered`).toBe(0);
      return true;
    }
    if (action.name === "search") {
      const shown = await probe(app, coordinator, "GET", `${API}/${resource.id}/records/${foreignId}/show`);
      const title = (shown.body.record as { title?: string } | undefined)?.title ?? foreignId;
      const path = `${API}/${resource.id}/search/${encodeURIComponent(title)}`;
      const found = await probe(app, eeklo, "GET", path);
      expect(found.status, path).toBe(200);
      const ids = (found.body.records ?? []).map((record) => String(record.id));
      expect(await countOutside(prisma, resource.model, ids, pickScope(eekloActor, model)), path).toBe(0);
      return true;
    }
    if (action.name === "new" && placement && foreignValue !== null) {
      // A refused form comes back with what was typed and the error next to the field; nothing was created.
      const answer = await probe(app, eeklo, "POST", base, { ...HOSTILE_FORM, [placement]: foreignValue });
      const what = `POST ${base} placed in another municipality: ${answer.text.slice(0, 300)}`;
      expect(answer.status, what).toBeLessThan(500);
      expect(answer.body.notice?.type ?? "error", what).toBe("error");
      expect(answer.body.record?.params?.id, what).toBeUndefined();
      expect(isRefusal(answer) || Object.keys(answer.body.record?.errors ?? {}).length > 0, what).toBe(true);
      return true;
    }
    return false;
  }

  it("never lets an Eeklo administrator point a reference of their own row at another municipality's row", async () => {
    let probed = 0;
    for (const resource of matrix.filter((candidate) => candidate.actions.some((action) => action.name === "edit"))) {
      const write = writeScope(eekloActor, resource.model.name);
      if (!write || !roleMay("MUNICIPAL_ADMIN", resource.model.name, "edit")) continue;
      const own = await delegateOf(prisma, resource.model.name).findFirst({ where: { AND: [resource.fixed, write] } });
      if (!own) continue;
      for (const field of resource.model.fields.filter((candidate) => candidate.relationFromFields?.length)) {
        const pick = pickScope(eekloActor, field.type);
        if (!pick || Object.keys(pick).length === 0) continue;
        const foreign = await delegateOf(prisma, field.type).findFirst({ where: { NOT: pick } });
        if (!foreign) continue;
        const value = String(foreign[field.relationToFields?.[0] ?? "id"]);
        const path = `${API}/${resource.id}/records/${recordId(resource.model, own)}/edit`;
        const before = await delegateOf(prisma, resource.model.name).findFirst({ where: rowWhere(resource.model, own) });
        const answer = await probe(app, eeklo, "POST", path, { [field.name]: value });
        const what = `POST ${path} ${field.name}=${value}: ${answer.text.slice(0, 300)}`;
        expect(answer.status, what).toBeLessThan(500);
        const after = await delegateOf(prisma, resource.model.name).findFirst({ where: rowWhere(resource.model, own) });
        // Refused with a message, or (a field the form never changes, like a passholder's municipality) ignored.
        if (answer.body.notice?.type === "error") expect(after, what).toEqual(before);
        else expect(after?.[field.relationFromFields![0]!], what).toEqual(before?.[field.relationFromFields![0]!]);
        probed += 1;
      }
      cells.add(`MUNICIPAL_ADMIN ${resource.id} edit (reference elsewhere)`);
    }
    expect(probed).toBeGreaterThan(10);
  });

  onPglite("gives an Eeklo administrator no other municipality's rows in exports, the settlement or QR save-codes", async () => {
    const before = await fingerprint(prisma, datamodel, new Set(["AuditLog"]));
    for (const resource of matrix.filter((candidate) => candidate.actions.some((action) => action.name === "exportList"))) {
      const outside = (await rowOutside(prisma, resource, readScope(eekloActor, resource.model.name)))!;
      const placement = scopeField(resource.model.name)!.field;
      const path = `/admin/export/${resource.id}/csv?filters.${placement}=${encodeURIComponent(filterValue(resource.model, placement, outside)!)}`;
      const theirs = await probe(app, eeklo, "GET", path);
      expect(theirs.status, path).toBe(200);
      expect(csvLines(theirs.text), path).toBe(1);
      expect(csvLines((await probe(app, coordinator, "GET", path)).text), `coordinator ${path}`).toBeGreaterThan(1);
      const xlsx = await probe(app, eeklo, "GET", path.replace("/csv?", "/xlsx?"));
      expect(xlsx.status).toBe(200);
      cells.add(`MUNICIPAL_ADMIN ${resource.id} export`);
    }

    const elsewhere = await prisma.counter.findMany({ where: { municipalityId: { not: app.eeklo }, events: { some: { ticketSales: { some: { status: "ACTIVE" } } } } }, select: { name: true } });
    const period = "?from=2020-01-01&to=2030-12-31";
    const own = (await probe(app, eeklo, "GET", `/admin/afrekening/csv${period}`)).text;
    const all = (await probe(app, coordinator, "GET", `/admin/afrekening/csv${period}`)).text;
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const { name } of elsewhere) {
      expect(all).toContain(name);
      expect(own).not.toContain(name);
    }
    const onScreen = await probe(app, eeklo, "GET", `${API}/TicketSale/actions/settlement${period}`);
    for (const { name } of elsewhere) expect(onScreen.text).not.toContain(name);
    cells.add("MUNICIPAL_ADMIN TicketSale afrekening");

    const event = (await prisma.event.findFirstOrThrow({ where: { municipalityId: { not: app.eeklo } } })).id;
    for (const file of ["spaarcode.png", "spaarcode.svg", "affiche"]) {
      const answer = await probe(app, eeklo, "GET", `/admin/qr-spaarcode/${event}/${file}`);
      expect(answer.status, file).toBe(404);
      expect(answer.text).toContain("buiten jouw gemeente");
      expect((await probe(app, coordinator, "GET", `/admin/qr-spaarcode/${event}/${file}`)).status).toBe(200);
    }
    cells.add("MUNICIPAL_ADMIN Event qr-spaarcode");
    expect(await fingerprint(prisma, datamodel, new Set(["AuditLog"]))).toEqual(before);
  });

  onPglite("lets the coordinator reach nothing of the models closed to everyone (sessions, sign-in links, counters, agreements as rows)", async () => {
    const closed: string[] = [];
    const before = await fingerprint(prisma, datamodel);
    for (const resource of matrix) {
      const list = await probe(app, coordinator, "GET", `${API}/${resource.id}/actions/list`);
      if (!isRefusal(list)) continue;
      closed.push(resource.id);
      const row = await rowOutside(prisma, resource, null);
      const id = row ? recordId(resource.model, row) : ANY_ID;
      for (const action of resource.actions) {
        const path = actionPath(resource, action, id);
        refused(await probe(app, coordinator, "GET", path), `GET ${path}`);
        refused(await probe(app, coordinator, "POST", path, HOSTILE_FORM), `POST ${path}`);
        cells.add(`COORDINATOR ${resource.id} ${action.name}`);
      }
      const search = await probe(app, coordinator, "GET", `${API}/${resource.id}/search/a`);
      refused(search, `${resource.id} search`);
    }
    expect(closed.sort()).toEqual(["PortalSignInToken", "ProviderAgreement", "RateLimit", "Session", "StaffTwoFactor"]);
    expect(await fingerprint(prisma, datamodel)).toEqual(before);
  });

  onPglite("sends every request without a backoffice session to the login page, counter staff and a demoted administrator included", async () => {
    const nobody: Browser = {};
    await probe(app, nobody, "GET", "/admin/login");
    const staffAccount = demoAccounts.find((account) => account.role === "COUNTER_STAFF")!;
    const staff: Browser = {};
    const staffLogin = await adminLogin(app.base, staffAccount.email, staffAccount.password, staff);
    expect(staffLogin.status, "counter staff are refused at the login").not.toBe(302);
    const demoted: Browser = {};
    const user = await createUser(prisma, { email: "wordt.balie@eeklo.test", name: "Wordt Balie", role: "MUNICIPAL_ADMIN", municipality: "Eeklo", password: "een lang genoeg wachtwoord", actor: systemActor("test") });
    expect((await adminLogin(app.base, user.email, "een lang genoeg wachtwoord", demoted)).status).toBe(302);
    await prisma.user.update({ where: { id: user.id }, data: { role: "COUNTER_STAFF", municipalityId: null } });

    const before = await fingerprint(prisma, datamodel);
    const browsers: Array<[string, Browser]> = [["NO_SESSION", nobody], ["COUNTER_STAFF", staff], ["DEMOTED_TO_COUNTER_STAFF", demoted]];
    const event = (await prisma.event.findFirstOrThrow()).id;
    const otherRoutes = ["/admin", "/admin/export/Passholder/csv", "/admin/export/Checkin/xlsx", "/admin/afrekening/csv?from=2026-01-01&to=2026-12-31", `/admin/qr-spaarcode/${event}/spaarcode.png`, `/admin/qr-spaarcode/${event}/affiche`];
    const targets = await Promise.all(matrix.map(async (resource) => rowOutside(prisma, resource, null).then((row) => (row ? recordId(resource.model, row) : ANY_ID))));
    // The three browsers side by side: each still waits for its own answers.
    await Promise.all(browsers.map(async ([role, browser]) => {
      for (const [index, resource] of matrix.entries()) {
        for (const action of resource.actions) {
          const path = actionPath(resource, action, targets[index]!);
          refused(await probe(app, browser, "GET", path), `${role} GET ${path}`);
          refused(await probe(app, browser, "POST", path, HOSTILE_FORM), `${role} POST ${path}`);
          cells.add(`${role} ${resource.id} ${action.name}`);
        }
      }
      for (const path of otherRoutes) {
        const answer = await probe(app, browser, "GET", path);
        refused(answer, `${role} GET ${path}`);
        expect(answer.text, `${role} ${path}`).not.toMatch(/PNG|<svg|Kaartnummer/);
      }
    }));
    expect(await fingerprint(prisma, datamodel)).toEqual(before);
  });

  it("refuses at the desk (/balie) every other counter's id and records, and every browser without a desk session, and changes nothing", async () => {
    const account = (email: string) => demoAccounts.find((candidate) => candidate.email === email)!;
    const counterNamed = (name: string) => prisma.counter.findFirstOrThrow({ where: { name } });
    const sociaalHuis = await counterNamed("Sociaal Huis Eeklo");
    const assenede = await counterNamed("Bibliotheek Assenede");
    /** Signed in at the desk and working at `counter` (chosen, as a user of several counters does). */
    const atDesk = async (email: string, counter: number): Promise<Browser> => {
      const browser: Browser = {};
      const signedIn = await deskProbe(app.base, browser, "POST", "/balie/aanmelden", { email, password: account(email).password });
      expect(signedIn.location, `${email} signs in at the desk`).toBe("/balie");
      const chosen = await deskProbe(app.base, browser, "POST", "/balie/balies", { counterId: String(counter) });
      expect(chosen.location, `${email} chooses counter ${counter}`).toBe("/balie");
      return browser;
    };
    const countersOf = async (email: string) => (await prisma.counterStaff.findMany({ where: { user: { email } } })).map((link) => link.counterId);
    const foreignTo = async (own: number[], preferred: number) => (own.includes(preferred) ? (await prisma.counter.findFirstOrThrow({ where: { id: { notIn: own } } })).id : preferred);
    const mia = deskPassholders.find((passholder) => passholder.firstName === "Mia")!;
    const eekloCounters = (await prisma.counter.findMany({ where: { municipalityId: app.eeklo } })).map((counter) => counter.id);

    // (b) counter staff of one counter posting the other's, both ways; (c) Eeklo's administrator posting a counter of Assenede.
    const staffEmail = account("balie.sociaalhuis.eeklo@uitpas-meetjesland.test").email;
    const otherStaffEmail = account("balie.bibliotheek.assenede@uitpas-meetjesland.test").email;
    const probers = [
      { role: "COUNTER_STAFF Sociaal Huis Eeklo", browser: await atDesk(staffEmail, sociaalHuis.id), own: sociaalHuis.id, counters: await countersOf(staffEmail), preferred: assenede.id },
      { role: "COUNTER_STAFF Bibliotheek Assenede", browser: await atDesk(otherStaffEmail, assenede.id), own: assenede.id, counters: await countersOf(otherStaffEmail), preferred: sociaalHuis.id },
      { role: "MUNICIPAL_ADMIN Eeklo", browser: await atDesk(account("beheerder.eeklo@uitpas-meetjesland.test").email, sociaalHuis.id), own: sociaalHuis.id, counters: eekloCounters, preferred: assenede.id },
    ];
    // (a) no session, (d) the backoffice's session only, (e) a passholder's portal session only.
    const link = await requestSignInLink(prisma, { email: mia.email });
    const outsiders: Array<[string, Browser]> = [
      ["NO_SESSION", {}],
      ["BACKOFFICE_SESSION", coordinator],
      ["BACKOFFICE_SESSION_EEKLO", eeklo],
      ["PORTAL_SESSION", await confirmSignInLink(app.base, `/aanmelden/${link!.token}`)],
    ];

    const before = await fingerprint(prisma, datamodel);
    const refusedAtDesk = (answer: DeskAnswer, what: string) => {
      expect(isDeskRefusal(answer), `${what}: ${answer.status} ${answer.location ?? ""} ${answer.text.slice(0, 400)}`).toBe(true);
      // The answer to another counter's id is the counter's refusal, whatever else the form carried.
      if (what.endsWith("(other counter)")) expect(answer.refusal, what).toMatch(/U werkt niet voor deze balie|Kies een balie van uw eigen gemeente/);
    };
    for (const prober of probers) {
      const foreign = await foreignTo(prober.counters, prober.preferred);
      const targets = await deskTargets(prisma, prober.counters, foreign, mia.cardNumber, freeCardNumbers[0]!);
      for (const form of formsForCounter(targets, foreign)) {
        refusedAtDesk(await deskProbe(app.base, prober.browser, "POST", form.path, form.fields), `${prober.role} ${form.what} at counter ${foreign} (other counter)`);
        cells.add(`${prober.role} desk ${form.what} (other counter)`);
      }
      for (const form of formsWithForeignRecords(targets, prober.own)) {
        refusedAtDesk(await deskProbe(app.base, prober.browser, "POST", form.path, form.fields), `${prober.role} ${form.what}`);
        cells.add(`${prober.role} desk ${form.what}`);
      }
      for (const path of deskPages(targets).filter((candidate) => candidate.includes("qr-spaarcode"))) {
        const answer = await deskProbe(app.base, prober.browser, "GET", path);
        expect(answer.status, `${prober.role} GET ${path}`).toBe(404);
        expect(answer.text).toContain("geen evenement van je balie");
      }
      // Reading: the counter list and the remembered activity never show the other counter's.
      const listed = await deskProbe(app.base, prober.browser, "GET", `/balie/balies?zoek=${encodeURIComponent(targets.foreignCounter.name)}`);
      expect(listed.status).toBe(200);
      expect(listed.text, `${prober.role} searches ${targets.foreignCounter.name}`).not.toContain(targets.foreignCounter.name);
      await deskProbe(app.base, prober.browser, "POST", "/balie", { actie: "activiteit", eventId: targets.foreignEvent.id });
      expect((await deskProbe(app.base, prober.browser, "GET", "/balie")).text, `${prober.role} remembers another counter's activity`).not.toContain(`Gekozen: ${targets.foreignEvent.name}`);
      cells.add(`${prober.role} desk lists and QR save-codes`);
    }

    const targets = await deskTargets(prisma, [sociaalHuis.id], assenede.id, mia.cardNumber, freeCardNumbers[0]!);
    const forms = [...formsForCounter(targets, sociaalHuis.id), ...formsForCounter(targets, assenede.id), { what: "afmelden", path: "/balie/afmelden", fields: {} }];
    await Promise.all(
      outsiders.map(async ([role, browser]) => {
        for (const path of deskPages(targets)) {
          const answer = await deskProbe(app.base, browser, "GET", path);
          expect(isSentToSignIn(answer), `${role} GET ${path}: ${answer.status} ${answer.location}`).toBe(true);
        }
        for (const form of forms) {
          const answer = await deskProbe(app.base, browser, "POST", form.path, form.fields);
          expect(isSentToSignIn(answer), `${role} POST ${form.path} (${form.what}): ${answer.status} ${answer.location} ${answer.text.slice(0, 300)}`).toBe(true);
          cells.add(`${role} desk ${form.what}`);
        }
      }),
    );
    expect(await fingerprint(prisma, datamodel)).toEqual(before);
  });

  it("bulk-deletes exactly the link rows selected, and none for an id list that names no row", async () => {
    const links = () => prisma.pillarCounter.findMany({ where: { pillar: { municipalityId: app.eeklo } }, orderBy: [{ pillarId: "asc" }, { counterId: "asc" }] });
    const own = await links();
    expect(own.length).toBeGreaterThan(1);
    for (const tampered of ["zzz", "1", "1,2,3", ","]) {
      const answer = await probe(app, eeklo, "POST", `${API}/PillarCounter/bulk/bulkDelete?recordIds=${encodeURIComponent(tampered)}`, {});
      expect(answer.status, tampered).toBe(404);
      expect(await links(), tampered).toEqual(own);
    }
    const [chosen, ...kept] = own;
    const answer = await probe(app, eeklo, "POST", `${API}/PillarCounter/bulk/bulkDelete?recordIds=${chosen!.pillarId},${chosen!.counterId}`, {});
    expect(answer.body.notice?.type).toBe("success");
    expect(await links()).toEqual(kept);
    cells.add("MUNICIPAL_ADMIN PillarCounter bulkDelete (tampered ids)");
  });

  it("bulk actions an administrator may do on their own rows are refused as a whole when the other municipality's rows are among the ids", async () => {
    for (const resource of matrix) {
      const model = resource.model.name;
      const read = readScope(eekloActor, model);
      const write = writeScope(eekloActor, model);
      if (!read || !write) continue;
      for (const action of resource.actions.filter((candidate) => candidate.actionType === "bulk" && roleMay("MUNICIPAL_ADMIN", model, candidate.name))) {
        const outside = (await rowOutside(prisma, resource, read))!;
        const own = await delegateOf(prisma, model).findFirst({ where: { AND: [resource.fixed, write] } });
        const ids = [recordId(resource.model, outside), ...(own ? [recordId(resource.model, own)] : [])];
        const foreignRow = () => delegateOf(prisma, model).findFirst({ where: rowWhere(resource.model, outside) });
        const cardsBefore = model === "Passholder" ? await prisma.card.findMany({ where: { passholderId: String(outside.id) } }) : null;
        const ownRow = () => (own ? delegateOf(prisma, model).findFirst({ where: rowWhere(resource.model, own) }) : Promise.resolve(null));
        const [rowBefore, ownBefore] = [await foreignRow(), await ownRow()];
        const answer = await probe(app, eeklo, "POST", `${API}/${resource.id}/bulk/${action.name}?recordIds=${ids.join(",")}`, HOSTILE_FORM);
        expect(answer.status, `${resource.id} ${action.name}`).toBe(404);
        expect(answer.body.records ?? []).toEqual([]);
        expect(await foreignRow(), `${resource.id} ${action.name}`).toEqual(rowBefore);
        expect(await ownRow(), `${resource.id} ${action.name}`).toEqual(ownBefore);
        if (cardsBefore) expect(await prisma.card.findMany({ where: { passholderId: String(outside.id) } })).toEqual(cardsBefore);
        cells.add(`MUNICIPAL_ADMIN ${resource.id} ${action.name} (mixed ids)`);
      }
    }
  });
});

function isGeneric(action: MatrixAction): boolean {
  return (GENERIC_ACTIONS as readonly string[]).includes(action.name);
}

function csvLines(text: string): number {
  return text.split("\r\n").filter((line) => line.replace("\uFEFF", "").length > 0).length;
}

/**
 * The demo region has no outbox mail, counter staff, unique codes or agreement outside Eeklo: add one of each, so
 * every scoped model has a row an Eeklo administrator must not reach.
 */
async function addRowsOutsideEeklo(prisma: PrismaClient, eeklo: number): Promise<void> {
  const provider = await prisma.provider.findFirstOrThrow({ where: { municipalityId: { not: eeklo } } });
  await prisma.emailMessage.create({ data: { toAddress: "aanbieder@elders.test", subject: "Welkom", template: "onboarding", html: "<p>Welkom</p>", text: "Welkom", providerId: provider.id } });
  await prisma.providerAgreement.create({ data: { providerId: provider.id, fileName: "overeenkomst.pdf", contentType: "application/pdf", size: 4, contentBase64: "JVBERg==", uploadedBy: "test" } });
  const counter = await prisma.counter.findFirstOrThrow({ where: { municipalityId: { not: eeklo } } });
  const staff = await prisma.user.findFirstOrThrow({ where: { role: "COUNTER_STAFF" } });
  await prisma.counterStaff.create({ data: { counterId: counter.id, userId: staff.id } });
  const advantage = await prisma.advantage.findFirstOrThrow({ where: { ownerMunicipalityId: { not: eeklo } } });
  await prisma.advantageCode.create({ data: { advantageId: advantage.id, code: "ELDERS-0001" } });
}
