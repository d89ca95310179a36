import type { Role } from "@prisma/client";

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  /** Shown in the README and printed at the first start: who this account is. */
  description: string;
  name: string;
  /** The municipality a MUNICIPAL_ADMIN is limited to. */
  municipality?: string;
  /** The counter a COUNTER_STAFF member works at. */
  counter?: string;
}

/** Demo logins, one per role and a second counter staff member at a counter with other permissions. They only exist in demo data: seedDemo refuses to run in production. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: "coordinator@uitpas-meetjesland.test",
    password: "demo-coordinator-2026",
    role: "COORDINATOR",
    name: "Hanne Regio (demo)",
    description: "Regiocoördinator van UiTPAS Meetjesland: beheert het hele kaartsysteem, alle gemeenten en aanbieders.",
  },
  {
    email: "beheerder.eeklo@uitpas-meetjesland.test",
    password: "demo-eeklo-2026",
    role: "MUNICIPAL_ADMIN",
    name: "Pieter Eeklo (demo)",
    municipality: "Eeklo",
    description: "Lokale verantwoordelijke van Eeklo: beheert pashouders, voordelen, balies en zuilen van Eeklo.",
  },
  {
    email: "balie.sociaalhuis.eeklo@uitpas-meetjesland.test",
    password: "demo-balie-2026",
    role: "COUNTER_STAFF",
    name: "Lotte Balie (demo)",
    counter: "Sociaal Huis Eeklo",
    description: "Baliemedewerker van Sociaal Huis Eeklo: registreert pashouders (ook met kansenstatuut), checkt in, kent kansentarief toe en ruilt voordelen om.",
  },
  {
    email: "balie.bibliotheek.assenede@uitpas-meetjesland.test",
    password: "demo-assenede-2026",
    role: "COUNTER_STAFF",
    name: "Jens Balie (demo)",
    counter: "Bibliotheek Assenede",
    description: "Baliemedewerker van Bibliotheek Assenede: registreert enkel pashouders zonder kansenstatuut; geen check-in, kansentarief of omruilen.",
  },
];
