import path from "node:path";
import { defineConfig } from "prisma/config";

// The app connects through driver adapters (core/db/database.ts) and applies migrations itself (core/db/migrate.ts):
// the CLI only generates the client and diffs schemas.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
});
