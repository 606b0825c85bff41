"""The course website: every notebook executed once, built into static HTML.

`python -m genai_course.website` executes each notebook in a copy (never in
notebooks/), caches the result under build/, and builds a Jupyter Book (Sphinx) into
build/site/html: the course map from the README as the landing page, one page per
notebook with its figures, a glossary page when `genai_course.glossary` exists, and
Binder and Colab launch buttons. Install the tool with `pip install -e .[site]`.
Explorers show their static picture and readout there (see `Explorer`'s MIME bundle).
"""

import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .runtime import ROOT

REPO = "genai-course/genai_course"
BRANCH = "main"
GITHUB = f"https://github.com/{REPO}"
COLAB = "https://colab.research.google.com"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
TIMEOUT_S = 1800  # per cell, for a heavily loaded machine


def colab_url(name):
    """Open notebooks/<name> from GitHub in Google Colab."""
    return f"{COLAB}/github/{REPO}/blob/{BRANCH}/notebooks/{name}"


def binder_url(name):
    """Open notebooks/<name> on Binder, in JupyterLab."""
    return (
        f"https://mybinder.org/v2/gh/{REPO}/{BRANCH}?urlpath=lab/tree/notebooks/{name}"
    )


def badges(name):
    """The Binder and Colab badges for notebooks/<name>, as one Markdown line."""
    return (
        f"[![Binder](https://mybinder.org/badge_logo.svg)]({binder_url(name)}) "
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        f"({colab_url(name)})"
    )


# -- executing the notebooks -----------------------------------------------------------
def source_key(notebook):
    """A hash of everything an executed notebook depends on: itself and the package."""
    h = hashlib.sha256(notebook.read_bytes())
    for path in sorted((ROOT / "genai_course").rglob("*.py")):
        if path.name == "website.py":  # builds pages, runs nothing in a notebook
            continue
        h.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    sums = ROOT / "data" / "checkpoints" / "SHA256SUMS"
    if sums.is_file():
        h.update(sums.read_bytes())
    return h.hexdigest()[:16]


def kernel_env():
    """The kernel's environment: this package, this interpreter, one thread each."""
    env = dict(os.environ, OMP_NUM_THREADS="1", MPLBACKEND="Agg")
    paths = [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
    return env


def execute(notebook, dest, cache):
    """Execute a copy of `notebook` into `dest`, or reuse a cached run (same key)."""
    cached = cache / f"{notebook.stem}-{source_key(notebook)}.ipynb"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        work = cache / "run"
        work.mkdir(exist_ok=True)
        shutil.copy(notebook, work / notebook.name)  # run beside nothing of the repo
        cmd = [
            sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
            f"--ExecutePreprocessor.timeout={TIMEOUT_S}",
            "--ExecutePreprocessor.kernel_name=python3",
            "--output", f"{cached.stem}.tmp", "--output-dir", str(cache),
            str(work / notebook.name),
        ]  # fmt: skip
        result = subprocess.run(
            cmd, cwd=work, env=kernel_env(), capture_output=True, text=True
        )
        tmp = cache / f"{cached.stem}.tmp.ipynb"
        if result.returncode != 0 or not tmp.is_file():
            raise RuntimeError(
                f"{notebook.name} failed to execute:\n{result.stderr[-3000:]}"
            )
        tmp.replace(cached)
    shutil.copy(cached, dest / notebook.name)


def execute_all(notebooks, dest, cache, workers):
    """Execute every notebook, `workers` at a time (one torch thread each)."""
    dest.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(execute, nb, dest, cache) for nb in notebooks]:
            future.result()


# -- static outputs --------------------------------------------------------------------
def static_outputs(notebook):
    """Outputs for a page without a kernel: explorers as picture + readout, no stubs.

    An explorer's display carries a PNG and its readout beside the widget view; here
    they become an <img> whose alt text is the readout, with the readout below. A
    widget with no such fallback (a progress bar's text is kept) is dropped, and so is
    the saved widget state, which would only pull widget JavaScript from a CDN.
    """
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                text = "".join(data.get("text/plain", ""))
                if "image/png" in data:
                    out["data"] = {"text/html": explorer_html(data["image/png"], text)}
                elif re.match(r"^[A-Z]\w*\(", text):  # a bare widget repr
                    continue
                else:
                    out["data"] = {"text/plain": text}
            outputs.append(out)
        if "outputs" in cell:
            cell["outputs"] = outputs
    nb["metadata"].pop("widgets", None)  # no widget state: no widget JavaScript
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


def explorer_html(png_base64, text):
    """An explorer's static picture, its readout as alt text and shown below it."""
    png = "".join(png_base64).replace("\n", "")
    base64.b64decode(png, validate=True)
    return (
        "<figure class='genai-explorer-static'>"
        f"<img src='data:image/png;base64,{png}' alt='{html.escape(text, quote=True)}'"
        " style='max-width:100%;height:auto'>"
        "<figcaption><pre style='white-space:pre-wrap;text-align:left'>"
        f"{html.escape(text)}</pre></figcaption></figure>"
    )


