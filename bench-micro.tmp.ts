import { openPostgres } from "./core/db/database.js";
const db = await openPostgres("postgresql://postgres@127.0.0.1:5432/bench_scale");
const [{ id }] = await db.query<{ id: string }>(`SELECT "id"::text AS id FROM "Passholder" LIMIT 1`);
async function time(label: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn();
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const t = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
  console.log(label.padEnd(40), (t / n).toFixed(3), "ms wall", ((cpu.user + cpu.system) / 1000 / n).toFixed(3), "ms cpu");
}
await time("pg direct", 3000, () => db.query(`SELECT "points" FROM "Passholder" WHERE "id" = $1::uuid`, [id]));
await time("prisma $queryRawUnsafe", 3000, () => db.prisma.$queryRawUnsafe(`SELECT "points" FROM "Passholder" WHERE "id" = $1::uuid`, id));
await time("prisma $queryRaw tagged", 3000, () => db.prisma.$queryRaw`SELECT "points" FROM "Passholder" WHERE "id" = ${id}::uuid`);
await time("prisma findUnique select", 3000, () => db.prisma.passholder.findUnique({ where: { id }, select: { points: true } }));
await time("prisma findUnique include cardSystem", 3000, () => db.prisma.passholder.findUnique({ where: { id }, select: { cardSystem: true } }));
await db.close();
