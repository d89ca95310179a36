import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDatamodel } from "../../admin/datamodel.js";
import { fieldLabelsNl } from "../../admin/locale/field-labels.js";
import { buildLocale } from "../../admin/locale/index.js";
import { compoundFilters } from "../../admin/presentation/search.js";
import { TITLE_PATH } from "../../admin/presentation/screen-hooks.js";
import { screenModels, screenOf } from "../../admin/presentation/screens.js";
import { screenOnlyPaths } from "../../admin/presentation/screen-options.js";
import { formProperties, hiddenModels, secretFields } from "../../admin/resource-rules.js";

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [prefix + key] : keysOf(value, `${prefix}${key}.`)));
const valueAt = (tree: Tree, key: string): unknown => key.split(".").reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

const adminjsEnglish = JSON.parse(readFileSync(new URL("../../node_modules/adminjs/lib/locale/en/translation.json", import.meta.url), "utf8")) as Tree;
// AdminJS's own start page (replaced by the dashboard) and the languages it offers that we do not.
const notShown = /^messages\.(welcomeOnBoard|addingResources|customize\w+|writeOwnComponents|customDashboard|roleBasedAccess|community|foundBug|needMoreSolutions)_|^components\.LanguageSelector\.availableLanguages\.(?!nl$|en$)/;

describe("the backoffice speaks Dutch first, in the manual's words", async () => {
  const datamodel = await loadDatamodel();
  const { translations } = buildLocale(datamodel);
  const nl = translations.nl as unknown as Tree;
  const en = translations.en as unknown as Tree;

  it("has a Dutch text for every text of AdminJS's interface, the confirmation dialog included", () => {
    const missing = keysOf(adminjsEnglish).filter((key) => !notShown.test(key) && typeof valueAt(nl, key) !== "string");
    expect(missing).toEqual([]);
    // Keys AdminJS uses without shipping them: the dialog's title before "Wil je dit item echt verwijderen?", and its OK button.
    expect(valueAt(nl, "labels.confirm")).toBe("Bevestigen");
    expect(valueAt(nl, "buttons.ok")).toBe("OK");
  });

  it("names the screens as the manual does, each in both languages", () => {
    const names = { WelcomeAdvantage: "Welkomstvoordelen", ExchangeAdvantage: "Omruilvoordelen", Redemption: "Opgenomen voordelen", TicketSale: "Toegekende kansentarieven", Checkin: "Check-ins" };
    for (const [id, name] of Object.entries(names)) expect(valueAt(nl, `labels.${id}`), id).toBe(name);
    expect(valueAt(en, "labels.WelcomeAdvantage")).toBe("Welcome advantages");
  });

  it("labels every field a screen shows, and every enum and yes/no value, in Dutch", () => {
    const unlabelled: string[] = [];
    for (const model of datamodel.models) {
      if (hiddenModels.has(model.name)) continue;
      for (const field of model.fields) {
        const shown = !field.isReadOnly && !(field.relationName && !field.relationFromFields?.length) && !secretFields[model.name]?.includes(field.name);
        // Without a Dutch label, a field would show its English name in words.
        if (shown && !fieldLabelsNl[field.name]) unlabelled.push(`${model.name}.${field.name}`);
        if (field.kind === "enum") {
          const values = datamodel.enums.find((candidate) => candidate.name === field.type)!.values;
          for (const { name } of values) if (valueAt(nl, `resources.${model.name}.labels.${field.name}.${name}`) === name && !/^[A-Z]$/.test(name)) unlabelled.push(`${field.type}.${name}`);
        }
      }
    }
    expect(unlabelled).toEqual([]);
    expect(valueAt(nl, "resources.Checkin.labels.corrected.true")).toBe("Ja");
    expect(valueAt(nl, "resources.WelcomeAdvantage.labels.onlineExchange.false")).toBe("Nee");
  });

  it("lists a handful of columns on every screen and filters only on fields a user knows", () => {
    for (const { id, model } of screenModels(datamodel)) {
      if (hiddenModels.has(model.name)) continue;
      const screen = screenOf(id);
      expect(screen, id).toBeDefined();
      const known = new Set([...model.fields.map((field) => field.name), ...screenOnlyPaths(model), ...Object.keys(formProperties[model.name] ?? {})]);
      const unknown = [...screen!.list, ...screen!.filter, screen!.sort[0]].filter((path) => !known.has(path));
      expect(unknown, id).toEqual([]);
      expect(screen!.list.length, id).toBeLessThanOrEqual(7);
      // Internal keys and secrets are no filters: nobody types an id, a hash or a foreign key.
      const internal = model.fields.filter((field) => field.isId || field.isReadOnly || /hash/i.test(field.name)).map((field) => field.name);
      expect(screen!.filter.filter((path) => internal.includes(path)), id).toEqual([]);
    }
  });
});
