import type { Role, User } from "@prisma/client";
import type { Actor, RequestMeta } from "../access/actor.js";
import { requireStaff } from "../access/authorize.js";
import { recordAudit } from "../audit/record-audit.js";
import { hashPassword } from "../auth/password.js";
import { CardSystemError } from "../errors.js";
import { inTransaction, isUniqueViolation, type Db } from "../transaction.js";
import { optionalEmail, requiredText } from "../validation/fields.js";

export const MIN_PASSWORD_LENGTH = 12;
const ROLES: Role[] = ["COORDINATOR", "MUNICIPAL_ADMIN", "COUNTER_STAFF"];

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Name of the municipality a municipal administrator is limited to. */
  municipality?: string;
  /** Only the system (command-line tools) and coordinators create accounts. */
  actor: Actor;
  request?: RequestMeta;
}

/** Creates a staff or administrator account with a hashed password. */
export async function createUser(db: Db, input: CreateUserInput): Promise<User> {
  if (input.actor.kind !== "SYSTEM") requireStaff(input.actor, ["COORDINATOR"]);
  const email = optionalEmail(input.email);
  if (!email) throw new CardSystemError("VALIDATION", { field: "email", message: "E-mailadres is verplicht." });
  const name = requiredText(input.name, "name", "Naam");
  if (!ROLES.includes(input.role)) {
    throw new CardSystemError("VALIDATION", { field: "role", message: `Rol moet ${ROLES.join(", ")} zijn.` });
  }
  if (typeof input.password !== "string" || input.password.length < MIN_PASSWORD_LENGTH) {
    throw new CardSystemError("VALIDATION", { field: "password", message: `Wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens lang zijn.` });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (tx) => {
      let municipalityId: number | undefined;
      if (input.role === "MUNICIPAL_ADMIN") {
        const municipalityName = requiredText(input.municipality, "municipality", "Gemeente");
        const municipality = await tx.municipality.findFirst({ where: { name: { equals: municipalityName, mode: "insensitive" } } });
        if (!municipality) throw new CardSystemError("VALIDATION", { field: "municipality", message: `Gemeente "${municipalityName}" bestaat niet.` });
        municipalityId = municipality.id;
      }
      const user = await tx.user.create({ data: { email, name, role: input.role, passwordHash, municipalityId } });
      await recordAudit(tx, { actor: input.actor, request: input.request, action: "user.create", resource: "User", recordId: user.id, changes: { email, role: input.role, municipalityId: municipalityId ?? null, passwordHash: "set" } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new CardSystemError("VALIDATION", { field: "email", message: "Er bestaat al een gebruiker met dit e-mailadres." });
    throw error;
  }
}
