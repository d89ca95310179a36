import "./bundle-dir.js";
import { fileURLToPath } from "node:url";
import AdminJS, { ComponentLoader, type AdminJSOptions, type BrandingOptions } from "adminjs";
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
import { ownSessionsRoutes } from "./own-sessions-routes.js";
import { twoFactorRoutes } from "./two-factor-routes.js";
import { loadDatamodel } from "./datamodel.js";
import { buildLocale } from "./locale/index.js";
import { PrismaResource } from "./prisma-resource.js";
import { buildResources, MONEY_EDIT_COMPONENT, MONEY_SHOW_COMPONENT } from "./resources.js";
import { dashboardHandler } from "./dashboard-handler.js";
import { EVENT_SAVE_CODE_COMPONENT } from "./actions/event-save-code.js";
import { REASON_FORM_COMPONENT } from "./actions/record-action.js";
import { CARD_HISTORY_COMPONENT } from "./actions/card-history-action.js";
import { PROVIDER_ONBOARDING_COMPONENT } from "./actions/provider-onboarding.js";
import { MAIL_PREVIEW_COMPONENT } from "./actions/email-outbox.js";
import { saveCodeRoutes } from "./qr-routes.js";
import { IMPORT_CODES_COMPONENT } from "./actions/import-codes-action.js";
import { COUPON_GRANT_COMPONENT } from "./actions/coupon-grant.js";
import { EXPORT_LIST_COMPONENT, SETTLEMENT_COMPONENT } from "./actions/io-actions.js";
import { exportRoutes } from "./exports/export-routes.js";
import { CHOICE_LIST_COMPONENT, REFERENCE_LIST_COMPONENT } from "./list-fields.js";
import { mailPreviewRoutes } from "./mail-preview-routes.js";
import { gdprExportRoutes } from "./gdpr-routes.js";
import { PASSHOLDER_DATA_EXPORT_COMPONENT } from "./actions/gdpr-actions.js";
import { notFoundAnswer } from "./not-found-answer.js";
import { dutchApiNotices } from "./dutch-api-notices.js";
import { requestBody } from "./request-body.js";
import { apiAddressCheck } from "./api-address.js";
import { adminScripts } from "./assets/admin-scripts.js";

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
  componentLoader.add(CARD_HISTORY_COMPONENT, component("card-history"));
  componentLoader.add(PASSHOLDER_DATA_EXPORT_COMPONENT, component("passholder-data-export"));
  componentLoader.add(PROVIDER_ONBOARDING_COMPONENT, component("provider-onboarding"));
  componentLoader.add(MAIL_PREVIEW_COMPONENT, component("mail-preview"));
  componentLoader.add(IMPORT_CODES_COMPONENT, component("import-codes"));
  componentLoader.add(COUPON_GRANT_COMPONENT, component("coupon-grant"));
  componentLoader.add(EXPORT_LIST_COMPONENT, component("export-list"));
  componentLoader.add(SETTLEMENT_COMPONENT, component("kansentarief-settlement"));
  componentLoader.add(CHOICE_LIST_COMPONENT, component("choice-list"));
  componentLoader.add(REFERENCE_LIST_COMPONENT, component("reference-list"));
  componentLoader.override("Login", component("login"));
  componentLoader.override("LoggedIn", component("logged-in"));
  componentLoader.override("NoticeBox", component("notice-box"));
  componentLoader.add(MONEY_EDIT_COMPONENT, component("money/money-edit"));
  componentLoader.add(MONEY_SHOW_COMPONENT, component("money/money-show"));
  for (const [part, file] of [["Edit", "edit"], ["Show", "show"], ["List", "list"], ["Filter", "filter"]]) {
    componentLoader.override(`DefaultDatetime${part}Property`, component(`dates/${file}`));
  }
  const options: AdminJSOptions = {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources: buildResources(datamodel, db, config.dataDir),
    componentLoader,
    dashboard: { component: dashboard, handler: dashboardHandler(db) },
    locale: buildLocale(datamodel) as AdminJSOptions["locale"],
    branding: {
      companyName: "UiTPAS Meetjesland",
      logo: false,
      favicon: "/assets/favicon.svg",
      withMadeWithLove: false,
      // The system's own fonts: AdminJS's default (Roboto) came from Google, which sees every visitor. AdminJS
      // types each theme key as a record, but the font is one font-family list.
      theme: { font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" } as unknown as BrandingOptions["theme"],
    },
    version: { admin: false },
  };
  const admin = new AdminJS(options);
  const scripts = adminScripts(admin, ADMIN_ROOT);
  // Production builds the component bundle before serving, so that a broken component stops the start.
  if (config.nodeEnv === "production") await scripts.ready();

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
  router.use(scripts.router);
  // Our own session middleware runs first (AdminJS's then sees a session and steps aside), so that the
  // signed-in user can be re-checked against the database on every request.
  router.use(session(sessionOptions));
  router.use(refreshSessionUser(db));
  router.use(
    csrfProtection({ secret: config.sessionSecret, secure: production, cookiePath: ADMIN_ROOT, trustedOrigins: [new URL(config.publicUrl).origin] }),
  );
  // Bodies are read here, not by AdminJS's parser (which would store any upload before its login check).
  router.use(twoFactorRoutes({ db, serverSecret: config.sessionSecret, rootPath: ADMIN_ROOT }));
  router.use(ownSessionsRoutes({ db, rootPath: ADMIN_ROOT }));
  router.use(requestBody({ loginPath: "/login" }));
  router.use(apiAddressCheck(admin));
  router.use(dutchApiNotices);
  router.use(saveCodeRoutes({ config, db }));
  router.use(exportRoutes({ admin, db }));
  router.use(mailPreviewRoutes({ db }));
  router.use(gdprExportRoutes({ db }));
  withPostLogout(router, { loginPath: options.loginPath!, rootPath: ADMIN_ROOT, sessionCookie: { name: cookieName, ...cookie }, csrfCookiePath: ADMIN_ROOT });
  // AdminJS's "new" action only takes a form post and fails with a 500 on anything else.
  router.get("/api/resources/:resourceId/actions/new", (_req, res) => {
    res.status(405).set("Allow", "POST").json({ notice: { type: "error", message: "Een nieuw record maken kan enkel door het formulier te versturen." } });
  });
  AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: createAuthenticate(db, { production }), cookieName: sessionOptions.name, cookiePassword: config.sessionSecret },
    router,
    sessionOptions,
  );
  router.use(notFoundAnswer);
  return { admin, router, sessionStore };
}
