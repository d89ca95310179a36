import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const schemaPath = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
const generatedPath = fileURLToPath(new URL("../node_modules/.prisma/client/schema.prisma", import.meta.url));

/** Prisma copies the schema it generated from, reformatted: compare without the layout. */
function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").replace(/\s+/g, " ");
  } catch {
    return undefined;
  }
}

/** `npm start` after a pull that changed the schema: regenerate the Prisma client before anything loads it. */
export function ensurePrismaClient(): void {
  if (read(generatedPath) === read(schemaPath)) return;
  console.log("Het databankschema is gewijzigd: Prisma-client opnieuw genereren…");
  execFileSync("npm", ["run", "--silent", "postinstall"], { stdio: "inherit" });
}
