"""The course in a real browser: JupyterLab and headless Chromium, driven by Playwright.

For every notebook: open it, run all cells, wait for the kernel to go idle, check that
no cell shows an error and no widget shows "Error displaying widget", move a slider of
each explorer with the keyboard and check that its readout changes and that its
picture's alt text (what a screen reader reads) follows the readout, and save a
screenshot to artifacts/browser/. Notebooks are copied to a temporary folder first, so
the browser never writes into the repository. Chromium comes from Debian (`apt install
chromium`; `.ci/run` installs it); Playwright's own browser download is not used.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "artifacts" / "browser"
RUN_TIMEOUT_MS = 300_000

from chromium import require_chromium  # noqa: E402

require_chromium()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A private JupyterLab on 127.0.0.1 serving a copy of the notebooks."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    # render every cell (no virtual scrolling), so every explorer is in the page;
    # no news pop-up (it would also try to reach the network)
    for plugin, value in {
        "notebook-extension/tracker": {"windowingMode": "none"},
        "apputils-extension/notification": {"fetchNews": "false"},
    }.items():
        file = root / ".settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(value))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(root / ".jupyter"),
        JUPYTER_RUNTIME_DIR=str(root / ".runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
        OMP_NUM_THREADS="1",
    )
    log_path = ARTIFACTS / "jupyter-server.log"
    log = open(log_path, "w")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
            "--allow-root",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                log.close()
                raise RuntimeError(
                    f"JupyterLab did not start: see {log_path}"
                ) from None
            time.sleep(0.5)
    yield {"url": url, "token": token, "log": log_path, "root": root}
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


APP = "window.jupyterapp"
# guarded: while the page loads (or `?reset` reloads it) the app is not there yet
NOTEBOOK = f"({APP} && {APP}.shell && {APP}.shell.currentWidget)"
# the notebook's kernel, or a falsy value while it starts (JS, for `nb` in scope)
KERNEL = (
    "nb && nb.sessionContext && nb.sessionContext.session"
    " && nb.sessionContext.session.kernel"
)
KERNEL_READY = f"""() => {{
  const nb = {NOTEBOOK};
  const k = {KERNEL};
  return !!(k && k.status === 'idle' && nb.content && nb.content.widgets.length);
}}"""
RUN_STATE = f"""() => {{
  const nb = {NOTEBOOK};
  const k = {KERNEL};
  if (!k || !nb.content) return {{status: 'loading', ran: false, errors: [], cells: 0}};
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  for (const c of cells) {{
    for (const o of c.model.outputs.toJSON()) {{
      if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
    }}
  }}
  const status = k.status;
  const ran = cells.every(c => c.model.executionCount !== null);
  return {{status, ran, errors, cells: cells.length}};
}}"""


def _run_all(page):
    page.wait_for_function(KERNEL_READY, timeout=120_000)
    page.evaluate(f"{APP}.commands.execute('notebook:run-all-cells')")
    deadline = time.time() + RUN_TIMEOUT_MS / 1000
    while time.time() < deadline:
        state = page.evaluate(RUN_STATE)
        if state["status"] == "idle" and (state["ran"] or state["errors"]):
            time.sleep(1.0)  # let late widget views and images render
            return page.evaluate(RUN_STATE)
        time.sleep(0.5)
    raise AssertionError(f"notebook did not finish in {RUN_TIMEOUT_MS / 1000:.0f} s")


def _move_slider(page, explorer):
    """Move the explorer's first slider with the keyboard; return (before, after)."""
    readout = explorer.locator(".genai-readout pre").first
    before = readout.inner_text()
    handle = explorer.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for key in ("ArrowRight", "ArrowLeft", "ArrowLeft"):
        page.keyboard.press(key)
        for _ in range(40):
            after = readout.inner_text()
            if after != before:
                return before, after
            time.sleep(0.25)
    return before, readout.inner_text()


