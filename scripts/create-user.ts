// Creates a backoffice account (e.g. the first coordinator of a production database).
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { Role } from "@prisma/client";
import { systemActor } from "../core/access/actor.js";
import { migrate } from "../core/db/migrate.js";
import { isCardSystemError } from "../core/errors.js";
import { createUser } from "../core/users/create-user.js";
import { openForSeeding } from "../seeds/open-database.js";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, municipality: { type: "string" } },
});

async function askPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question("Wachtwoord (minstens 12 tekens): ");
  } finally {
    prompt.close();
  }
}

const opened = await openForSeeding();
if (!opened) process.exit(1);
try {
  await migrate(opened.db);
  const user = await createUser(opened.db.prisma, {
    email: values.email ?? "",
    name: values.name ?? "",
    role: (values.role ?? "") as Role,
    municipality: values.municipality,
    password: await askPassword(),
    actor: systemActor("cli:user:create"),
  });
  console.log(`Gebruiker ${user.email} (${user.role}) aangemaakt in ${opened.describe}.`);
} catch (error) {
  if (!isCardSystemError(error)) throw error;
  console.error(`${error.field ? `${error.field}: ` : ""}${error.message}`);
  process.exitCode = 1;
} finally {
  await opened.close();
}
