import React, { useEffect, useState } from "react";
import { Box, H2, H4, Text } from "@adminjs/design-system";
import { ApiClient, useTranslation } from "adminjs";

// The shape of admin/dashboard-handler.ts's answer after JSON (dates arrive as strings).
interface Figures {
  passholders: number;
  kansenstatuutShare: number;
  passholdersPerMunicipality: { municipality: string; passholders: number }[];
  checkinsPerMonth: { month: string; checkins: number }[];
  topEvents: { eventId: string; name: string; startsAt: string; checkins: number }[];
  redemptions: { welcome: number; exchange: number };
}
interface DashboardData {
  figures: Figures | null;
  municipality: string | null;
}

const number = new Intl.NumberFormat("nl-BE");
const percent = new Intl.NumberFormat("nl-BE", { style: "percent", maximumFractionDigits: 1 });
const monthName = new Intl.DateTimeFormat("nl-BE", { month: "short", year: "2-digit", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("nl-BE", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Brussels" });
const PURPLE = "#4a2a7a";

/** The last twelve months, oldest first, with 0 where nobody checked in. */
function twelveMonths(rows: Figures["checkinsPerMonth"], now = new Date()): { label: string; checkins: number }[] {
  const counts = new Map(rows.map((row) => [row.month, row.checkins]));
  return Array.from({ length: 12 }, (_, index) => {
    const month = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 11 + index, 1));
    const key = month.toISOString().slice(0, 7);
    return { label: monthName.format(month), checkins: counts.get(key) ?? 0 };
  });
}

const KeyFigure: React.FC<{ label: string; value: string; testId: string }> = ({ label, value, testId }) => (
  <Box variant="container" p="lg" mr="lg" mb="lg" style={{ minWidth: 200, flex: "1 1 200px" }}>
    <Text style={{ fontSize: 15 }}>{label}</Text>
    <Text data-testid={testId} style={{ fontSize: 34, fontWeight: 700, color: PURPLE }}>
      {value}
    </Text>
  </Box>
);

const Section: React.FC<{ title: string; children: React.ReactNode }> = ({ title, children }) => (
  <Box variant="container" p="xl" mb="lg">
    <H4 mb="lg">{title}</H4>
    {children}
  </Box>
);

/** Horizontal bars in plain HTML: a name, a bar as long as its share of the largest, the number. */
const BarList: React.FC<{ rows: { label: string; value: number }[]; empty: string }> = ({ rows, empty }) => {
  const max = Math.max(1, ...rows.map((row) => row.value));
  if (rows.length === 0) return <Text>{empty}</Text>;
  return (
    <table style={{ width: "100%", borderCollapse: "collapse" }}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <td style={{ padding: "4px 12px 4px 0", whiteSpace: "nowrap", width: "1%" }}>{row.label}</td>
            <td style={{ padding: "4px 0", width: "100%" }}>
              <div style={{ background: PURPLE, height: 18, borderRadius: 3, width: `${(row.value / max) * 100}%`, minWidth: row.value ? 3 : 0 }} />
            </td>
            <td style={{ padding: "4px 0 4px 12px", textAlign: "right", fontWeight: 700 }}>{number.format(row.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** Check-ins per month as an SVG column chart, each column labelled with its number. */
const MonthChart: React.FC<{ months: { label: string; checkins: number }[]; title: string }> = ({ months, title }) => {
  const max = Math.max(1, ...months.map((month) => month.checkins));
  const width = 720;
  const height = 240;
  const slot = width / months.length;
  const chartHeight = height - 50;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} style={{ maxWidth: width, fontFamily: "inherit" }}>
      {months.map((month, index) => {
        const barHeight = (month.checkins / max) * (chartHeight - 20);
        const x = index * slot + slot * 0.15;
        return (
          <g key={month.label}>
            <rect x={x} y={chartHeight - barHeight} width={slot * 0.7} height={barHeight} fill={PURPLE} rx={2} />
            <text x={x + slot * 0.35} y={chartHeight - barHeight - 6} textAnchor="middle" fontSize={13} fontWeight={700}>
              {number.format(month.checkins)}
            </text>
            <text x={x + slot * 0.35} y={height - 24} textAnchor="middle" fontSize={13}>
              {month.label}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={width} y1={chartHeight} y2={chartHeight} stroke="#999" />
    </svg>
  );
};

// The start page: a welcome, then the key figures of what this user may see.
const Dashboard: React.FC = () => {
  const { translateMessage: t } = useTranslation();
  const [data, setData] = useState<DashboardData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    new ApiClient()
      .getDashboard()
      .then((response) => setData(response.data as DashboardData))
      .catch(() => setFailed(true));
  }, []);
  const figures = data?.figures;
  return (
    <Box variant="grey">
      <Box variant="container" p="xl" mb="lg">
        <H2>{t("dashboardTitle")}</H2>
        <Text mt="md">{data?.municipality ? t("dashboardScopeMunicipality", undefined, { municipality: data.municipality }) : t("dashboardScopeRegion")}</Text>
      </Box>
      {failed && <Text>{t("dashboardFailed")}</Text>}
      {figures && (
        <>
          <Box flex flexDirection="row" style={{ flexWrap: "wrap" }}>
            <KeyFigure testId="figure-passholders" label={t("dashboardPassholders")} value={number.format(figures.passholders)} />
            <KeyFigure testId="figure-kansenstatuut" label={t("dashboardKansenstatuutShare")} value={percent.format(figures.kansenstatuutShare)} />
            <KeyFigure testId="figure-welcome" label={t("dashboardWelcomeRedemptions")} value={number.format(figures.redemptions.welcome)} />
            <KeyFigure testId="figure-exchange" label={t("dashboardExchangeRedemptions")} value={number.format(figures.redemptions.exchange)} />
          </Box>
          <Section title={t("dashboardCheckinsPerMonth")}>
            <MonthChart title={t("dashboardCheckinsPerMonth")} months={twelveMonths(figures.checkinsPerMonth)} />
          </Section>
          <Section title={t("dashboardPassholdersPerMunicipality")}>
            <BarList empty={t("dashboardNothingYet")} rows={figures.passholdersPerMunicipality.map((row) => ({ label: row.municipality, value: row.passholders }))} />
          </Section>
          <Section title={t("dashboardTopEvents")}>
            <BarList
              empty={t("dashboardNothingYet")}
              rows={figures.topEvents.map((event) => ({ label: `${event.name} (${day.format(new Date(event.startsAt))})`, value: event.checkins }))}
            />
          </Section>
        </>
      )}
      <Box variant="container" p="xl">
        <Text>{t("dashboardIntro")}</Text>
        <Text mt="md">{t("dashboardHelp")}</Text>
      </Box>
    </Box>
  );
};

export default Dashboard;
