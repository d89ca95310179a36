import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Role } from "@prisma/client";
import { hashPassword } from "../../core/auth/password.js";
import { createApp } from "../../server/app.js";
import { loadConfig } from "../../server/config.js";
import type { TestDatabase } from "../helpers/databases.js";

export const PASSWORD = "een lang genoeg wachtwoord";

/**
 * The whole app on a random local port; `env` as the server would read it (NODE_ENV=test by default). The test
 * is the proxy on loopback, so X-Forwarded-For names the client; `TRUST_PROXY: ""` serves with the real default.
 */
export async function serve(db: TestDatabase, env: Record<string, string> = { NODE_ENV: "test" }): Promise<{ base: string; server: Server }> {
  const { config } = loadConfig({ TRUST_PROXY: "loopback", ...env });
  const { app } = await createApp({ config, db });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export function stop(server: Server | undefined): void {
  server?.closeAllConnections();
  server?.close();
}

export async function createUser(db: TestDatabase, email: string, role: Role, extra: { active?: boolean } = {}) {
  return db.prisma.user.create({
    data: { email, name: email.split("@")[0]!, role, passwordHash: await hashPassword(PASSWORD), ...extra },
  });
}
