import pytest
import torch

from genai_course import data, density


def test_gmm_recovers_two_well_separated_blobs():
    g = torch.Generator().manual_seed(0)
    x = torch.cat(
        [
            torch.randn(500, 2, generator=g) * 0.3 + torch.tensor([-3.0, 0]),
            torch.randn(500, 2, generator=g) * 0.3 + torch.tensor([3.0, 0]),
        ]
    )
    gmm = density.fit_gmm(x, 2, seed=0)
    means = gmm.means[gmm.means[:, 0].argsort()]
    assert torch.allclose(means.float(), torch.tensor([[-3.0, 0], [3.0, 0]]), atol=0.1)
    assert torch.allclose(
        gmm.weights, torch.tensor([0.5, 0.5], dtype=torch.float64), atol=0.02
    )
    assert torch.allclose(gmm.covs[0].float(), 0.09 * torch.eye(2), atol=0.03)


def test_log_prob_integrates_to_one_and_matches_torch():
    x = data.sample_2d("moons", 300)
    gmm = density.fit_gmm(x, 4)
    grid = density.grid(lim=4, size=200)
    cell = (8 / 199) ** 2
    assert gmm.log_prob(grid).exp().sum().item() * cell == pytest.approx(1, abs=0.02)
    ref = torch.distributions.MultivariateNormal(gmm.means, gmm.covs)
    want = (ref.log_prob(x.double()[:, None]) + gmm.weights.log()).logsumexp(1)
    assert torch.allclose(gmm.log_prob(x), want)


def test_sampling_is_seeded_and_sized():
    gmm = density.fit_gmm(data.sample_2d("ring", 400), 8)
    assert torch.equal(gmm.sample(50, seed=1), gmm.sample(50, seed=1))
    assert gmm.sample(0).shape == (0, 2)


def test_more_components_fit_the_training_data_better():
    x = data.sample_2d("moons", 400)
    lls = [density.fit_gmm(x, k).log_prob(x).mean().item() for k in (1, 4, 12)]
    assert lls[0] < lls[1] < lls[2]


def test_classifier_separates_moons():
    x, y = data.sample_2d("moons", 400, labels=True)
    clf = density.fit_classifier(x, y)
    assert (clf.predict_proba(x).argmax(1) == y).float().mean() > 0.97
    probs = clf.predict_proba(density.grid())
    assert torch.allclose(probs.sum(1), torch.ones(len(probs), dtype=probs.dtype))


def test_bad_input():
    x = data.sample_2d("moons", 10)
    with pytest.raises(ValueError):
        density.fit_gmm(x, 11)
    with pytest.raises(TypeError):
        density.fit_classifier(x, torch.zeros(10))
    with pytest.raises(ValueError):
        density.fit_classifier(x, torch.zeros(9, dtype=torch.long))
