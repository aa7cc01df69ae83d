// Mijn geld and the calculator: try other hours without reloading the page. Without
// JavaScript the same form reloads the page, so nothing depends on this file.
const form = document.querySelector("[data-hours-form]");

async function recalculate(event) {
  event.preventDefault();
  const current = event.currentTarget;
  const data = new FormData(current, event.submitter);
  const url = new URL(current.action || location.href, location.href);
  url.search = new URLSearchParams(data).toString();
  let html;
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    html = await response.text();
  } catch {
    current.submit(); // offline or an error: let the browser show what the server says
    return;
  }
  const next = new DOMParser().parseFromString(html, "text/html");
  // The print header names the hours compared, so it follows the hours too.
  for (const selector of ["[data-hours-form]", "[data-money-result]", "[data-print-header]"]) {
    const fresh = next.querySelector(selector);
    const old = document.querySelector(selector);
    if (fresh && old) old.replaceWith(document.adoptNode(fresh));
  }
  const replaced = document.querySelector("[data-hours-form]");
  // The address shows the hours now on screen, so reloading or sharing it shows the same.
  url.searchParams.delete("step");
  url.searchParams.set("hours", replaced.querySelector("#hours").value);
  history.replaceState(null, "", url);
  replaced.addEventListener("submit", recalculate);
  const focusTarget = event.submitter && event.submitter.name === "hours" && event.submitter.value
    ? replaced.querySelector(`button[name=hours][aria-label="${event.submitter.getAttribute("aria-label")}"]`)
    : replaced.querySelector("#hours");
  if (focusTarget) focusTarget.focus();
}

if (form) form.addEventListener("submit", recalculate);
