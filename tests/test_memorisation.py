import pytest
import torch

from genai_course import memorisation as mem


def test_nearest_neighbours_matches_brute_force():
    g = torch.Generator().manual_seed(0)
    bank, q = (
        torch.rand(300, 1, 8, 8, generator=g),
        torch.rand(50, 1, 8, 8, generator=g),
    )
    d, i = mem.nearest_neighbours(q, bank, k=3, chunk=7)
    brute = ((q.flatten(1)[:, None] - bank.flatten(1)[None]) ** 2).sum(-1).sqrt()
    want_d, want_i = brute.sort(dim=1)
    assert torch.allclose(d, want_d[:, :3], atol=1e-4)
    assert (i == want_i[:, :3]).all()
    d, i = mem.nearest_neighbours(bank[:5], bank)
    assert (i[:, 0] == torch.arange(5)).all() and d.max() < 1e-3  # itself


def test_nearest_neighbours_errors():
    with pytest.raises(ValueError, match="same shape"):
        mem.nearest_neighbours(torch.zeros(2, 3), torch.zeros(4, 2))
    with pytest.raises(ValueError, match="batch dimension"):
        mem.nearest_neighbours(torch.zeros(3), torch.zeros(4, 3))
    with pytest.raises(ValueError, match="k must be"):
        mem.nearest_neighbours(torch.zeros(2, 3), torch.zeros(4, 3), k=5)
    with pytest.raises(TypeError, match="torch.Tensor"):
        mem.nearest_neighbours([[0.0]], torch.zeros(4, 1))


def test_memorisation_spots_copies():
    g = torch.Generator().manual_seed(0)
    train, held_out = torch.rand(200, 16, generator=g), torch.rand(100, 16, generator=g)
    copies = train[:30] + 0.001 * torch.randn(30, 16, generator=g)
    fresh = torch.rand(70, 16, generator=g)
    r = mem.memorisation(torch.cat([copies, fresh]), train, held_out)
    assert r["near_copies"] == 30 and r["near_copy_pct"] == pytest.approx(30.0)
    assert (r["nearest"][:30] == torch.arange(30)).all()
    none = mem.memorisation(fresh, train, held_out)
    assert none["near_copies"] == 0
    assert none["generated_median"] == pytest.approx(none["held_out_median"], rel=0.3)


def test_the_digit_models_hug_their_training_set_without_copying():
    """Notebook 09's takeaway: no near copies, diffusion closer than real new digits."""
    from genai_course.detection import digit_experiment

    exp = digit_experiment()
    held_out = exp.digits.x_test
    for images in (exp.gan_images, exp.diffusion_images):
        m = mem.memorisation(images, exp.digits.x_train, held_out, copy_fraction=0.33)
        assert m["near_copies"] == 0
    diffusion = mem.memorisation(exp.diffusion_images, exp.digits.x_train, held_out)
    assert diffusion["generated_median"] < diffusion["held_out_median"]
