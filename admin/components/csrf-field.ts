import { CSRF_COOKIE, CSRF_FIELD } from "../csrf-names.js";

function csrfToken(): string {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : "";
}

/** Puts the current CSRF token into a form as a hidden field, just before the browser sends it. */
export function addCsrfField(form: HTMLFormElement): void {
  let input = form.querySelector<HTMLInputElement>(`input[name="${CSRF_FIELD}"]`);
  if (!input) {
    input = document.createElement("input");
    input.type = "hidden";
    input.name = CSRF_FIELD;
    form.appendChild(input);
  }
  input.value = csrfToken();
}
