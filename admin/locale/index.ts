import type { LocaleTranslations } from "adminjs";
import type { Datamodel } from "../datamodel.js";
import { auditActions } from "./audit-actions.js";
import { en } from "./en.js";
import { enumLabels } from "../../core/labels/enum-labels.js";
import { fieldLabelsNl, fieldNameInWords } from "./field-labels.js";
import { nl } from "./nl.js";
import { navigationGroups, resourcePresentation } from "./resource-names.js";
import { screenFieldLabels } from "./screen-field-labels.js";
import { screenModels } from "../presentation/screens.js";
import { templateNames, templates } from "../../templates/index.js";

type Language = "nl" | "en";
const languages: Language[] = ["nl", "en"];

/** AdminJS locale options: Dutch by default, English second; a choice made in the language menu is remembered. */
export function buildLocale(datamodel: Datamodel) {
  const translations = Object.fromEntries(
    languages.map((language) => [language, translationsFor(language, datamodel)]),
  ) as Record<Language, LocaleTranslations>;
  return {
    language: "nl",
    availableLanguages: languages,
    localeDetection: true,
    // Passed on to i18next's language detector: ignore the browser's language, keep only an explicit choice.
    detection: { order: ["localStorage"], caches: ["localStorage"] },
    translations,
  };
}

function translationsFor(language: Language, datamodel: Datamodel): LocaleTranslations {
  const base = language === "nl" ? nl : en;
  const labels: Record<string, unknown> = { ...base.labels };
  for (const [group, names] of Object.entries(navigationGroups)) labels[group] = names[language];
  const resources: Record<string, { labels: Record<string, unknown> }> = {};
  for (const { id, model } of screenModels(datamodel)) {
    labels[id] = resourcePresentation[id]?.[language] ?? id;
    // Enum and yes/no values, looked up by AdminJS as `{property}.{value}` within the resource.
    const values: Record<string, Record<string, string>> = {};
    for (const field of model.fields) {
      if (field.type === "Boolean") values[field.name] = yesNo[language];
      if (field.kind !== "enum") continue;
      const members = datamodel.enums.find((candidate) => candidate.name === field.type)?.values ?? [];
      values[field.name] = Object.fromEntries(members.map(({ name }) => [name, enumLabels[field.type]?.[name]?.[language] ?? name]));
    }
    resources[id] = { labels: { ...values, ...keyLabels[model.name]?.(language) } };
  }
  const fieldNames = new Set(datamodel.models.flatMap((model) => model.fields.map((field) => field.name)));
  const properties: Record<string, string> = { ...base.properties };
  for (const name of fieldNames) {
    properties[name] = language === "nl" ? (fieldLabelsNl[name] ?? fieldNameInWords(name)) : fieldNameInWords(name);
  }
  return { ...base, labels, properties: { ...properties, ...screenFieldLabels[language] }, resources } as LocaleTranslations;
}

/** Fields that hold keys of a fixed list (not an enum column), shown by name: mail templates, a card's status, yes/no. */
const keyLabels: Record<string, (language: Language) => Record<string, Record<string, string>>> = {
  EmailMessage: (language) => ({ template: Object.fromEntries(templateNames.map((name) => [name, templates[name].label[language]])) }),
  Passholder: (language) => ({ cardStatus: Object.fromEntries(Object.entries(enumLabels.CardStatus ?? {}).map(([status, label]) => [status, label[language]])) }),
  Event: (language) => ({ openForCheckin: yesNo[language] }),
  AuditLog: (language) => ({
    action: Object.fromEntries(Object.entries(auditActions).map(([action, label]) => [action, label[language]])),
    resource: Object.fromEntries(Object.entries(resourcePresentation).map(([model, names]) => [model, names[language]])),
  }),
};

const yesNo = { nl: { true: "Ja", false: "Nee" }, en: { true: "Yes", false: "No" } };
