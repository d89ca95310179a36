// Dutch and English names of the schema's enum values, as the manual says them: for the screens, exports and documents.

export const enumLabels: Record<string, Record<string, { nl: string; en: string }>> = {
  LimitPeriod: {
    ABSOLUTE: { nl: "Absoluut (over de hele looptijd)", en: "Absolute (whole lifetime)" },
    DAY: { nl: "Per dag", en: "Per day" },
    WEEK: { nl: "Per week", en: "Per week" },
    MONTH: { nl: "Per maand", en: "Per month" },
    QUARTER: { nl: "Per kwartaal", en: "Per quarter" },
    YEAR: { nl: "Per jaar", en: "Per year" },
  },
  CardStatus: {
    ACTIVE: { nl: "Actief", en: "Active" },
    BLOCKED: { nl: "Geblokkeerd", en: "Blocked" },
    REPLACED: { nl: "Vervangen", en: "Replaced" },
  },
  CardType: {
    PHYSICAL: { nl: "Fysieke kaart", en: "Physical card" },
    DIGITAL: { nl: "Digitale kaart", en: "Digital card" },
  },
  CardIssueReason: {
    FIRST_CARD: { nl: "Eerste kaart", en: "First card" },
    EXTRA_CARD: { nl: "Extra kaart (al een UiTPAS uit een andere regio)", en: "Extra card (already has a card of another region)" },
    DEFECT: { nl: "Defect", en: "Defect" },
    THEFT_LOSS: { nl: "Diefstal of verlies", en: "Theft or loss" },
    KANSENSTATUUT_OBTAINED: { nl: "Verkrijgen kansenstatuut", en: "Kansenstatuut obtained" },
    KANSENSTATUUT_LOST: { nl: "Verlies kansenstatuut", en: "Kansenstatuut lost" },
    UPGRADE: { nl: "Upgrade", en: "Upgrade" },
  },
  Gender: {
    FEMALE: { nl: "Vrouw", en: "Female" },
    MALE: { nl: "Man", en: "Male" },
    X: { nl: "X", en: "X" },
  },
  CounterType: {
    LIBRARY: { nl: "Bibliotheek", en: "Library" },
    CULTURAL_CENTRE: { nl: "Cultuurcentrum", en: "Cultural centre" },
    SPORTS: { nl: "Sport", en: "Sports" },
    YOUTH: { nl: "Jeugd", en: "Youth" },
    ASSOCIATION: { nl: "Vereniging", en: "Association" },
    MUNICIPALITY: { nl: "Gemeente", en: "Municipality" },
    OTHER: { nl: "Andere", en: "Other" },
  },
  PermissionGroup: {
    AUTHORISED_REGISTRATION: { nl: "Geautoriseerde registratie", en: "Authorised registration" },
    NON_AUTHORISED_REGISTRATION: { nl: "Niet-geautoriseerde registratie", en: "Non-authorised registration" },
    CHECKIN_TICKET: { nl: "Check-in & ticket", en: "Check-in & ticket" },
  },
  Role: {
    COORDINATOR: { nl: "Regiocoördinator", en: "Regional coordinator" },
    MUNICIPAL_ADMIN: { nl: "Lokale verantwoordelijke", en: "Local administrator" },
    COUNTER_STAFF: { nl: "Baliemedewerker", en: "Counter staff" },
  },
  PillarEventMode: {
    AUTOMATIC: { nl: "Automatisch (startuur het dichtst bij)", en: "Automatic (nearest start time)" },
    SPECIFIC: { nl: "Specifiek evenement", en: "Specific event" },
  },
  CheckinChannel: {
    COUNTER: { nl: "Balie", en: "Counter" },
    PILLAR: { nl: "Zuil", en: "Pillar" },
    QR: { nl: "QR-code", en: "QR code" },
  },
  RecordStatus: {
    ACTIVE: { nl: "Actief", en: "Active" },
    CANCELLED: { nl: "Geannuleerd", en: "Cancelled" },
  },
  RedemptionStatus: {
    ACTIVE: { nl: "Actief", en: "Active" },
    REMOVED: { nl: "Verwijderd", en: "Removed" },
  },
  AdvantageKind: {
    WELCOME: { nl: "Welkomstvoordeel", en: "Welcome advantage" },
    EXCHANGE: { nl: "Omruilvoordeel", en: "Exchange advantage" },
  },
  RedemptionChannel: {
    COUNTER: { nl: "Balie", en: "Counter" },
    ONLINE: { nl: "Online", en: "Online" },
  },
  PointsTransactionType: {
    CHECKIN: { nl: "Check-in", en: "Check-in" },
    CHECKIN_CORRECTION: { nl: "Correctie check-in", en: "Check-in correction" },
    REDEMPTION: { nl: "Omruiling", en: "Exchange" },
    REDEMPTION_REMOVAL: { nl: "Opname verwijderd", en: "Redemption removed" },
  },
  CouponTarget: {
    ALL: { nl: "Alle pashouders", en: "All passholders" },
    ALL_MIA: { nl: "Alle pashouders met kansenstatuut", en: "All passholders with kansenstatuut" },
    SEGMENT: { nl: "Segment (gemeente en/of leeftijd)", en: "Segment (municipality and/or age)" },
  },
  EmailStatus: {
    QUEUED: { nl: "In wachtrij", en: "Queued" },
    SENT: { nl: "Verzonden", en: "Sent" },
    FAILED: { nl: "Mislukt", en: "Failed" },
  },
  SessionKind: {
    ADMIN: { nl: "Backoffice", en: "Backoffice" },
    PORTAL: { nl: "Portaal", en: "Portal" },
    DESK: { nl: "Balie", en: "Desk" },
  },
};

/** The Dutch name of an enum value, or the value itself when it has none. */
export function dutchEnumLabel(type: string, value: string): string {
  return enumLabels[type]?.[value]?.nl ?? value;
}
