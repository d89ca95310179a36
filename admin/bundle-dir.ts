import { fileURLToPath } from "node:url";

// AdminJS reads ADMIN_JS_TMP_DIR once, when it is first imported, so this module must be imported before it.
// The component bundle is built there (admin/assets), in a folder ignored by git rather than AdminJS's .adminjs.
process.env.ADMIN_JS_TMP_DIR ??= fileURLToPath(new URL("../admin-bundle/", import.meta.url));
// admin/assets builds the component bundle, minified in every mode; AdminJS's own production build would repeat it.
process.env.ADMIN_JS_SKIP_BUNDLE = "true";
