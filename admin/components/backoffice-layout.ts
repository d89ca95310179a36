// Corrections to AdminJS's layout for the widths a civil servant's screen has (1366–1440 px): the page title
// and the record's action buttons share a row that wraps instead of drawing over each other, and names in
// tables break between words, never inside one.
export const BACKOFFICE_LAYOUT_CSS = `
[data-css$="-action-header"] > section:nth-of-type(2) { flex-wrap: wrap; row-gap: 12px; align-items: flex-start; }
[data-css$="-action-header"] > section:nth-of-type(2) > section:first-child { flex: 0 0 auto; margin-right: 24px; }
[data-css$="-action-header"] > section:nth-of-type(2) > section:first-child h2 { white-space: nowrap; }
[data-css$="-action-header"] > section:nth-of-type(2) > section:last-child { flex: 1 1 0; min-width: 0; }
[data-css$="-action-header"] > section:nth-of-type(2) > section:last-child > section { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 8px; }
[data-css$="-action-header"] a[data-testid^="action-"], [data-css$="-action-header"] button[data-testid^="action-"] { margin: 0 !important; white-space: nowrap; }
table td, table th { word-break: normal !important; overflow-wrap: normal !important; hyphens: manual; }
section:has(> table) { overflow-x: auto; }
[data-testid="settlement-form"] table td { white-space: nowrap; }
`;
