import type { Provider } from "@prisma/client";
import { CardSystemError } from "../errors.js";

/** What the checklist needs of a provider: its own fields, its municipality, and who uploaded the agreement last. */
export type ProviderFacts = Provider & {
  municipality: { name: string };
  counter: { name: string; iban: string | null } | null;
  agreements: { uploadedAt: Date; uploadedBy: string }[];
};

export type StepKey =
  | "uitidEmail"
  | "municipality"
  | "agreement"
  | "collegeApproval"
  | "regionForm"
  | "counterAdjusted"
  | "welcomeMail"
  | "coordinatorNotified";

export interface StepState {
  key: StepKey;
  /** The manual's words for the step (p. 13). */
  label: string;
  done: boolean;
  at: Date | null;
  by: string | null;
  /** What is still lacking, when not done. */
  missing: string | null;
}

interface StepRule {
  key: StepKey;
  label: string;
  check: (p: ProviderFacts) => { at: Date | null; by?: string | null; missing: string | null };
}

const STEPS: StepRule[] = [
  {
    key: "uitidEmail",
    label: "UiTID-mailadres van de vereniging ontvangen",
    check: (p) => ({ at: p.uitidEmailReceivedAt, missing: !p.uitidEmail ? "vul het UiTID-mailadres in" : !p.uitidEmailReceivedAt ? "vul de datum van ontvangst in" : null }),
  },
  { key: "municipality", label: "Gemeente waar de vereniging activiteiten organiseert", check: (p) => ({ at: null, by: p.municipality.name, missing: null }) },
  {
    key: "agreement",
    label: "Ondertekende samenwerkingsovereenkomst",
    check: (p) => ({
      at: p.agreementSignedAt,
      by: p.agreements[0]?.uploadedBy ?? null,
      missing: p.agreements.length === 0 ? "laad de ondertekende overeenkomst op" : !p.agreementSignedAt ? "vul de datum van ondertekening in" : null,
    }),
  },
  { key: "collegeApproval", label: "Goedgekeurd door het college", check: (p) => ({ at: p.collegeApprovedAt, missing: p.collegeApprovedAt ? null : "vul de datum van goedkeuring in" }) },
  { key: "regionForm", label: "Formulier van de regio ingevuld", check: (p) => ({ at: p.regionFormFilledAt, missing: p.regionFormFilledAt ? null : "vul de datum in" }) },
  {
    key: "counterAdjusted",
    label: "Balie aangepast: UiTID-medewerker van de vereniging en IBAN toegevoegd",
    check: (p) => ({
      at: p.counterAdjustedAt,
      by: p.counter?.name ?? null,
      missing: !p.counter ? "kies de balie" : !p.counter.iban ? "voeg het IBAN toe aan de balie" : !p.counterAdjustedAt ? "vul de datum in" : null,
    }),
  },
  { key: "welcomeMail", label: "Vereniging gecontacteerd met de standaardmail", check: (p) => ({ at: p.welcomeMailSentAt, by: p.welcomeMailSentBy, missing: p.welcomeMailSentAt ? null : "verstuur de onboardingmail" }) },
  {
    key: "coordinatorNotified",
    label: "Regioverantwoordelijke verwittigd, zodat de nieuwe aanbieder in de kijker wordt gezet",
    check: (p) => ({ at: p.coordinatorNotifiedAt, by: p.coordinatorNotifiedBy, missing: p.coordinatorNotifiedAt ? null : "verwittig de regio" }),
  },
];

/** The manual's steps for a new provider (p. 13), each with its date, who, and what is still lacking. */
export function onboardingChecklist(provider: ProviderFacts): StepState[] {
  return STEPS.map(({ key, label, check }) => {
    const { at, by = null, missing } = check(provider);
    return { key, label, done: missing === null, at, by, missing };
  });
}

/** Refuses a step unless every step before it is done, naming in Dutch what is missing. */
export function requireStepsBefore(provider: ProviderFacts, step: StepKey): void {
  const checklist = onboardingChecklist(provider);
  const current = checklist.find((state) => state.key === step)!;
  if (current.done) throw new CardSystemError("PROVIDER_STEP_ALREADY_DONE");
  const missing = checklist.slice(0, checklist.indexOf(current)).filter((state) => !state.done);
  if (missing.length > 0) {
    throw new CardSystemError("PROVIDER_STEPS_MISSING", {
      message: `Eerst moeten deze stappen in orde zijn: ${missing.map((state) => `${state.label} (${state.missing})`).join("; ")}.`,
      details: { missing: missing.map((state) => state.key) },
    });
  }
}
