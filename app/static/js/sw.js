// Stapwijzer service worker: the app shell from the cache, pages network-first with the last
// copy kept for offline use. The server replaces VERSION with a hash of the static files, so
// every change of a shell file installs a fresh cache (app/pwa/pages.py).
const VERSION = "dev";
const STATIC = `stapwijzer-static-${VERSION}`;
const PAGES = `stapwijzer-pages-${VERSION}`;
const SHELL = [
  "/static/app.css",
  "/static/js/app.js",
  "/static/js/money.js",
  "/static/pictograms.svg",
  "/static/icon.svg",
  "/static/icon-192.png",
  "/static/icon-512.png",
  "/manifest.webmanifest",
];
// Sign-in, sign-out and one-time links are never kept; the API is never cached at all.
const NEVER_CACHED = /^\/(i\/|code\/?$|login(\/|$)|logout\/?$|signed-out\/?$|api\/)/;
// Opening these means someone signs out or (maybe someone else) signs in: forget saved pages.
const FORGET = /^\/(i\/|code\/?$|login\/?$|signed-out\/?$)/;
// A candidate's file (/c/{id}) or one of its areas (/c/{id}/steps): not one object in it.
const FILE = /^\/c\/(\d+)(\/[^/]+)?\/?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key !== STATIC && key !== PAGES).map((key) => caches.delete(key)),
      ))
      .then(() => self.clients.claim()),
  );
});

// The pages hold personal data: forget them when the person signs out. The device's
// notifications stop too (the push service answers 410 next time: the server marks it gone).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "sign-out") {
    event.waitUntil(Promise.all([
      caches.delete(PAGES),
      self.registration.pushManager.getSubscription()
        .then((subscription) => subscription && subscription.unsubscribe()).catch(() => {}),
    ]));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "POST" && request.mode === "navigate") {
    // A form sent while the connection is gone (the page thought it was online): a plain
    // message with the way back, never the browser's error page.
    event.respondWith(fetch(request).catch(refused));
    return;
  }
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith("/static/") || SHELL.includes(url.pathname)) {
    event.respondWith(asset(event));
  }
});

async function asset(event) {
  const cached = await caches.match(event.request, { cacheName: STATIC });
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(caches.open(STATIC).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

async function page(event, url) {
  const request = event.request;
  if (FORGET.test(url.pathname)) event.waitUntil(caches.delete(PAGES));
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return offline(request);
  }
  if (sessionEnded(response)) {
    // Signed out, revoked or expired: this person's saved pages go, whatever page said so.
    event.waitUntil(caches.delete(PAGES));
  } else if (!NEVER_CACHED.test(url.pathname)) {
    const noStore = /no-store/.test(response.headers.get("Cache-Control") || "");
    if (response.status === 200 && response.type === "basic" && !noStore) {
      const copy = response.clone();
      event.waitUntil(caches.open(PAGES).then((cache) => cache.put(request, copy)));
    } else if (response.status >= 400) {
      // Gone or no longer allowed: do not keep showing the old copy offline, nor any other
      // page of that candidate's file (a family member whose access ended).
      event.waitUntil(forget(request, url, response.status));
    }
  }
  return response;
}

// The server says a session ended with 401 or Clear-Site-Data (app/middleware.py); a page
// that ends up on the sign-in page after a redirect says so too.
function sessionEnded(response) {
  if (response.status === 401 || response.headers.has("Clear-Site-Data")) return true;
  return response.redirected && FORGET.test(new URL(response.url).pathname);
}

// A 403 anywhere in a file, or a 404 for the file or one of its areas, means the person may
// no longer see it: every saved page of that file goes, and the start page. Anything else: only this page (a
// step that was removed does not wipe the candidate's own saved home).
async function forget(request, url, status) {
  const cache = await caches.open(PAGES);
  const id = /^\/c\/(\d+)(\/|$)/.exec(url.pathname)?.[1];
  if (!id || !(status === 403 || (status === 404 && FILE.test(url.pathname)))) {
    await cache.delete(request, { ignoreVary: true });
    return;
  }
  const prefix = `/c/${id}`;
  // The start page goes too: a family member's "/" shows the file she looks along with.
  const inFile = (address) => {
    const path = address && new URL(address).pathname;
    return path === "/" || path === prefix || path?.startsWith(`${prefix}/`);
  };
  for (const saved of await cache.keys()) {
    const kept = await cache.match(saved, { ignoreVary: true }); // "/" may have redirected here
    if (inFile(saved.url) || inFile(kept?.url)) await cache.delete(saved, { ignoreVary: true });
  }
}

function plain(title, body) {
  return new Response(
    '<!doctype html><html lang="nl"><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title} · Stapwijzer</title><link rel="stylesheet" href="/static/app.css">` +
    `<main class="wrap">${body}</main></html>`,
    { status: 503, headers: {
      "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'self'",
    } },
  );
}

// Pages send no referrer (Referrer-Policy: no-referrer), so the way on is the start page.
function refused() {
  return plain("Geen internet",
    "<h1>Geen internet</h1><p>Dit kan alleen met internet. Probeer het later opnieuw.</p>" +
    '<p><a href="/">Naar de startpagina</a></p><div lang="en"><h2>No internet</h2>' +
    "<p>This only works with internet. Try again later.</p>" +
    '<p><a href="/">Go to the start page</a></p></div>');
}

async function offline(request) {
  const cached = await caches.match(request, { cacheName: PAGES, ignoreVary: true });
  if (!cached) {
    return plain("Geen internet", "<h1>Geen internet</h1>" +
      "<p>Deze pagina is niet bewaard. Probeer het opnieuw als je internet hebt.</p>" +
      '<p><a href="/">Naar de startpagina</a></p><div lang="en"><h2>No internet</h2>' +
      "<p>This page has not been saved. Try again when you have internet.</p>" +
      '<p><a href="/">Go to the start page</a></p></div>');
  }
  // Show the offline note (with the time the page was made) that base.html always contains.
  const text = (await cached.text()).replace(/<html\b([^>]*)>/i, (tag, attributes) =>
    /\sclass\s*=\s*"/i.test(attributes)
      ? tag.replace(/(\sclass\s*=\s*")/i, "$1is-offline ")
      : `<html class="is-offline"${attributes}>`);
  const headers = new Headers(cached.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  return new Response(text, { status: 200, statusText: "OK", headers });
}

// --- Notifications (Web Push) ---
// The payload (title, body, url, id, icon) is already lock-screen safe; the tag is the
// notification's id, so a repeat replaces the one on the screen instead of adding a second.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  const title = data.title || "Stapwijzer";
  event.waitUntil(self.registration.showNotification(title, {
    body: data.body || "",
    icon: data.icon || "/static/icon-192.png",
    badge: "/static/icon-192.png",
    tag: data.tag || data.id || undefined,
    data: { url: data.url || "/" },
  }));
});

// Opens the page the notification is about (only on this site), or focuses it when open.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  let target;
  try {
    target = new URL(event.notification.data?.url || "/", self.location.origin);
  } catch (error) {
    target = new URL("/", self.location.origin);
  }
  if (target.origin !== self.location.origin) target = new URL("/", self.location.origin);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (client.url === target.href && "focus" in client) return client.focus();
    }
    for (const client of windows) {
      if (new URL(client.url).origin === target.origin && "navigate" in client) {
        await client.focus();
        return client.navigate(target.href);
      }
    }
    return self.clients.openWindow(target.href);
  })());
});
