import { adminBundleDir } from "./bundle-dir.js";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AdminJS, { ComponentLoader, type AdminJSOptions } from "adminjs";
import AdminJSExpress from "@adminjs/express";
import { Database as PrismaDatabase } from "@adminjs/prisma";
import express from "express";
import session from "express-session";
import type { Database } from "../core/db/database.js";
import type { Config } from "../server/config.js";
import { DatabaseSessionStore } from "../server/session-store.js";
import { createAuthenticate } from "./authenticate.js";
import { csrfProtection } from "./csrf-protection.js";
import { withPostLogout } from "./logout.js";
import { refreshSessionUser } from "./refresh-session-user.js";
import { loadDatamodel } from "./datamodel.js";
import { buildLocale } from "./locale/index.js";
import { PrismaResource } from "./prisma-resource.js";
import { buildResources } from "./resources.js";
import { dashboardHandler } from "./dashboard-handler.js";
import { EVENT_SAVE_CODE_COMPONENT } from "./actions/event-save-code.js";
import { REASON_FORM_COMPONENT } from "./actions/record-action.js";
import { PROVIDER_ONBOARDING_COMPONENT } from "./actions/provider-onboarding.js";
import { MAIL_PREVIEW_COMPONENT } from "./actions/email-outbox.js";
import { saveCodeRoutes } from "./qr-routes.js";
import { IMPORT_CODES_COMPONENT } from "./actions/import-codes-action.js";
import { EXPORT_LIST_COMPONENT, SETTLEMENT_COMPONENT } from "./actions/io-actions.js";
import { exportRoutes } from "./exports/export-routes.js";
import { notFoundAnswer } from "./not-found-answer.js";

export const ADMIN_ROOT = "/admin";
const SESSION_HOURS = 8;

let adapterRegistered = false;

export interface AdminSetup {
  admin: AdminJS;
  router: express.Router;
  sessionStore: DatabaseSessionStore;
}

/** The backoffice: AdminJS over every model, behind a login whose sessions live in the database. */
export async function createAdminRouter({ config, db }: { config: Config; db: Database }): Promise<AdminSetup> {
  if (!adapterRegistered) {
    AdminJS.registerAdapter({ Database: PrismaDatabase, Resource: PrismaResource });
    adapterRegistered = true;
  }
  const datamodel = await loadDatamodel();
  const componentLoader = new ComponentLoader();
  const component = (name: string) => fileURLToPath(new URL(`./components/${name}.tsx`, import.meta.url));
  const dashboard = componentLoader.add("Dashboard", component("dashboard"));
  componentLoader.add(EVENT_SAVE_CODE_COMPONENT, component("event-save-code"));
  componentLoader.add(REASON_FORM_COMPONENT, component("reason-form"));
  componentLoader.add(PROVIDER_ONBOARDING_COMPONENT, component("provider-onboarding"));
  componentLoader.add(MAIL_PREVIEW_COMPONENT, component("mail-preview"));
  componentLoader.add(IMPORT_CODES_COMPONENT, component("import-codes"));
  componentLoader.add(EXPORT_LIST_COMPONENT, component("export-list"));
  componentLoader.add(SETTLEMENT_COMPONENT, component("kansentarief-settlement"));
  componentLoader.override("Login", component("login"));
  componentLoader.override("LoggedIn", component("logged-in"));
  const options: AdminJSOptions = {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources: buildResources(datamodel, db),
    componentLoader,
    dashboard: { component: dashboard, handler: dashboardHandler(db) },
    locale: buildLocale(datamodel) as AdminJSOptions["locale"],
    branding: {
      companyName: "UiTPAS Meetjesland",
      logo: false,
      favicon: "/assets/favicon.svg",
      withMadeWithLove: false,
    },
    version: { admin: false },
  };
  const admin = new AdminJS(options);
  await buildComponentBundle(admin, config);

  const sessionStore = new DatabaseSessionStore(db, "ADMIN", (data) => ({ userId: data.adminUser?.id }));
  const production = config.nodeEnv === "production";
  // __Host- (production, over HTTPS) makes browsers refuse the cookie unless Secure, Path=/ and without
  // Domain, so no subdomain can plant or overwrite it.
  const cookieName = production ? "__Host-uitpas_beheer" : "uitpas_beheer";
  const cookie = { path: "/", httpOnly: true, sameSite: "lax" as const, secure: production };
  const sessionOptions: session.SessionOptions = {
    name: cookieName,
    secret: config.sessionSecret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    cookie: { ...cookie, maxAge: SESSION_HOURS * 60 * 60_000 },
  };
  const router = express.Router();
  // Our own session middleware runs first (AdminJS's then sees a session and steps aside), so that the
  // signed-in user can be re-checked against the database on every request.
  router.use(session(sessionOptions));
  router.use(refreshSessionUser(db));
  router.use(
    csrfProtection({ secret: config.sessionSecret, secure: production, cookiePath: ADMIN_ROOT, trustedOrigins: [new URL(config.publicUrl).origin] }),
  );
  router.use(saveCodeRoutes({ config, db }));
  router.use(exportRoutes({ admin, db }));
  withPostLogout(router, { loginPath: options.loginPath!, rootPath: ADMIN_ROOT, sessionCookie: { name: cookieName, ...cookie }, csrfCookiePath: ADMIN_ROOT });
  // AdminJS's "new" action only takes a form post and fails with a 500 on anything else.
  router.get("/api/resources/:resourceId/actions/new", (_req, res) => {
    res.status(405).set("Allow", "POST").json({ notice: { type: "error", message: "Een nieuw record maken kan enkel door het formulier te versturen." } });
  });
  AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: createAuthenticate(db), cookieName: sessionOptions.name, cookiePassword: config.sessionSecret },
    router,
    sessionOptions,
  );
  router.use(notFoundAnswer);
  return { admin, router, sessionStore };
}

/**
 * AdminJS serves custom components from a bundle file. Production builds it once here, before serving, so
 * the first visitor never gets a missing bundle. Development builds it on the first request, but only when
 * no file exists: drop the one an earlier start left, which may lack newer components.
 */
async function buildComponentBundle(admin: AdminJS, config: Config): Promise<void> {
  if (config.nodeEnv === "development") {
    await rm(path.join(process.env.ADMIN_JS_TMP_DIR ?? adminBundleDir, "bundle.js"), { force: true });
    return;
  }
  if (config.nodeEnv !== "production" || process.env.ADMIN_JS_SKIP_BUNDLE === "true") return;
  await admin.initialize();
  // @adminjs/express calls initialize() again without waiting for it; one build is enough.
  process.env.ADMIN_JS_SKIP_BUNDLE = "true";
}
