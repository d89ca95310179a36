import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

// Outside production AdminJS serves the component bundle it finds in ADMIN_JS_TMP_DIR, and builds one only when
// there is none: a bundle that another run left in the shared folder may lack newer components. AdminJS reads the
// variable once, when it is first imported, so this module must be imported before the app. AdminJS creates the
// folder when it builds.
export const componentBundleDir = path.join(tmpdir(), `uitpas-admin-bundle-${randomUUID()}`);
process.env.ADMIN_JS_TMP_DIR = componentBundleDir;
