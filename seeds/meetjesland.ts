/** The municipalities of UiTPAS Meetjesland with their sub-municipalities (deelgemeenten) and postal codes. */
export interface MunicipalityDefinition {
  name: string;
  nisCode: string;
  /** Rough number of inhabitants: passholders are spread in proportion. */
  inhabitants: number;
  /** How long ago the municipality joined UiTPAS Meetjesland. */
  joinedDaysAgo: number;
  /** Mail domain of the local administrator: uitpas@<domain>. */
  domain: string;
  subMunicipalities: readonly (readonly [postalCode: string, name: string])[];
}

export const meetjesland: readonly MunicipalityDefinition[] = [
  {
    name: "Aalter",
    nisCode: "44084",
    inhabitants: 29_000,
    joinedDaysAgo: 5 * 365,
    domain: "aalter.be",
    subMunicipalities: [["9880", "Aalter"], ["9880", "Lotenhulle"], ["9880", "Poeke"], ["9881", "Bellem"], ["9910", "Knesselare"], ["9910", "Ursel"]],
  },
  {
    name: "Assenede",
    nisCode: "43002",
    inhabitants: 14_500,
    joinedDaysAgo: 8 * 365,
    domain: "assenede.be",
    subMunicipalities: [["9960", "Assenede"], ["9961", "Boekhoute"], ["9968", "Bassevelde"], ["9968", "Oosteeklo"]],
  },
  {
    name: "Eeklo",
    nisCode: "43005",
    inhabitants: 21_000,
    joinedDaysAgo: 9 * 365,
    domain: "eeklo.be",
    subMunicipalities: [["9900", "Eeklo"]],
  },
  {
    name: "Evergem",
    nisCode: "44019",
    inhabitants: 35_500,
    joinedDaysAgo: 6 * 365,
    domain: "evergem.be",
    subMunicipalities: [["9940", "Evergem"], ["9940", "Ertvelde"], ["9940", "Kluizen"], ["9940", "Sleidinge"]],
  },
  {
    name: "Kaprijke",
    nisCode: "43007",
    inhabitants: 6_500,
    joinedDaysAgo: 8 * 365,
    domain: "kaprijke.be",
    subMunicipalities: [["9970", "Kaprijke"], ["9971", "Lembeke"]],
  },
  {
    name: "Lievegem",
    nisCode: "44085",
    inhabitants: 26_500,
    joinedDaysAgo: 4 * 365,
    domain: "lievegem.be",
    subMunicipalities: [
      ["9920", "Lovendegem"],
      ["9921", "Vinderhoute"],
      ["9930", "Zomergem"],
      ["9931", "Oostwinkel"],
      ["9932", "Ronsele"],
      ["9950", "Waarschoot"],
    ],
  },
  {
    name: "Maldegem",
    nisCode: "43010",
    inhabitants: 24_000,
    joinedDaysAgo: 7 * 365,
    domain: "maldegem.be",
    subMunicipalities: [["9990", "Maldegem"], ["9991", "Adegem"], ["9992", "Middelburg"]],
  },
  {
    name: "Sint-Laureins",
    nisCode: "43014",
    inhabitants: 6_700,
    joinedDaysAgo: 7 * 365,
    domain: "sint-laureins.be",
    subMunicipalities: [
      ["9980", "Sint-Laureins"],
      ["9981", "Sint-Margriete"],
      ["9982", "Sint-Jan-in-Eremo"],
      ["9988", "Waterland-Oudeman"],
      ["9988", "Watervliet"],
    ],
  },
  {
    name: "Wachtebeke",
    nisCode: "44073",
    inhabitants: 7_700,
    joinedDaysAgo: 3 * 365,
    domain: "wachtebeke.be",
    subMunicipalities: [["9185", "Wachtebeke"]],
  },
  {
    name: "Zelzate",
    nisCode: "44081",
    inhabitants: 12_800,
    // The newest member: its welcome advantage only counts for cards bought since then.
    joinedDaysAgo: 120,
    domain: "zelzate.be",
    subMunicipalities: [["9060", "Zelzate"]],
  },
];
