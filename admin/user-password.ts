import { ValidationError, type ActionRequest, type ActionResponse, type ResourceOptions } from "adminjs";
import { hashPassword } from "../core/auth/password.js";

export const MIN_PASSWORD_LENGTH = 12;

/** Users get a "password" field that is hashed into passwordHash; the hash itself is never shown or accepted. */
export function withPasswordField(options: ResourceOptions): ResourceOptions {
  const readOnly = { isVisible: { list: false, filter: true, show: true, edit: false } };
  return {
    ...options,
    properties: {
      ...options.properties,
      passwordHash: { isVisible: false },
      password: {
        type: "password",
        isVisible: { list: false, filter: false, show: false, edit: true },
        description: `Minstens ${MIN_PASSWORD_LENGTH} tekens. Laat leeg bij bewerken om het huidige wachtwoord te behouden.`,
      },
      lastLoginAt: readOnly,
      failedLogins: readOnly,
    },
    // AdminJS echoes the submitted payload (now holding the new hash) in its answer: strip it there too.
    actions: {
      new: { before: hashPasswordField(true), after: withoutHash },
      edit: { before: hashPasswordField(false), after: withoutHash },
    },
  };
}

export function hashPasswordField(required: boolean) {
  return async (request: ActionRequest): Promise<ActionRequest> => {
    if (request.method !== "post" || !request.payload) return request;
    const { password, passwordHash: _ignored, ...payload } = request.payload as Record<string, unknown>;
    checkRoleMunicipality(payload);
    if (typeof password === "string" && password !== "") {
      if (password.length < MIN_PASSWORD_LENGTH) throw passwordError();
      payload.passwordHash = await hashPassword(password);
    } else if (required) {
      throw passwordError();
    }
    return { ...request, payload };
  };
}

export async function withoutHash(response: ActionResponse): Promise<ActionResponse> {
  const params = (response.record as { params?: Record<string, unknown> } | undefined)?.params;
  if (params) delete params.passwordHash;
  return response;
}

/** A local administrator works for one municipality; the others for the whole region (as core's createUser). */
function checkRoleMunicipality(payload: Record<string, unknown>): void {
  if (payload.role === undefined) return;
  const hasMunicipality = payload.municipality !== undefined && payload.municipality !== null && payload.municipality !== "";
  if (payload.role === "MUNICIPAL_ADMIN" && !hasMunicipality) {
    const message = "Kies de gemeente van deze lokale verantwoordelijke.";
    throw new ValidationError({ municipality: { message } }, { message });
  }
  if (payload.role !== "MUNICIPAL_ADMIN" && hasMunicipality) payload.municipality = null;
}

function passwordError(): ValidationError {
  // A translation key: AdminJS shows messages.passwordRequired next to the field.
  return new ValidationError({ password: { message: "passwordRequired" } });
}
