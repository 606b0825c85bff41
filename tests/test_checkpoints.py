import pytest
import torch
from torch import nn

from genai_course import checkpoints as ck
from genai_course.pretrain import RECIPES


def test_round_trip_with_manifest(tmp_path):
    model = nn.Linear(3, 2)
    path = ck.save_checkpoint("lin", model, tmp_path)
    assert ck.read_manifest(tmp_path) == {"lin.pt": ck._sha256(path)}
    fresh = ck.load_checkpoint("lin", nn.Linear(3, 2), tmp_path)
    assert torch.equal(fresh.weight, model.weight)


def test_missing_checkpoint_names_file_and_fix(tmp_path):
    with pytest.raises(
        ck.CheckpointError, match="lin.pt is missing.*genai_course.pretrain lin"
    ):
        ck.load_checkpoint("lin", nn.Linear(3, 2), tmp_path)


def test_truncated_checkpoint_is_caught(tmp_path):
    path = ck.save_checkpoint("lin", nn.Linear(3, 2), tmp_path)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ck.CheckpointError, match="corrupt or edited.*pretrain lin"):
        ck.load_checkpoint("lin", nn.Linear(3, 2), tmp_path)


def test_checkpoint_of_another_model_is_caught(tmp_path):
    ck.save_checkpoint("lin", nn.Linear(3, 2), tmp_path)
    with pytest.raises(
        ck.CheckpointError, match="does not fit this Linear.*pretrain lin"
    ):
        ck.load_checkpoint("lin", nn.Linear(4, 2), tmp_path)


def test_load_or_train_falls_back_to_training(tmp_path, capsys):
    trained = []
    ck.load_or_train("lin", nn.Linear(3, 2), trained.append, tmp_path)
    assert len(trained) == 1 and "training from scratch" in capsys.readouterr().out
    path = ck.save_checkpoint("lin", nn.Linear(3, 2), tmp_path)
    ck.load_or_train("lin", nn.Linear(3, 2), trained.append, tmp_path)
    assert len(trained) == 1  # loaded, not trained
    path.write_bytes(b"garbage")
    with pytest.warns(UserWarning, match="corrupt"):
        ck.load_or_train("lin", nn.Linear(3, 2), trained.append, tmp_path)
    assert len(trained) == 2


def test_weights_only_loading_refuses_pickled_code(tmp_path):
    path = tmp_path / "evil.pt"
    torch.save({"w": torch.zeros(1), "f": print}, path)
    ck._write_manifest({"evil.pt": ck._sha256(path)}, tmp_path)
    with pytest.raises(ck.CheckpointError, match="evil.pt"):
        ck.load_checkpoint("evil", nn.Linear(1, 1), tmp_path)


def test_bad_names_and_types(tmp_path):
    with pytest.raises(ValueError):
        ck.checkpoint_path("../x")
    with pytest.raises(TypeError):
        ck.save_checkpoint("x", 42, tmp_path)
    with pytest.raises(TypeError):
        ck.load_checkpoint("x", {}, tmp_path)


def test_every_shipped_checkpoint_matches_manifest_and_recipe():
    manifest = ck.read_manifest()
    assert set(manifest) == {f"{name}.pt" for name in RECIPES}
    for file, digest in manifest.items():
        assert ck._sha256(ck.CHECKPOINT_DIR / file) == digest
