"""The course website: built by `python -m genai_course.website`, read in Chromium.

The module fixture builds the whole site once (every notebook executed, as a learner
runs it, in a copy; executed notebooks are cached under build/site-cache by a hash of
the notebook and the package, so an unchanged course is not executed twice), serves it
on 127.0.0.1 and opens every page in headless Chromium: every notebook page shows its
figures and each explorer's static picture with the readout as its alt text, every
page links to Colab, and no internal link is broken. Requests that leave the machine
are blocked, and only the badge images and MathJax may be among them.
"""

import functools
import http.server
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from chromium import require_chromium

from genai_course import website

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "artifacts" / "site"
# the two badge images, and MathJax (online, formulas are typeset; offline they show
# as TeX source): nothing else may come from outside
EXTERNAL_OK = (
    "https://mybinder.org/badge_logo.svg",
    "https://colab.research.google.com/assets/colab-badge.svg",
    "https://cdn.jsdelivr.net/npm/mathjax@3/",
)


# -- without a build: the pieces -------------------------------------------------------
def _notebook_with(outputs):
    cell = {"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs}
    return {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _display(data):
    return {"output_type": "display_data", "data": data, "metadata": {}}


def test_static_outputs_turn_explorers_into_picture_and_readout(tmp_path):
    png = "iVBORw0KGgo="  # a PNG signature, base64
    view = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    outputs = [
        _display({website.WIDGET_VIEW: view, "image/png": png, "text/plain": "a < b"}),
        _display({website.WIDGET_VIEW: view, "text/plain": "Image(value=b'')"}),
        _display({website.WIDGET_VIEW: view, "text/plain": "100%|####| 5/5"}),
        _display({"text/plain": "kept"}),
    ]
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(_notebook_with(outputs)))
    website.static_outputs(path)
    out = json.loads(path.read_text())["cells"][0]["outputs"]
    assert [list(o["data"]) for o in out] == [
        ["text/html"],
        ["text/plain"],
        ["text/plain"],
    ]
    html = out[0]["data"]["text/html"]
    assert f"src='data:image/png;base64,{png}'" in html
    assert "alt='a &lt; b'" in html and "<pre" in html
    assert out[1]["data"]["text/plain"] == "100%|####| 5/5"  # a bare widget went


def test_landing_page_keeps_notebook_links_and_sends_the_rest_to_github():
    page = website.landing_page(
        "# T\n[a](notebooks/00_welcome.ipynb) [b](requirements.txt) [c](#x)\n"
    )
    assert "[a](notebooks/00_welcome.ipynb)" in page and "[c](#x)" in page
    assert f"[b]({website.GITHUB}/blob/main/requirements.txt)" in page
    assert website.colab_url("00_welcome.ipynb") in page


def test_glossary_page_lists_every_term_or_is_skipped():
    page = website.glossary_page()
    try:
        from genai_course.glossary import TERMS
    except ImportError:
        assert page is None
        return
    for term in TERMS:
        meaning = term.definition.replace("|", "\\|")
        assert f"| **{term.name}** | {meaning} |" in page
    assert website.colab_url("00_welcome.ipynb") in page


# -- the built site in Chromium -------------------------------------------------------
require_chromium()
try:
    import jupyter_book  # noqa: F401
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "needs jupyter-book (`pip install -e .[site]`)", allow_module_level=True
    )



