// Stapwijzer: enhancements for pages that also work without JavaScript.
const doc = document;
const html = doc.documentElement;
const sw = navigator.serviceWorker;
sw?.register("/sw.js", { scope: "/" }).catch(() => {});

// Show the offline note while offline (pages served from the worker's cache keep it).
if (!html.classList.contains("is-offline")) {
  const sync = () => html.classList.toggle("is-offline", !navigator.onLine);
  addEventListener("online", sync);
  addEventListener("offline", sync);
}

// --- Read aloud ---
const BLOCK = /^(H\d|P|LI|D[TDL]|TR|LABEL|LEGEND|CAPTION|FIG\w*|SUMMARY|BLOCKQUOTE|DIV|SECTION|ARTICLE|ASIDE|HEADER|FOOTER|NAV|MAIN|UL|OL|TABLE|FORM|FIELDSET|DETAILS)$/;
const INLINE_PARENT = /^(H\d|P|LI|D[TD]|T[HD]|LABEL|LEGEND|SPAN|STRONG|EM|B|I|SMALL|TIME)$/;
const SKIP = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|TEXTAREA|SELECT|IFRAME|OBJECT|VIDEO|AUDIO|CANVAS)$/;

function skipped(el) {
  if (el.hidden || el.getAttribute("aria-hidden") === "true" || el.hasAttribute("data-read-aloud") ||
      SKIP.test(el.tagName) || (el.tagName === "INPUT" && el.type === "hidden") ||
      // A heading or caption only a screen reader sees repeats what the page already shows.
      (el.classList.contains("visually-hidden") && BLOCK.test(el.tagName))) return true;
  if (!el.isConnected) return false;
  const style = getComputedStyle(el);
  if (style.display === "none" || style.visibility === "hidden") return true;
  // A block clipped to a pixel (a table's header row on a phone) is for screen readers only.
  return (BLOCK.test(el.tagName) || el.tagName === "THEAD") && style.position === "absolute" &&
    el.offsetWidth <= 1 && el.offsetHeight <= 1;
}

const langOf = (el) => el.closest("[lang]")?.lang || "nl";

/** What read-aloud says for `root`, in reading order, with the language of each part: one
 * chunk per block (heading, paragraph, list item, label, link or button). Folded content
 * (a closed <details> beyond its summary) is skipped; a pictogram's text alternative comes
 * after the words of its block, so a title is heard before its label. */
export function readAloudChunks(root) {
  const chunks = [];
  let text = "", labels = "", lang = root && langOf(root);
  const flush = () => {
    const chunk = `${text} ${labels}`.replace(/\s+/g, " ").replace(/[\s,]+$/, "").trim();
    if (chunk) chunks.push({ text: chunk, lang });
    text = labels = "";
  };
  const walk = (node) => {
    for (let el = node.firstChild; el; el = el.nextSibling) {
      if (el.nodeType === 3) text += el.data;
      if (el.nodeType !== 1 || skipped(el)) continue;
      const tag = el.tagName.toUpperCase();
      if (tag === "SVG" || tag === "IMG" || tag === "INPUT" || tag === "BR") {
        if (tag === "SVG") labels += ` ${el.getAttribute("role") === "img" && el.getAttribute("aria-label") || ""}`;
        else text += ` ${(tag === "IMG" ? el.alt : /^(submit|button)$/.test(el.type) && el.value) || ""} `;
        continue;
      }
      if (node.tagName === "DETAILS" && !node.open && tag !== "SUMMARY") continue;
      const outer = lang;
      const block = BLOCK.test(tag) || (el.lang && el.lang !== lang) ||
        (/^(A|BUTTON)$/.test(tag) && !INLINE_PARENT.test(el.parentElement?.tagName));
      if (block) flush();
      lang = el.lang || lang;
      walk(el);
      if (/^T[HD]$/.test(tag)) text += ", "; // a table row is read as one line
      if (block) flush();
      lang = outer;
    }
  };
  if (root) walk(root);
  flush();
  return chunks;
}

export const collectReadAloudText = (root) => readAloudChunks(root).map((chunk) => chunk.text);

window.stapwijzer = { collectReadAloudText };

