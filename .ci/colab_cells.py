"""Give notebooks their Binder and Colab badges and the Colab set-up lines.

    python .ci/colab_cells.py notebooks/*.ipynb

Idempotent: the badges go under the header cell's title line, and the set-up lines
(in Google Colab: clone and install the course, once) go before the first code cell's
`from genai_course import setup`. tests/test_colab.py checks every notebook has both.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from genai_course.website import badges  # noqa: E402

BOOTSTRAP = """\
import importlib.util, subprocess, sys  # in Google Colab: get the course, once
if "google.colab" in sys.modules and not importlib.util.find_spec("genai_course"):
    subprocess.check_call("git clone -q --depth 1 https://github.com/genai-course/"
                          "genai_course /content/genai_course", shell=True)
    subprocess.check_call([sys.executable, "/content/genai_course/binder/colab.py"])
    sys.path.insert(0, "/content/genai_course")
""".splitlines(keepends=True)


def add_colab(path):
    """Add the badges and the set-up lines to one notebook, unless it has them."""
    nb = json.loads(path.read_text())
    header = nb["cells"][0]["source"]
    if not any("colab-badge" in line for line in header):
        header[1:1] = ["\n", badges(path.name) + "\n"]
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    if code["source"][: len(BOOTSTRAP)] != BOOTSTRAP:
        if not "".join(code["source"]).startswith("from genai_course import setup"):
            raise SystemExit(f"{path}: the first code cell is not the set-up call")
        code["source"][0:0] = BOOTSTRAP
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        add_colab(Path(name))
