import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDatamodel, type DatamodelModel } from "../../admin/datamodel.js";
import { columnValue } from "../../admin/key-values.js";
import { screenModels } from "../../admin/presentation/screens.js";
import { nl } from "../../admin/locale/nl.js";
import { demoAccounts } from "../../seeds/demo-accounts.js";
import type { TestDatabase } from "../helpers/databases.js";
import { signedInDemo, type ApiAnswer, type DemoBackoffice } from "../server/access-setup.js";
import { get, send, type Browser } from "../server/http.js";
import { asStored, badValuesFor, HTML, HUGE, isDutchMessage, kindOf, NUL, SQL, twoBadValuesFor, type BadValue } from "./bad-values.js";

// Every form field of the backoffice gets hostile values, posted as the form posts them. The forms and their fields
// come from the running backoffice (what it hands its own frontend), so a new resource or field is fuzzed too.
// The rule per value:
// - never a server error (5xx);
// - refused: a Dutch message next to THAT field, and neither the record nor the audit trail changed; a create form
//   posted empty or with every field hostile is refused in Dutch with nothing stored;
// - accepted: only free text a person may really type (emoji, right-to-left, an HTML- or SQL-looking string) in a
//   text field, and then it is stored exactly (a lone surrogate as U+FFFD, the only way UTF-8 holds it) and
//   audited; a password may be any text (only its hash is stored). The backoffice's React screens print such text
//   as text, never as HTML; the API hands it back as is.

const API = "/admin/api/resources";

/** A form field as the running backoffice describes it to its own frontend. */
interface FormProperty {
  propertyPath: string;
  type: string;
  availableValues: unknown[] | null;
  reference: string | null;
  isDisabled: boolean;
}

interface ResourceState {
  id: string;
  resourceActions: Array<{ name: string }>;
  editProperties: FormProperty[];
}

/** The resources with their form fields, exactly as the backoffice hands them to this user's browser. */
async function resourcesFor(app: DemoBackoffice, browser: Browser): Promise<ResourceState[]> {
  const html = await (await get(app.base, "/admin", browser)).text();
  const state = /window\.REDUX_STATE = (.*?);\s*\n/s.exec(html)?.[1];
  if (!state) throw new Error("no REDUX_STATE on the backoffice page");
  return (JSON.parse(state) as { resources: ResourceState[] }).resources;
}

const modelsById = async () => new Map(screenModels(await loadDatamodel()).map(({ id, model }) => [id, model]));

type Rows = { findMany(args: object): Promise<Array<Record<string, unknown>>>; count(): Promise<number> };
const rowsOf = (db: TestDatabase, model: DatamodelModel) => (db.prisma as unknown as Record<string, Rows>)[model.name.charAt(0).toLowerCase() + model.name.slice(1)]!;

/** What a write could change of a record: its row (for a composite key, the whole small link table). */
function recordReader(db: TestDatabase, model: DatamodelModel, id: string): () => Promise<unknown> {
  const key = model.fields.find((field) => field.isId);
  const rows = rowsOf(db, model);
  if (!key) return async () => (await rows.findMany({})).map((row) => JSON.stringify(row)).sort();
  return async () => (await rows.findMany({ where: { [key.name]: columnValue(key, id) } }))[0];
}

/** Every error message in an answer: next to fields, and the notice. */
function messagesOf(answer: ApiAnswer): string[] {
  const fieldMessages = Object.values(answer.body.record?.errors ?? {}).map((error) => error.message);
  return [...fieldMessages, ...(answer.body.notice?.type === "error" ? [answer.body.notice.message] : [])];
}

/** The first record this user may edit, that is not the user's own account. */
async function editableRecord(app: DemoBackoffice, browser: Browser, resource: string, ownEmail: string): Promise<string | undefined> {
  const list = await app.getJson(browser, `${API}/${resource}/actions/list?perPage=20`);
  const records = (list.body.records ?? []) as Array<{ id: string; params: Record<string, unknown>; recordActions?: Array<{ name: string }> }>;
  return records.find((record) => record.recordActions?.some((action) => action.name === "edit") && !Object.values(record.params).includes(ownEmail))?.id;
}

/** A message as the backoffice shows it: AdminJS's own keys (e.g. "passwordRequired") in the Dutch interface. */
const shown = (message: string | undefined) => (message && (nl.messages as Record<string, string>)[message]) ?? message;

interface FuzzOptions {
  browser: Browser;
  ownEmail: string;
  /** Only these resources (a sample), else every one the user may create or edit. */
  only?: string[];
  /** Only values of these kinds (see bad-values.ts), else all. */
  kinds?: string[];
}