def _alt_matches_readout(explorer):
    """The picture's alt text (what a screen reader reads) is the explorer's readout."""
    picture = explorer.locator(".genai-picture img").first
    readout = explorer.locator(".genai-readout pre").first
    for _ in range(40):
        alt, text = picture.get_attribute("alt"), readout.inner_text()
        if alt and alt.strip() == text.strip():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_the_browser(lab, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120_000)  # a loaded CI machine is slow to boot a lab
    shot = ARTIFACTS / f"{path.stem}.png"
    try:
        # a fresh workspace per notebook, so no earlier notebook reopens beside it
        page.goto(
            f"{lab['url']}/lab/workspaces/{path.stem}/tree/notebooks/{path.name}"
            f"?reset&token={lab['token']}"
        )
        state = _run_all(page)
        assert not state["errors"], f"cells raised: {state['errors']}"
        assert state["ran"], "not every code cell ran"
        assert page.get_by_text("Error displaying widget").count() == 0
        explorers = page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .genai-explorer"
        )
        assert explorers.count() >= 1, "no explorer rendered"
        for i in range(explorers.count()):
            explorer = explorers.nth(i)
            assert _alt_matches_readout(explorer), f"explorer {i}: alt is not readout"
            if explorer.locator(".noUi-handle").count() == 0:
                continue  # an explorer with menus and buttons only
            before, after = _move_slider(page, explorer)
            assert after != before, f"explorer {i}: moving a slider changed nothing"
            assert not after.startswith("⚠"), f"explorer {i}: {after}"
            assert _alt_matches_readout(explorer), f"explorer {i}: alt went stale"
        explorers.first.scroll_into_view_if_needed()
        page.screenshot(path=str(shot))
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"FAILED-{path.stem}.png"))
        shutil.copy(lab["log"], ARTIFACTS / f"FAILED-{path.stem}-server.log")
        raise
    finally:
        page.close()
        _shut_down_kernels(lab)


def _shut_down_kernels(lab):
    """Stop every kernel the page started, as closing a notebook in JupyterLab would."""
    auth = {"Authorization": f"token {lab['token']}"}
    request = urllib.request.Request(f"{lab['url']}/api/sessions", headers=auth)
    for session in json.load(urllib.request.urlopen(request, timeout=10)):
        urllib.request.urlopen(
            urllib.request.Request(
                f"{lab['url']}/api/sessions/{session['id']}",
                headers=auth,
                method="DELETE",
            ),
            timeout=30,
        )


PICTURE_BACKGROUND = """(img) => {
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const corners = [[1, 1], [c.width - 2, 1], [1, c.height - 2], [c.width - 2, c.height - 2]];
  return corners.map(([x, y]) => Array.from(ctx.getImageData(x, y, 1, 1).data));
}"""
TEXT_COLOURS = """(el) => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  let node = el, bg = [0, 0, 0, 0];
  while (node) {
    bg = rgb(getComputedStyle(node).backgroundColor);
    if (bg.length === 3 || (bg.length === 4 && bg[3] > 0)) break;
    node = node.parentElement;
  }
  return {fg: rgb(getComputedStyle(el).color), bg: bg};
}"""


def _luminance(rgb):
    """WCAG relative luminance of an sRGB colour given as 0-255 numbers."""
    lin = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in rgb[:3])
    ]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a, b):
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_explorers_stay_readable_in_the_dark_theme(lab, browser):
    """Figures carry their own light background; the readout keeps WCAG AA contrast."""
    path = ROOT / "notebooks" / "00_welcome.ipynb"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120_000)
    try:
        page.goto(
            f"{lab['url']}/lab/workspaces/dark/tree/notebooks/{path.name}"
            f"?reset&token={lab['token']}"
        )
        page.wait_for_function(KERNEL_READY, timeout=120_000)
        page.evaluate(
            f"{APP}.commands.execute('apputils:change-theme',"
            " {theme: 'JupyterLab Dark'})"
        )
        page.wait_for_function("document.body.dataset.jpThemeLight === 'false'")
        state = _run_all(page)
        assert not state["errors"] and state["ran"], state
        explorer = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .genai-explorer")
        explorer = explorer.first
        picture = explorer.locator(".genai-picture img").first
        picture.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                               arg=picture.element_handle())
        for r, g, b, alpha in picture.evaluate(PICTURE_BACKGROUND):
            assert alpha == 255, "the figure is transparent: its lines vanish on dark"
            assert _luminance((r, g, b)) > 0.8, "the figure lost its light background"
        colours = explorer.locator(".genai-readout pre").first.evaluate(TEXT_COLOURS)
        assert _contrast(colours["fg"], colours["bg"]) >= 4.5, colours
        page.screenshot(path=str(ARTIFACTS / "dark-00_welcome.png"))
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "FAILED-dark-00_welcome.png"))
        raise
    finally:
        page.evaluate(
            f"{APP}.commands.execute('apputils:change-theme',"
            " {theme: 'JupyterLab Light'})"
        )
        page.close()
        _shut_down_kernels(lab)
