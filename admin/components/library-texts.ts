// Texts that libraries inside AdminJS's screens write themselves (react-select's dropdowns in every filter and
// form), which AdminJS's own translations do not reach.
const DUTCH: Readonly<Record<string, string>> = {
  "Select...": "Kies…",
  "No options": "Geen keuzes",
  "Loading...": "Laden…",
};

function translate(node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const dutch = DUTCH[node.nodeValue ?? ""];
    if (dutch) node.nodeValue = dutch;
    return;
  }
  node.childNodes.forEach(translate);
}

/** Keeps these texts Dutch on the whole page, also in dropdowns that open later; returns the stop. */
export function keepLibraryTextsDutch(root: HTMLElement): () => void {
  translate(root);
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") translate(change.target);
      change.addedNodes.forEach(translate);
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