/**
 * Posts hostile values into every field of every create and edit form this user has; returns how many posts
 * were checked. A create form gets nothing, and every field hostile at once; an edit form gets two hostile
 * values per field (see twoBadValuesFor).
 */
async function fuzzForms(app: DemoBackoffice, { browser, ownEmail, only, kinds }: FuzzOptions): Promise<number> {
  const models = await modelsById();
  const audits = () => app.db.prisma.auditLog.count();
  let posts = 0;
  for (const resource of await resourcesFor(app, browser)) {
    if (only && !only.includes(resource.id)) continue;
    const model = models.get(resource.id)!;
    const fields = resource.editProperties.filter((property) => !property.isDisabled && (!kinds || kinds.includes(kindOf(property))));
    const count = () => rowsOf(app.db, model).count();

    if (resource.resourceActions.some((action) => action.name === "new")) {
      const hostile = Object.fromEntries(fields.map((property) => [property.propertyPath, badValuesFor(property).find((bad) => !bad.free)!.value]));
      for (const [label, form] of [["nothing", {}], ["every field hostile", hostile]] as const) {
        const where = `${resource.id} new with ${label}`;
        const [rowsBefore, auditsBefore] = [await count(), await audits()];
        const answer = await app.postJson(browser, `${API}/${resource.id}/actions/new`, form);
        posts += 1;
        expect.soft(answer.status, where).toBeLessThan(500);
        expect.soft(answer.body.notice?.type, where).toBe("error");
        const messages = messagesOf(answer);
        expect.soft(messages.length, where).toBeGreaterThan(0);
        for (const message of messages) expect.soft(isDutchMessage(shown(message)), `${where}: ${message}`).toBe(true);
        expect.soft([await count(), await audits()], where).toEqual([rowsBefore, auditsBefore]);
      }
    }

    const id = await editableRecord(app, browser, resource.id, ownEmail);
    if (!id) continue;
    const read = recordReader(app.db, model, id);
    const turns = new Map<string, number>();
    let [before, auditsBefore] = [await read(), await audits()];
    for (const property of fields) {
      const kind = kindOf(property);
      const turn = turns.get(kind) ?? 0;
      turns.set(kind, turn + 1);
      const column = model.fields.find((field) => field.name === property.propertyPath && !field.relationName);
      for (const bad of twoBadValuesFor(property, turn)) {
        const where = `${resource.id} edit ${property.propertyPath} = ${bad.label}`;
        const answer = await app.postJson(browser, `${API}/${resource.id}/records/${id}/edit`, { [property.propertyPath]: bad.value });
        posts += 1;
        expect.soft(answer.status, where).toBeLessThan(500);
        const [after, auditsAfter] = [await read(), await audits()];
        if (answer.body.notice?.type === "success") {
          // A password may be any text: only its hash is stored.
          expect.soft(kind === "text" && (bad.free || property.type === "password"), `${where} was accepted`).toBe(true);
          if (column) expect.soft((after as Record<string, unknown>)[column.name], where).toBe(asStored(bad.value));
          if (column) expect.soft(answer.body.record?.params[property.propertyPath], where).toBe(asStored(bad.value));
          // A new password also ends the account's other sessions, audited as a row of its own.
          const endsSessions = model.name === "User" && property.type === "password";
          expect.soft(auditsAfter, where).toBe(auditsBefore + (endsSessions ? 2 : 1));
        } else {
          const message = shown(answer.body.record?.errors?.[property.propertyPath]?.message);
          expect.soft(isDutchMessage(message), `${where}: ${message ?? JSON.stringify(answer.body.record?.errors ?? answer.body.notice)}`).toBe(true);
          expect.soft([after, auditsAfter], where).toEqual([before, auditsBefore]);
        }
        [before, auditsBefore] = [after, auditsAfter];
      }
    }
  }
  return posts;
}

