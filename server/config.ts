import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DEFAULT_RETENTION, type RetentionPeriods } from "../core/retention/retention.js";

export type NodeEnv = "development" | "production" | "test";

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Folder of the embedded database; unused when databaseUrl is set. */
  dataDir: string;
  /** postgresql://… of a real PostgreSQL server; undefined means the embedded database in dataDir. */
  databaseUrl?: string;
  /** How long a start waits for an unreachable database (DATABASE_URL) before it gives up. */
  databaseWaitSeconds: number;
  /** Address where users reach the app, without trailing slash. */
  publicUrl: string;
  sessionSecret: string;
  qrSecret: string;
  /** smtp(s)://… of the mail server; undefined means mails are written as .eml files under dataDir/mail. */
  smtpUrl?: string;
  mailFrom: string;
  /** Express "trust proxy" setting: which proxies may tell the client's address and protocol; none by default. */
  trustProxy: string | boolean | number;
  /** Days before sent mails' bodies and .eml files, and audit rows' personal values, are removed. */
  retention: RetentionPeriods;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ongeldige configuratie:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface LoadedConfig {
  config: Config;
  /** Dutch warnings to show at start (e.g. a generated secret). */
  warnings: string[];
}

// docker compose passes unset variables as empty strings: treat them as unset.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const secret = (name: string) =>
  optional(z.string().min(32, { error: `${name} moet minstens 32 tekens lang zijn` }));

const days = (name: string) =>
  optional(z.string().regex(/^[1-9]\d{0,4}$/, { error: `${name} moet een aantal dagen zijn (1 of meer), bv. 90` }));

const schema = z.object({
  NODE_ENV: optional(
    z.enum(["development", "production", "test"], {
      error: "NODE_ENV moet development, production of test zijn",
    }),
  ),
  PORT: optional(
    z.string().regex(/^\d{1,5}$/, { error: "PORT moet een getal tussen 1 en 65535 zijn" }).refine(
      (value) => Number(value) >= 1 && Number(value) <= 65535,
      { error: "PORT moet een getal tussen 1 en 65535 zijn" },
    ),
  ),
  HOST: optional(z.string().regex(/^[\w.:-]+$/, { error: "HOST moet een hostnaam of IP-adres zijn, bv. 0.0.0.0" })),
  DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, {
      error: "DATABASE_URL moet beginnen met postgresql:// of postgres:// (laat leeg voor de ingebouwde databank)",
    }),
  ),
  DATABASE_WAIT_SECONDS: optional(
    z.string().regex(/^\d{1,5}$/, { error: "DATABASE_WAIT_SECONDS moet een aantal seconden zijn (0 of meer), bv. 60" }),
  ),
  PUBLIC_URL: optional(
    z.string().refine(isHttpUrl, { error: "PUBLIC_URL moet een volledig http(s)-adres zijn, bv. https://uitpas.meetjesland.be" }),
  ),
  SESSION_SECRET: secret("SESSION_SECRET"),
  QR_SECRET: secret("QR_SECRET"),
  SMTP_URL: optional(
    z.string().regex(/^smtps?:\/\/\S+$/, { error: "SMTP_URL moet beginnen met smtp:// of smtps://, bv. smtp://mailpit:1025" }),
  ),
  MAIL_FROM: optional(
    z.string().regex(/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$|^[^<>]*<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>$/, {
      error: 'MAIL_FROM moet een e-mailadres zijn, bv. "UiTPAS Meetjesland <uitpas@comeet.be>"',
    }),
  ),
  TRUST_PROXY: optional(z.string()),
  MAIL_RETENTION_DAYS: days("MAIL_RETENTION_DAYS"),
  AUDIT_RETENTION_DAYS: days("AUDIT_RETENTION_DAYS"),
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Reads and validates the environment; throws ConfigError listing every problem in Dutch. */
export function loadConfig(env: Record<string, string | undefined> = process.env): LoadedConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError([...new Set(parsed.error.issues.map((issue) => issue.message))]);
  }
  const values = parsed.data;
  const nodeEnv = values.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  const problems: string[] = [];
  const warnings: string[] = [];

  const requireSecret = (name: "SESSION_SECRET" | "QR_SECRET", consequence: string): string => {
    const value = values[name];
    if (value) return value;
    if (production) {
      problems.push(`${name} is verplicht in productie (minstens 32 tekens), bv. uit: openssl rand -base64 48`);
      return "";
    }
    warnings.push(`${name} is niet ingesteld: er wordt een willekeurig geheim gebruikt. ${consequence}`);
    return randomBytes(32).toString("base64url");
  };
  const sessionSecret = requireSecret("SESSION_SECRET", "Na een herstart moet iedereen opnieuw aanmelden.");
  const qrSecret = requireSecret("QR_SECRET", "QR-spaarcodes zijn na een herstart niet meer geldig.");
  if (production && values.SMTP_URL && !values.MAIL_FROM) {
    problems.push('MAIL_FROM is verplicht wanneer SMTP_URL ingesteld is, bv. "UiTPAS Meetjesland <uitpas@comeet.be>"');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const port = Number(values.PORT ?? 3000);
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  if (production && publicUrl.startsWith("https://") && values.TRUST_PROXY === undefined) {
    warnings.push(
      "TRUST_PROXY is niet ingesteld: het adres en protocol dat een reverse proxy doorgeeft (X-Forwarded-For/-Proto) worden genegeerd. Zet TRUST_PROXY op het adres van je proxy, bv. loopback, anders werkt aanmelden achter HTTPS niet.",
    );
  }
  if (production && !publicUrl.startsWith("https://")) {
    warnings.push(
      "PUBLIC_URL is geen https-adres: in productie zijn de sessiecookies 'Secure', dus aanmelden werkt enkel via HTTPS (bv. achter een reverse proxy).",
    );
  }

  return {
    config: {
      nodeEnv,
      port,
      host: values.HOST ?? "0.0.0.0",
      dataDir: values.DATA_DIR ?? "./data",
      databaseUrl: values.DATABASE_URL,
      databaseWaitSeconds: Number(values.DATABASE_WAIT_SECONDS ?? 60),
      publicUrl,
      sessionSecret,
      qrSecret,
      smtpUrl: values.SMTP_URL,
      // Without a mail server (mails become .eml files) a placeholder sender is good enough.
      mailFrom: values.MAIL_FROM ?? `UiTPAS <noreply@${new URL(publicUrl).hostname}>`,
      trustProxy: parseTrustProxy(values.TRUST_PROXY),
      retention: {
        mailDays: Number(values.MAIL_RETENTION_DAYS ?? DEFAULT_RETENTION.mailDays),
        auditDays: Number(values.AUDIT_RETENTION_DAYS ?? DEFAULT_RETENTION.auditDays),
      },
    },
    warnings,
  };
}

// Trusting a proxy that is not there lets every client choose its own address (X-Forwarded-For), and with it
// dodge every per-address limit.
function parseTrustProxy(value: string | undefined): string | boolean | number {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
