// AdminJS exports its bundler as "adminjs/bundler" but ships no types at that path; these are the parts used here.
declare module "adminjs/bundler" {
  import type AdminJS from "adminjs";

  interface AssetBundler {
    setInputOption(key: string, value: unknown): this;
    setOutputOption(key: string, value: unknown): this;
    createEntry(options: { dir?: string; content: string }): Promise<void>;
    build(): Promise<void>;
  }

  export const componentsBundler: AssetBundler;
  export const ADMIN_JS_TMP_DIR: string;
  export function generateUserComponentEntry(admin: AdminJS, entryPath: string): string;
}