describe("malformed input in the backoffice forms (demo region, embedded database)", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  let eeklo: Browser;
  beforeAll(async () => ({ app, coordinator, eeklo } = await signedInDemo()));
  afterAll(async () => app?.close());
  const coordinatorEmail = demoAccounts.find((account) => account.role === "COORDINATOR")!.email;
  const eekloEmail = demoAccounts.find((account) => account.role === "MUNICIPAL_ADMIN")!.email;

  it("refuses every hostile value of every create and edit form in Dutch next to its field, or stores free text exactly", async () => {
    const posts = await fuzzForms(app, { browser: coordinator, ownEmail: coordinatorEmail });
    // The resources come from the running backoffice: an empty list would prove nothing.
    expect(posts).toBeGreaterThan(300);
  }, 300_000);

  it("refuses a municipal administrator every reference to a record of another municipality", async () => {
    const found = new Map<string, Promise<string[]>>();
    const search = async (browser: Browser, resource: string) => ((await app.getJson(browser, `${API}/${resource}/actions/search?perPage=1000`)).body.records ?? []).map((record) => String(record.id));
    const ids = (browser: Browser, resource: string) => {
      const key = `${browser === eeklo ? "eeklo" : "coordinator"} ${resource}`;
      if (!found.has(key)) found.set(key, search(browser, resource));
      return found.get(key)!;
    };
    const models = await modelsById();
    let tried = 0;
    for (const resource of await resourcesFor(app, eeklo)) {
      const id = await editableRecord(app, eeklo, resource.id, eekloEmail);
      if (!id) continue;
      const read = recordReader(app.db, models.get(resource.id)!, id);
      for (const property of resource.editProperties.filter((candidate) => candidate.reference && !candidate.isDisabled)) {
        const own = new Set(await ids(eeklo, property.reference!));
        const foreign = (await ids(coordinator, property.reference!)).find((candidate) => !own.has(candidate));
        if (!foreign) continue;
        const where = `${resource.id} ${property.propertyPath} = ${property.reference} ${foreign}`;
        const [before, auditsBefore] = [await read(), await app.db.prisma.auditLog.count()];
        const answer = await app.postJson(eeklo, `${API}/${resource.id}/records/${id}/edit`, { [property.propertyPath]: foreign });
        tried += 1;
        expect(answer.status, where).toBe(200);
        // Next to the field, or (when the change would move a link row out of the municipality) as the notice.
        const message = answer.body.record?.errors?.[property.propertyPath]?.message ?? (answer.body.notice?.type === "error" ? answer.body.notice.message : "");
        expect.soft(message, where).toMatch(/buiten uw gemeente|uw eigen gemeente|niet bij uw gemeente/);
        expect([await read(), await app.db.prisma.auditLog.count()], where).toEqual([before, auditsBefore]);
      }
    }
    expect(tried).toBeGreaterThan(3);
  });

  describe("the forms of the custom actions", () => {
    const reasons: BadValue[] = [
      { label: "empty", value: "" },
      { label: "blanks", value: "   " },
      { label: "NUL byte", value: NUL },
      { label: "100,000 characters", value: HUGE },
    ];

    /** Posts `fields` to a record action; it must be refused in Dutch next to `field`, with nothing changed. */
    const expectRefused = async (path: string, fields: Record<string, string>, field: string, unchanged: () => Promise<unknown>) => {
      const [before, auditsBefore] = [await unchanged(), await app.db.prisma.auditLog.count()];
      const answer = await app.postJson(coordinator, path, fields);
      const where = `${path} ${JSON.stringify(fields).slice(0, 80)}`;
      expect(answer.status, where).toBeLessThan(500);
      expect(answer.body.notice?.type, where).toBe("error");
      const message = (answer.body.record?.errors ?? (answer.body as { errors?: Record<string, { message: string }> }).errors)?.[field]?.message;
      expect(isDutchMessage(shown(message)), `${where}: ${message}`).toBe(true);
      expect([await unchanged(), await app.db.prisma.auditLog.count()], where).toEqual([before, auditsBefore]);
    };

    it("refuses a missing, blank, NUL-holding or huge reason on every reason form", async () => {
      const passholder = await app.db.prisma.passholder.findFirstOrThrow({ where: { cards: { some: { status: "ACTIVE" } } } });
      const checkin = await app.db.prisma.checkin.findFirstOrThrow({ where: { corrected: false } });
      const ticket = await app.db.prisma.ticketSale.findFirstOrThrow({ where: { status: "ACTIVE" } });
      const redemption = await app.db.prisma.redemption.findFirstOrThrow({ where: { status: "ACTIVE" } });
      const cards = () => app.db.prisma.card.findMany({ where: { passholderId: passholder.id }, orderBy: { id: "asc" } });
      const forms: Array<[string, () => Promise<unknown>]> = [
        [`${API}/Passholder/records/${passholder.id}/blockCard`, cards],
        [`${API}/Checkin/records/${checkin.id}/correctCheckin`, () => app.db.prisma.checkin.findUnique({ where: { id: checkin.id } })],
        [`${API}/TicketSale/records/${ticket.id}/cancelTicket`, () => app.db.prisma.ticketSale.findUnique({ where: { id: ticket.id } })],
        [`${API}/Redemption/records/${redemption.id}/removeRedemption`, () => app.db.prisma.redemption.findUnique({ where: { id: redemption.id } })],
      ];
      for (const [path, unchanged] of forms) {
        await expectRefused(path, {}, "reason", unchanged);
        for (const reason of reasons) await expectRefused(path, { reason: reason.value }, "reason", unchanged);
      }
      for (const reason of reasons) await expectRefused(`${API}/Passholder/bulk/blockCards?recordIds=${passholder.id}`, { reason: reason.value }, "reason", cards);
      const newCard = `${API}/Passholder/records/${passholder.id}/newCard`;
      for (const reason of reasons) await expectRefused(newCard, { reason: reason.value, newCardNumber: "0900000095902" }, "reason", cards);
      for (const bad of ["", "abc", "1e309", "0900000095903", SQL, HTML, NUL, HUGE, "٠٩٠٠٠٠٠٠٩٥٩٠٢"]) {
        await expectRefused(newCard, { reason: "DEFECT", newCardNumber: bad }, "newCardNumber", cards);
      }
    });

    it("refuses a missing, empty or hostile code file and a hostile agreement upload", async () => {
      const advantage = await app.db.prisma.advantage.findFirstOrThrow({ where: { usesUniqueCodes: true } });
      const codes = () => app.db.prisma.advantageCode.count({ where: { advantageId: advantage.id } });
      const importPath = `${API}/ExchangeAdvantage/records/${advantage.id}/importCodes`;
      await expectRefused(importPath, {}, "file", codes);
      await expectRefused(importPath, { file: "geen bestand" }, "file", codes);
      for (const content of ["", "\u0000\u0000", `code\n${HUGE}`, `code\n${SQL}\n${SQL}`, "\ufeff;;;\n\"open quote"]) {
        await expectUploadRefused(importPath, null, new Blob([content], { type: "text/csv" }), "codes.csv", {}, codes);
      }

      const provider = await app.db.prisma.provider.findFirstOrThrow();
      const agreements = () => app.db.prisma.providerAgreement.count({ where: { providerId: provider.id } });
      const uploadPath = `${API}/Provider/records/${provider.id}/uploadAgreement`;
      await expectRefused(uploadPath, {}, "agreement", agreements);
      await expectRefused(uploadPath, { agreement: HTML }, "agreement", agreements);
      const pdf = new Blob(["%PDF-1.4\n"], { type: "application/pdf" });
      await expectUploadRefused(uploadPath, "agreement", new Blob([HTML], { type: "application/pdf" }), "overeenkomst.pdf", {}, agreements);
      await expectUploadRefused(uploadPath, "agreement", new Blob(["MZ\u0090\u0000"], { type: "application/x-msdownload" }), "<script>.exe", {}, agreements);
      for (const date of ["morgen", "2026-02-30", SQL]) {
        await expectUploadRefused(uploadPath, "agreementSignedAt", pdf, "overeenkomst.pdf", { agreementSignedAt: date }, agreements);
      }
    });

    /**
     * A multipart upload as the action's screen sends it; refused in Dutch next to `field` (null: the screen has
     * that one field and shows the notice under it), nothing changed.
     */
    const expectUploadRefused = async (path: string, field: string | null, file: Blob, name: string, extra: Record<string, string>, unchanged: () => Promise<unknown>) => {
      const form = new FormData();
      form.append(field === null ? "file" : field === "agreementSignedAt" ? "agreement" : field, file, name);
      for (const [key, value] of Object.entries(extra)) form.append(key, value);
      const [before, auditsBefore] = [await unchanged(), await app.db.prisma.auditLog.count()];
      const response = await send(app.base, path, { method: "POST", body: form, headers: { "x-xsrf-token": coordinator.csrfToken! } }, coordinator);
      const where = `${path} ${field} ${name}`;
      expect(response.status, where).toBeLessThan(500);
      const body = (await response.json()) as ApiAnswer["body"];
      expect(body.notice?.type, where).toBe("error");
      const message = field === null ? body.notice?.message : body.record?.errors?.[field]?.message;
      expect(isDutchMessage(message), `${where}: ${message ?? JSON.stringify(body.notice)}`).toBe(true);
      expect([await unchanged(), await app.db.prisma.auditLog.count()], where).toEqual([before, auditsBefore]);
    };
  });
});

// PostgreSQL refuses some values PGlite may take differently (a NUL byte in text, numbers out of range): a sample of
// the same fuzz there.
describe.runIf(process.env.TEST_DATABASE_URL)("malformed input in the backoffice forms (PostgreSQL sample)", () => {
  let app: DemoBackoffice;
  let coordinator: Browser;
  beforeAll(async () => ({ app, coordinator } = await signedInDemo("postgres")));
  afterAll(async () => app?.close());

  it("answers text no column can hold, numbers out of range and impossible dates in Dutch next to the field", async () => {
    const ownEmail = demoAccounts.find((account) => account.role === "COORDINATOR")!.email;
    const posts = await fuzzForms(app, { browser: coordinator, ownEmail, only: ["Municipality", "Counter", "Event", "Passholder"], kinds: ["text", "number", "date"] });
    expect(posts).toBeGreaterThan(50);
  }, 120_000);
});
