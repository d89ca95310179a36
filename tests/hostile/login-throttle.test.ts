import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { slowDownMs } from "../../server/staff-sign-in.js";
import { databaseKinds } from "../helpers/databases.js";
import { worldOn } from "../helpers/fixtures.js";
import { adminLogin, loginError, type Browser } from "../server/http.js";
import { createUser, PASSWORD, serve, stop } from "../server/serve-app.js";

/** A client at `ip`, as the proxy on loopback tells it. */
const from = (ip: string): Browser => ({ headers: { "x-forwarded-for": ip } });

describe.each(databaseKinds)("nobody can lock a backoffice account by failing to sign in (%s)", (kind) => {
  const context = worldOn(kind);
  let base: string;
  let server: Server;
  beforeAll(async () => {
    ({ base, server } = await serve(context.db));
  });
  afterAll(() => stop(server));

  const burstMails = (to: string) => context.db.prisma.emailMessage.findMany({ where: { toAddress: to, template: "staff-sign-in-failures" } });

  it("refuses the failing client, but lets the holder in with the right password from a client that has not failed", async () => {
    await createUser(context.db, "coordinator.doelwit@example.be", "COORDINATOR");
    for (let i = 0; i < 10; i++) expect((await adminLogin(base, "coordinator.doelwit@example.be", `fout ${i}`, from("203.0.113.7"))).status).toBe(200);
    const attacker = await adminLogin(base, "coordinator.doelwit@example.be", PASSWORD, from("203.0.113.7"));
    expect(loginError(await attacker.text())).toBe("loginThrottled");

    const holder = await adminLogin(base, "coordinator.doelwit@example.be", PASSWORD, from("198.51.100.1"));
    expect(holder.status).toBe(302);
  });

  it("only slows an account down when wrong passwords come from many addresses, and tells its holder once per burst", async () => {
    const user = await createUser(context.db, "verspreid@example.be", "MUNICIPAL_ADMIN");
    for (let i = 0; i < 12; i++) await adminLogin(base, "verspreid@example.be", `fout ${i}`, from(`203.0.113.${100 + i}`));
    const failedLogins = () => context.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } }).then((row) => row.failedLogins);
    await expect.poll(failedLogins).toBe(12);

    const started = performance.now();
    const holder = await adminLogin(base, "verspreid@example.be", PASSWORD, from("198.51.100.2"));
    expect(holder.status).toBe(302);
    expect(slowDownMs(12)).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(slowDownMs(12) - 20);

    await expect.poll(() => burstMails("verspreid@example.be").then((mails) => mails.length), { timeout: 10_000 }).toBe(1);
    const [mail] = await burstMails("verspreid@example.be");
    expect(mail!.subject).toContain("Mislukte aanmeldpogingen");
    expect(mail!.text).toContain("10 keer een verkeerd wachtwoord");
    expect(mail!.text).toMatch(/\(1\d keer sinds je laatste geslaagde aanmelding\)/);
    // The right password starts the count since the last sign-in over.
    expect(await failedLogins()).toBe(0);
  });

  it("mails the holder once for a burst that lasts across a quarter mark, and again for a burst a while later", async () => {
    await createUser(context.db, "kwartier@example.be", "MUNICIPAL_ADMIN");
    const fail = (ip: number) => adminLogin(base, "kwartier@example.be", "fout", from(`192.0.2.${ip}`));
    const failedLogins = () => context.db.prisma.user.findFirstOrThrow({ where: { email: "kwartier@example.be" } }).then((row) => row.failedLogins);
    const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(hour + 14 * 60_000);
      for (let i = 0; i < 10; i++) await fail(i);
      await expect.poll(() => burstMails("kwartier@example.be").then((mails) => mails.length), { timeout: 10_000 }).toBe(1);
      // 90 seconds into the next quarter hour, the ten weigh as nine: this failure counts ten again.
      vi.setSystemTime(hour + 16.5 * 60_000);
      await fail(10);
      await expect.poll(failedLogins, { timeout: 10_000 }).toBe(11);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await burstMails("kwartier@example.be")).toHaveLength(1);
      vi.setSystemTime(hour + 60 * 60_000);
      for (let i = 11; i < 21; i++) await fail(i);
      await expect.poll(failedLogins, { timeout: 10_000 }).toBe(21);
      await expect.poll(() => burstMails("kwartier@example.be").then((mails) => mails.length), { timeout: 10_000 }).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("mails nobody for a burst on an address without account", async () => {
    for (let i = 0; i < 12; i++) await adminLogin(base, "niemand@example.be", `fout ${i}`, from(`203.0.113.${200 + i}`));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await burstMails("niemand@example.be")).toEqual([]);
  });
});