class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser hanging up on a blocked or aborted load


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built site, served on 127.0.0.1; also reports how long the build took."""
    started = time.time()
    html_dir = website.build(out=tmp_path_factory.mktemp("site"))
    print(f"\nsite built in {time.time() - started:.0f} s")
    handler = functools.partial(_Quiet, directory=str(html_dir))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/", "dir": html_dir}
    server.shutdown()


def _open(browser, url, blocked):
    """A page with every request that leaves the machine blocked and recorded."""
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.set_default_timeout(60_000)

    def route(r):
        if r.request.url.startswith("http://127.0.0.1"):
            r.continue_()
        else:
            blocked.add(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    return page


IMAGES = """() => Array.from(document.images).map(i => ({
  src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0, alt: i.alt,
  explorer: !!i.closest('figure.genai-explorer-static'),
  readout: (i.closest('figure.genai-explorer-static')?.querySelector('pre')
            ?.textContent) ?? null,
}))"""


def _expected(path):
    """(figures, explorer pictures) the executed notebook has."""
    cached = sorted((ROOT / "build" / "site-cache").glob(f"{path.stem}-*.ipynb"))
    key = website.source_key(path)
    nb = json.loads(next(c for c in cached if c.stem.endswith(key)).read_text())
    figures = explorers = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                figures += 1
                explorers += website.WIDGET_VIEW in data
    return figures, explorers


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_page_shows_every_figure(site, browser, path):
    blocked = set()
    page = _open(browser, f"{site['url']}notebooks/{path.stem}.html", blocked)
    try:
        images = page.evaluate(IMAGES)
        local = [i for i in images if not i["src"].startswith("http")]
        figures, explorers = _expected(path)
        assert len(local) >= figures > 0, f"{len(local)} pictures for {figures} figures"
        assert [i["src"][:60] for i in local if not i["ok"]] == [], "images not loaded"
        shown = [i for i in local if i["explorer"]]
        assert len(shown) == explorers, f"{len(shown)} of {explorers} explorer pictures"
        for i in shown:
            assert i["alt"] and i["alt"] == i["readout"], "alt text is not the readout"
        assert page.get_by_text("Loading widget").count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        assert website.colab_url(path.name) in hrefs, "no Open in Colab link"
        assert any(h.startswith("https://mybinder.org/v2/gh/") for h in hrefs)
        assert all(u.startswith(EXTERNAL_OK) for u in blocked), sorted(blocked)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if explorers:
            page.locator(
                "figure.genai-explorer-static"
            ).first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"))
    finally:
        page.close()


def test_glossary_page_shows_each_term_with_its_notebook(site, browser):
    try:
        from genai_course.glossary import TERMS
    except ImportError:
        pytest.skip("the course has no glossary yet")
    page = _open(browser, f"{site['url']}glossary.html", set())
    try:
        rows = page.eval_on_selector_all(
            "table tbody tr",
            "rs => rs.map(r => Array.from(r.querySelectorAll('td'), d => d.innerText))",
        )
    finally:
        page.close()
    shown = [(row[0].strip(), row[-1].strip()) for row in rows]
    assert sorted(shown) == sorted((t.name, t.notebook) for t in TERMS)


@functools.lru_cache(maxsize=None)
def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        return err.code, None


def test_every_internal_link_works(site, browser):
    """Crawl from the landing page: every internal link and #anchor resolves, and
    every page links to Colab."""
    base = site["url"]
    todo, ids, wanted, broken, links, blocked = (
        [base + "index.html"],
        {},
        [],
        [],
        0,
        set(),
    )
    while todo:
        url = todo.pop()
        if url in ids:
            continue
        page = _open(browser, url, blocked)
        try:
            ids[url] = set(page.eval_on_selector_all("[id]", "es => es.map(e => e.id)"))
            hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        finally:
            page.close()
        if not any(h.startswith(f"{website.COLAB}/github/") for h in hrefs):
            broken.append(f"{url}: no Open in Colab link")
        for href in hrefs:
            if not href.startswith(base):
                continue
            links += 1
            target, _, anchor = href.partition("#")
            status, kind = _fetch(target)
            if status != 200:
                broken.append(f"{url} -> {href} ({status})")
            elif kind == "text/html":
                todo.append(target)
                if anchor:
                    wanted.append((url, target, urllib.parse.unquote(anchor)))
    broken += [f"{u} -> {t}#{a} (no such anchor)" for u, t, a in wanted
               if a not in ids[t]]  # fmt: skip
    print(f"\ncrawled {len(ids)} pages, {links} internal links, {len(wanted)} anchors")
    assert len(ids) >= len(NOTEBOOKS) + 1 and links > 50
    assert not broken, "\n".join(broken)
