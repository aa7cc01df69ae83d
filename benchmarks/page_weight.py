"""Measures the candidate home page's weight as a phone gets it: the HTML and every
sub-resource, fetched with `Accept-Encoding: br, gzip`, summed in compressed bytes.

Budgets (quality.md): HTML ≤ 14 KB, JS ≤ 15 KB, everything ≤ 60 KB, no third-party requests.
Run: .venv/bin/python benchmarks/page_weight.py"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx

from benchmarks._server import demo_server, sign_in

BUDGET = {"html": 14 * 1024, "js": 15 * 1024, "total": 60 * 1024}


class Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(("js", a["src"]))
        elif tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "icon", "manifest"):
            self.urls.append(({"stylesheet": "css"}.get(a["rel"], "other"), a["href"]))
        elif tag == "img" and a.get("src"):
            self.urls.append(("img", a["src"]))
        elif tag == "use" and a.get("href", "").split("#")[0]:
            self.urls.append(("img", a["href"].split("#")[0]))


def compressed_size(client: httpx.Client, url: str) -> tuple[int, str]:
    with client.stream("GET", url, headers={"Accept-Encoding": "br, gzip"}) as response:
        response.raise_for_status()
        size = sum(len(chunk) for chunk in response.iter_raw())
        return size, response.headers.get("content-encoding", "identity")


def measure(base: str, link: str, path: str = "/") -> dict:
    with httpx.Client(base_url=base, follow_redirects=True) as client:
        sign_in(client, link)
        html_size, encoding = compressed_size(client, path)
        html = client.get(path).text
        parser = Resources()
        parser.feed(html)
        seen, rows = set(), []
        for kind, url in parser.urls:
            absolute = urljoin(base + path, url)
            if absolute in seen:
                continue
            seen.add(absolute)
            if urlsplit(absolute).netloc != urlsplit(base).netloc:
                raise SystemExit(f"third-party request: {absolute}")
            size, enc = compressed_size(client, absolute)
            rows.append((kind, urlsplit(absolute).path, size, enc))
        # The module script imports nothing else; the service worker is fetched separately.
        for extra in re.findall(r'import\s+[^"]*"([^"]+)"', html):
            rows.append(("js", extra, compressed_size(client, urljoin(base, extra))[0], "?"))
    return {"html": (html_size, encoding), "resources": rows}


def main() -> None:
    with demo_server() as (base, _env, links):
        result = measure(base, links["candidate"])
    html_size, encoding = result["html"]
    js = sum(size for kind, _p, size, _e in result["resources"] if kind == "js")
    total = html_size + sum(size for _k, _p, size, _e in result["resources"])
    print(f"candidate home  HTML {html_size:>7,} B ({encoding})  budget {BUDGET['html']:,}")
    for kind, path, size, enc in result["resources"]:
        print(f"  {kind:<5} {path:<32} {size:>7,} B ({enc})")
    print(f"JavaScript total {js:>7,} B  budget {BUDGET['js']:,}")
    print(f"whole page       {total:>7,} B  budget {BUDGET['total']:,}")
    within = html_size <= BUDGET["html"] and js <= BUDGET["js"] and total <= BUDGET["total"]
    print("within budget" if within else "OVER BUDGET")


if __name__ == "__main__":
    main()