# -- the book's pages ------------------------------------------------------------------
def landing_page(readme):
    """The README as the landing page: links to other repository files go to GitHub."""

    def link(match):
        text, target = match.group(1), match.group(2)
        if re.match(r"^(https?:|#|mailto:)", target) or target.startswith("notebooks/"):
            return match.group(0)
        return f"[{text}]({GITHUB}/blob/{BRANCH}/{target})"

    page = re.sub(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)", link, readme)
    if colab_url("00_welcome.ipynb") in page:
        return page
    title, _, rest = page.partition("\n")
    return f"{title}\n\n{badges('00_welcome.ipynb')}\n{rest}"


def glossary_page():
    """The glossary as a Markdown page, or None when the course has no glossary yet."""
    try:
        from .glossary import TERMS  # the module's list; the package's `glossary` is a function
    except ImportError:
        return None
    rows = []
    for term in sorted(TERMS, key=lambda t: t.name.lower()):
        where = term.notebook
        if (NOTEBOOKS / f"{where}.ipynb").is_file():
            where = f"[{where}](notebooks/{where}.ipynb)"
        meaning = term.definition.replace("|", "\\|")  # not a column break
        rows.append(f"| **{term.name}** | {meaning} | {where} |")
    table = ["| term | meaning | defined in |", "|---|---|---|", *rows]
    if not rows:
        table = ["No terms yet."]
    intro = (
        "Every term the course uses, with its meaning and the notebook that defines "
        "it. In a notebook, `from genai_course.glossary import glossary` and "
        '`glossary("term")` look one up.'
    )
    return "\n".join(
        ["# Glossary", "", badges("00_welcome.ipynb"), "", intro, "", *table, ""]
    )


def book_config(title):
    """Jupyter Book's _config.yml (JSON is valid YAML)."""
    return {
        "title": title,
        "author": "the genai_course authors",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},  # executed once, above
        "repository": {"url": GITHUB, "branch": BRANCH, "path_to_book": ""},
        "launch_buttons": {
            "notebook_interface": "jupyterlab",
            "binderhub_url": "https://mybinder.org",
            "colab_url": COLAB,
        },
        "html": {"use_repository_button": True, "use_download_button": True},
        "sphinx": {
            "config": {
                # the static picture, not an empty widget placeholder
                "nb_mime_priority_overrides": [["html", WIDGET_VIEW, None]],
                "html_show_copyright": False,
                "suppress_warnings": ["myst.header"],
                "myst_heading_anchors": 3,  # the README's [Troubleshooting](#troubleshooting)
            }
        },
    }


def book_toc(names, has_glossary):
    """Jupyter Book's _toc.yml: the landing page, the notebooks, the glossary."""
    chapters = [{"file": f"notebooks/{Path(n).stem}"} for n in names]
    if has_glossary:
        chapters.append({"file": "glossary"})
    return {"format": "jb-book", "root": "index", "chapters": chapters}


def write_book(src, notebooks):
    """Lay out the book's sources in `src` (the notebooks are already executed)."""
    readme = (ROOT / "README.md").read_text()
    (src / "index.md").write_text(landing_page(readme))
    glossary = glossary_page()
    if glossary is not None:
        (src / "glossary.md").write_text(glossary)
    title = readme.partition("\n")[0].lstrip("# ").strip()
    (src / "_config.yml").write_text(json.dumps(book_config(title), indent=1))
    toc = book_toc([nb.name for nb in notebooks], glossary is not None)
    (src / "_toc.yml").write_text(json.dumps(toc, indent=1))


def build(out=BUILD / "site", cache=BUILD / "site-cache", workers=None):
    """Execute the notebooks (cached) and build the site; return the HTML folder."""
    out, cache = Path(out), Path(cache)
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    workers = workers or min(2, os.cpu_count() or 1)
    src = out / "src"
    shutil.rmtree(out, ignore_errors=True)
    started = time.time()
    execute_all(notebooks, src / "notebooks", cache, workers)
    executed = time.time() - started
    for notebook in sorted((src / "notebooks").glob("*.ipynb")):
        static_outputs(notebook)
    write_book(src, notebooks)
    cmd = [
        sys.executable, "-c", "from jupyter_book.cli.main import main; main()",
        "build", str(src), "--path-output", str(out), "--warningiserror",
        "--keep-going",
    ]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, env=kernel_env())
    if result.returncode != 0:
        raise RuntimeError(
            f"the site did not build:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    html_dir = out / "_build" / "html"
    print(
        f"built {len(list(html_dir.rglob('*.html')))} pages in {html_dir} "
        f"(notebooks {executed:.0f} s, total {time.time() - started:.0f} s)"
    )
    return html_dir


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(BUILD / "site"), help="output folder")
    parser.add_argument(
        "--cache", default=str(BUILD / "site-cache"), help="executed notebooks"
    )
    parser.add_argument("--workers", type=int, default=None, help="notebooks at once")
    args = parser.parse_args(argv)
    build(args.out, args.cache, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
