import io
import tarfile

import pytest

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