function setUpReadAloud(box) {
  const synth = window.speechSynthesis;
  const root = doc.querySelector("[data-read-root]");
  if (!synth || !root || !window.SpeechSynthesisUtterance) return;
  const buttons = {};
  for (const name of ["play", "pause", "resume", "stop"]) buttons[name] = box.querySelector(`[data-action=${name}]`);
  const status = box.querySelector("[data-read-status]");
  const locales = { nl: "nl-NL", en: "en-GB" };
  let run = 0; // bumped on start and stop: events of old utterances are ignored

  const show = (state, say) => {
    const focused = box.contains(doc.activeElement);
    const visible = { idle: ["play"], playing: ["pause", "stop"], paused: ["resume", "stop"] }[state];
    for (const name in buttons) if (buttons[name]) buttons[name].hidden = !visible.includes(name);
    if (focused) buttons[visible[0]]?.focus();
    if (status && say) status.textContent = box.dataset[say] || "";
  };

  const speak = (queue, index, id) => {
    if (id !== run) return;
    if (index >= queue.length) return show("idle", "msgDone");
    const { text, lang: code } = queue[index];
    const lang = locales[code] || code;
    const utterance = new SpeechSynthesisUtterance(text);
    const tag = (voice) => voice.lang.replace("_", "-").toLowerCase();
    const voices = synth.getVoices();
    utterance.voice = voices.find((v) => tag(v) === lang.toLowerCase()) ||
      voices.find((v) => tag(v).startsWith(lang.slice(0, 2))) || null;
    utterance.lang = lang;
    utterance.rate = 0.9;
    utterance.onend = () => speak(queue, index + 1, id);
    utterance.onerror = (event) => {
      if (!/interrupted|canceled/.test(event.error)) speak(queue, index + 1, id);
    };
    synth.speak(utterance);
  };

  const stop = (say) => { run++; synth.cancel(); show("idle", say); };
  box.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "play") {
      stop();
      show("playing", "msgPlaying");
      // Engines stop on very long utterances: long blocks go sentence by sentence.
      const queue = readAloudChunks(root).flatMap(({ text, lang }) =>
        (text.length > 200 ? text.replace(/([.!?])\s+/g, "$1\n").split("\n") : [text])
          .map((part) => ({ text: part, lang })));
      speak(queue, 0, run);
    } else if (action === "pause") {
      synth.pause();
      show("paused", "msgPaused");
    } else if (action === "resume") {
      synth.resume();
      show("playing", "msgPlaying");
    } else if (action === "stop") {
      stop("msgStopped");
    }
  });
  addEventListener("pagehide", () => { run++; synth.cancel(); });
  box.hidden = false;
}

doc.querySelectorAll("[data-read-aloud]").forEach(setUpReadAloud);

// --- Sign-out, and forms that need the network ---
doc.addEventListener("submit", (event) => {
  const form = event.target;
  if (!navigator.onLine && form.hasAttribute("data-offline-queue")) {
    event.preventDefault();
    const key = crypto.randomUUID();
    save([...queued(), { action: form.action, body: [...new FormData(form)], key, owner: owner() }]);
    form.querySelector("[data-queued]")?.remove();
    const note = waitingNote(key);
    form.append(note);
    form.reset(); // pressing again does not queue the same text twice
    // Unless it was sent already (a busy phone can run this timer late).
    setTimeout(() => { if (note.className === "alert") note.textContent = html.dataset.queueWaitMessage; }, 50);
    return;
  }
  // Every write needs the network: offline, the form stays as it is and says so in plain
  // words, instead of the browser's error page.
  if (form.method !== "post") return;
  let alert = form.querySelector("[data-offline-alert]");
  if (navigator.onLine) {
    if (/\/(logout|settings\/devices\/sign-out-all)$/.test(form.getAttribute("action"))) {
      sw?.controller?.postMessage({ type: "sign-out" }); // forget the saved pages
      localStorage.removeItem(OUTBOX); // online, so what waited has been sent
    }
    return alert?.remove();
  }
  event.preventDefault(); // the typed text stays in the form
  if (!alert) {
    alert = doc.createElement("p");
    alert.className = "alert alert-error";
    alert.setAttribute("role", "alert");
    alert.setAttribute("data-offline-alert", "");
    const submit = event.submitter || form.querySelector("[type=submit]");
    if (form.contains(submit)) submit.before(alert);
    else form.append(alert);
  }
  // Emptied, then filled: announced again on every try.
  alert.textContent = "";
  setTimeout(() => {
    alert.textContent = html.dataset[form.hasAttribute("data-needs-network") ? "offlineWriteMessage" : "offlineRefuseMessage"];
  }, 50);
}, true);

