import pytest
import torch

from genai_course import runtime


def test_setup_seeds_and_caps_threads(capsys):
    threads = runtime.setup(seed=5, threads=10_000)
    assert threads == runtime.available_cpus() == torch.get_num_threads()
    a = torch.rand(3)
    runtime.setup(seed=5, verbose=False)
    assert torch.equal(a, torch.rand(3))
    assert "torch threads" in capsys.readouterr().out


def test_omp_num_threads_is_respected(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert runtime.available_cpus() == 1


@pytest.mark.parametrize("kwargs", [{"seed": -1}, {"seed": 1.5}, {"threads": 0}])
def test_setup_bad_input(kwargs):
    with pytest.raises(ValueError):
        runtime.setup(verbose=False, **kwargs)
