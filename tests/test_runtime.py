import pytest
import torch

from genai_course import runtime


@pytest.fixture(autouse=True)
def _keep_threads():
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


def test_setup_seeds_and_caps_threads(capsys):
    assert runtime.setup(seed=5, threads=10_000) is None
    assert torch.get_num_threads() == runtime.available_cpus()
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


def test_cgroup_v2_quota_as_on_binder(tmp_path):
    (tmp_path / "proc").write_text("0::/user/session\n")
    (tmp_path / "user" / "session").mkdir(parents=True)
    (tmp_path / "user" / "session" / "cpu.max").write_text("100000 100000\n")
    assert runtime._cgroup_cpu_quota(tmp_path / "proc", tmp_path) == 1
    (tmp_path / "user" / "session" / "cpu.max").write_text("max 100000\n")
    assert runtime._cgroup_cpu_quota(tmp_path / "proc", tmp_path) is None


def test_cgroup_v1_quota(tmp_path):
    (tmp_path / "proc").write_text("4:memory:/\n1:cpu,cpuacct:/nb\n0::/\n")
    folder = tmp_path / "cpu,cpuacct" / "nb"
    folder.mkdir(parents=True)
    (folder / "cpu.cfs_quota_us").write_text("250000\n")
    (folder / "cpu.cfs_period_us").write_text("100000\n")
    assert runtime._cgroup_cpu_quota(tmp_path / "proc", tmp_path) == 2
    (folder / "cpu.cfs_quota_us").write_text("-1\n")
    assert runtime._cgroup_cpu_quota(tmp_path / "proc", tmp_path) is None
