import type { ValidationError } from "adminjs";
import { describe, expect, it } from "vitest";
import { loadDatamodel } from "../../admin/datamodel.js";
import { writeRefusal } from "../../admin/write-errors.js";
import { databaseKinds } from "../helpers/databases.js";
import { createEvent, worldOn } from "../helpers/fixtures.js";

// Each database reports a refused write its own way (PGlite's adapter passes PostgreSQL's error on, node-postgres's
// becomes a Prisma error): both must come back as the same Dutch message on the same form field.
describe.each(databaseKinds)("refused writes as field errors on %s", (kind) => {
  const context = worldOn(kind);
  const refusalOf = async (model: string, write: Promise<unknown>, submitted: Record<string, unknown> = {}) => {
    const datamodel = await loadDatamodel();
    const error = await write.then(() => null, (caught: unknown) => caught);
    const refusal = writeRefusal(error, datamodel.models.find((candidate) => candidate.name === model)!, submitted) as ValidationError | null;
    return { errors: Object.fromEntries(Object.entries(refusal?.propertyErrors ?? {}).map(([field, { message }]) => [field, message])), message: refusal?.baseError?.message };
  };

  it("names the field of a duplicate, of a missing reference, of a broken rule and of a value out of range", async () => {
    const { db, world } = context;
    const duplicate = await refusalOf("Municipality", db.prisma.municipality.create({ data: { cardSystemId: world.cardSystemId, name: "Eeklo", joinedAt: new Date() } }));
    expect(duplicate.errors).toEqual({ name: 'Deze waarde van "Naam" is al in gebruik: kies een andere.' });

    const event = await createEvent(db.prisma, world);
    const missing = await refusalOf("Event", db.prisma.event.update({ where: { id: event.id }, data: { organiserCounterId: 987654 } }));
    expect(missing.errors).toEqual({ organiserCounter: 'De gekozen waarde bij "Organiserende balie" bestaat niet (meer).' });

    const rule = await refusalOf("Event", db.prisma.event.update({ where: { id: event.id }, data: { endsAt: new Date(event.startsAt.getTime() - 60_000) } }));
    expect(rule.errors).toEqual({ endsAt: "Het einde van het evenement mag niet vóór de start liggen." });

    const huge = await refusalOf("Event", db.prisma.event.update({ where: { id: event.id }, data: { points: 99_999_999_999 } }), { points: "99999999999" });
    expect(huge.errors).toEqual({ points: '"Punten" is te groot of te lang.' });

    const referred = await refusalOf("Counter", db.prisma.counter.delete({ where: { id: event.organiserCounterId } }));
    expect(referred).toEqual({ errors: {}, message: "Dit record kan niet verwijderd worden: andere gegevens verwijzen ernaar." });
  });

  it("names the field of a value Prisma refuses itself, and leaves other errors alone", async () => {
    const { db, world } = context;
    const wrongType = await refusalOf("Counter", db.prisma.counter.update({ where: { id: world.authorisedCounter }, data: { miaTicketLimit: "twee" as never } }));
    expect(wrongType.errors).toEqual({ miaTicketLimit: '"MIA-ticketconstraint" moet een getal zijn.' });
    expect(writeRefusal(new Error("verbinding verbroken"), (await loadDatamodel()).models[0]!)).toBeNull();
  });
});
