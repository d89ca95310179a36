import { fileURLToPath } from "node:url";

// AdminJS reads ADMIN_JS_TMP_DIR once, when it is first imported, so this module must be imported before it.
// The default (.adminjs) is a dot-folder, which Express's sendFile refuses: the component bundle would 404 in production.
export const adminBundleDir = fileURLToPath(new URL("../admin-bundle/", import.meta.url));

process.env.ADMIN_JS_TMP_DIR ??= adminBundleDir;
