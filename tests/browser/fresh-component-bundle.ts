import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

// The app builds its component bundle in a folder of its own below ADMIN_JS_TMP_DIR (admin/assets). A folder per
// browser test run keeps its builds apart from other runs' and is removed afterwards. AdminJS reads the variable
// once, when it is first imported, so this module must be imported before the app.
export const componentBundleDir = path.join(tmpdir(), `uitpas-admin-bundle-${randomUUID()}`);
process.env.ADMIN_JS_TMP_DIR = componentBundleDir;
