import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Prisma's CLI runs fully offline through a driver adapter (no native engine download).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url && /^postgres(ql)?:\/\//.test(url)) {
      return new PrismaPg({ connectionString: url });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Never the app's data folder: a second process on it would corrupt it. The CLI only needs a scratch
    // database to diff schemas. (Typed against an older adapter-utils; the runtime protocol is the same.)
    return new PrismaPGlite(new PGlite("memory://")) as unknown as PrismaPg;
  },
});