// --- Writes made offline wait for the connection ---
// Kept in localStorage until the server answered; each carries a key made here, so the server
// drops a repeat when an answer got lost on the way back.
const OUTBOX = "stapwijzer-outbox";
const queued = () => JSON.parse(localStorage.getItem(OUTBOX) || "[]");
const save = (items) => localStorage.setItem(OUTBOX, JSON.stringify(items));
// Whose page this is (base.html): a write waits for the person who typed it, never for
// whoever signs in next on the same phone.
const owner = () => doc.querySelector("meta[name=stapwijzer-owner]")?.content || "";
const mine = () => queued().filter((item) => item.owner === owner());
let sending = false;
function waitingNote(key) {
  const note = doc.createElement("p");
  note.className = "alert";
  note.setAttribute("role", "status");
  note.dataset.queued = key;
  return note;
}
async function sendQueued() {
  if (sending || !navigator.onLine || !owner()) return; // no one signed in here: keep waiting
  // Someone else's writes (their access ended, or they left the phone signed out) are
  // dropped unsent: never sent with this person's session, never put in this person's form.
  if (mine().length !== queued().length) save(mine());
  sending = true;
  try {
    for (const item of mine()) {
      let response;
      try {
        response = await fetch(item.action, {
          method: "POST", body: new URLSearchParams(item.body), credentials: "same-origin",
          headers: { "Idempotency-Key": item.key },
          signal: AbortSignal.timeout(10000), // a send that hangs is tried again, never stuck
        });
      } catch {
        // Still no connection (the "online" event can come before the network is back):
        // the next "online" tries again, and so does a timer while something waits.
        setTimeout(sendQueued, 5000);
        break;
      }
      save(queued().filter((other) => other.key !== item.key));
      let note = doc.querySelector(`[data-queued="${item.key}"]`);
      if (!note) doc.querySelector("main")?.prepend(note = waitingNote(item.key));
      if (!response.ok) {
        // Refused (signed out, say): the typed text goes back into its form, not lost.
        const form = doc.querySelector(`form[action="${new URL(item.action).pathname}"]`);
        for (const [name, value] of item.body) {
          if (form?.elements[name]?.tagName === "TEXTAREA") form.elements[name].value = value;
        }
      }
      note.className = `alert ${response.ok ? "alert-ok" : "alert-error"}`;
      note.textContent = html.dataset[response.ok ? "queueSentMessage" : "queueFailedMessage"];
    }
  } finally {
    sending = false;
  }
}
addEventListener("online", sendQueued);
if (navigator.onLine) sendQueued();
else {
  // Reopened offline: what still waits is shown at the top.
  for (const { key } of mine()) {
    const note = waitingNote(key);
    note.textContent = html.dataset.queueWaitMessage;
    doc.querySelector("main")?.prepend(note);
  }
}

// --- Notifications (Web Push) ---
// Asked for only here: after the page explains what a notification is and the person presses
// "Turn on notifications". Never on page load.
function fromBase64Url(text) {
  const base64 = (text + "=".repeat((4 - (text.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function setUpPush(box) {
  const show = (state) => box.querySelectorAll("[data-push-state]").forEach((el) => {
    el.hidden = el.dataset.pushState !== state;
  });
  const status = box.querySelector("[data-push-status]");
  const say = (text) => { status.textContent = ""; setTimeout(() => { status.textContent = text; }, 50); };
  if (!sw || !window.PushManager || !window.Notification) return show("unsupported");
  const csrf = doc.querySelector("input[name=csrf_token]")?.value || "";
  const api = (method, url, body) => fetch(url, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
    body: body ? JSON.stringify(body) : undefined,
  });
  const registration = await sw.ready;
  const current = await registration.pushManager.getSubscription();
  show(Notification.permission === "denied" ? "denied" : current ? "on" : "off");
  box.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-push-action]")?.dataset.pushAction;
    if (!action) return;
    try {
      if (action === "on") {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") return show(permission === "denied" ? "denied" : "off");
        const key = await api("GET", "/api/v1/push/public-key");
        if (!key.ok) throw new Error(`key ${key.status}`);
        const subscription = await registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: fromBase64Url((await key.json()).public_key),
        });
        const saved = await api("POST", "/api/v1/me/push-subscriptions", subscription.toJSON());
        if (!saved.ok) throw new Error(`subscribe ${saved.status}`);
        show("on");
        say(box.dataset.msgOn);
      } else if (action === "off") {
        const subscription = await registration.pushManager.getSubscription();
        if (subscription) {
          await api("DELETE", "/api/v1/me/push-subscriptions", { endpoint: subscription.endpoint });
          await subscription.unsubscribe();
        }
        show("off");
        say(box.dataset.msgOff);
      }
    } catch (error) {
      say(box.dataset.msgError);
    }
  });
}

doc.querySelectorAll("[data-push]").forEach((box) => setUpPush(box).catch(() => {}));

// A print button (the employer leaflet): the browser's own print dialog.
doc.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
