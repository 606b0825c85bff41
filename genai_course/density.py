"""The welcome notebook's models: a Gaussian mixture (generative), a classifier."""

import math
from dataclasses import dataclass

import torch

from .validate import check_int, check_tensor


@dataclass(frozen=True)
class GaussianMixture:
    """p(x) = sum_k weights[k] * N(x; means[k], covs[k])."""

    weights: torch.Tensor  # (K,)
    means: torch.Tensor  # (K, D)
    covs: torch.Tensor  # (K, D, D)

    def component_log_probs(self, x):
        """log weights[k] + log N(x; k) for x (N, D) -> (N, K)."""
        x = check_tensor("x", x, shape=(None, self.means.shape[1])).double()
        return _log_gaussians(x, self.means, self.covs) + self.weights.log()  # (N, K)

    def log_prob(self, x):
        """log p(x) for x (N, D) -> (N,)."""
        return self.component_log_probs(x).logsumexp(dim=1)

    def sample(self, n, seed=0):
        """n new points (n, D): pick a component, then draw from its Gaussian."""
        n = check_int("n", n, 0)
        g = torch.Generator().manual_seed(check_int("seed", seed, 0))
        if n == 0:
            return torch.empty(0, self.means.shape[1])
        k = torch.multinomial(self.weights, n, replacement=True, generator=g)  # (n,)
        z = torch.randn(n, self.means.shape[1], generator=g, dtype=torch.float64)
        chol = torch.linalg.cholesky(self.covs)  # (K, D, D)
        return (self.means[k] + (chol[k] @ z[:, :, None])[:, :, 0]).float()


def _log_gaussians(x, means, covs):
    """log N(x_n; means[k], covs[k]) for x (N, D) -> (N, K), via Cholesky factors."""
    chol = torch.linalg.cholesky(covs)  # (K, D, D)
    diff = (x[:, None, :] - means[None]).permute(1, 2, 0)  # (K, D, N)
    z = torch.linalg.solve_triangular(chol, diff, upper=False)  # (K, D, N)
    log_det = 2 * chol.diagonal(dim1=1, dim2=2).log().sum(1)  # (K,)
    d = x.shape[1]
    return -0.5 * (z.pow(2).sum(1).T + log_det + d * math.log(2 * math.pi))


def _kmeans_plus_plus(x, k, g):
    """k starting centres: each next one drawn with probability ~ squared distance."""
    centres = [x[torch.randint(len(x), (1,), generator=g)].squeeze(0)]
    for _ in range(k - 1):
        d2 = torch.cdist(x, torch.stack(centres)).min(1).values.pow(2)  # (N,)
        centres.append(x[torch.multinomial(d2 + 1e-12, 1, generator=g)].squeeze(0))
    return torch.stack(centres)  # (k, D)


def fit_gmm(x, k, seed=0, iters=60, reg=1e-3, tol=1e-4):
    """Fit a K-component Gaussian mixture to x (N, D) by expectation-maximisation."""
    x = check_tensor("x", x, ndim=2).double()
    k = check_int("k", k, 1, len(x))
    g = torch.Generator().manual_seed(check_int("seed", seed, 0))
    n, d = x.shape
    means = _kmeans_plus_plus(x, k, g)  # spread-out starting centres
    covs = torch.eye(d, dtype=x.dtype).repeat(k, 1, 1) * x.var(0).mean() / k
    weights = torch.full((k,), 1.0 / k, dtype=x.dtype)
    eye = torch.eye(d, dtype=x.dtype) * reg
    previous = -math.inf
    for _ in range(iters):
        log_joint = _log_gaussians(x, means, covs) + weights.log()  # (N, K)
        ll = log_joint.logsumexp(1).mean().item()
        if ll - previous < tol:  # converged
            break
        previous = ll
        resp = log_joint.softmax(dim=1)  # E-step: (N, K)
        nk = resp.sum(0) + 1e-10  # (K,)
        weights = nk / n  # M-step
        means = (resp.T @ x) / nk[:, None]  # (K, D)
        diff = x[:, None, :] - means[None]  # (N, K, D)
        covs = (
            torch.einsum("nk,nki,nkj->kij", resp, diff, diff) / nk[:, None, None] + eye
        )
    return GaussianMixture(weights, means, covs)


@dataclass(frozen=True)
class PolynomialClassifier:
    """Softmax regression on polynomial features: p(y | x), nothing about p(x)."""

    weight: torch.Tensor  # (F, C)
    degree: int
    shift: torch.Tensor  # (D,) feature standardisation
    scale: torch.Tensor  # (D,)

    def predict_proba(self, x):
        """Class probabilities (N, C) for x (N, 2)."""
        check_tensor("x", x, shape=(None, 2))
        return (
            poly_features((x.double() - self.shift) / self.scale, self.degree)
            @ self.weight
        ).softmax(dim=1)


def poly_features(x, degree):
    """All monomials x1^i x2^j with i + j <= degree, for x (N, 2) -> (N, F)."""
    cols = [
        x[:, 0] ** i * x[:, 1] ** (j - i)
        for j in range(degree + 1)
        for i in range(j + 1)
    ]
    return torch.stack(cols, dim=1)


def fit_classifier(x, y, degree=3, steps=60, l2=1e-3):
    """Fit a polynomial softmax classifier to points x (N, 2) with labels y (N,)."""
    check_tensor("x", x, shape=(None, 2))
    check_tensor("y", y, shape=(len(x),), dtype_kind="int")
    degree = check_int("degree", degree, 1, 8)
    shift, scale = x.double().mean(0), x.double().std(0) + 1e-9
    feats = poly_features((x.double() - shift) / scale, degree)  # (N, F)
    classes = int(y.max()) + 1
    weight = torch.zeros(
        feats.shape[1], classes, dtype=torch.float64, requires_grad=True
    )
    opt = torch.optim.LBFGS([weight], max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = (
            torch.nn.functional.cross_entropy(feats @ weight, y)
            + l2 * weight.pow(2).sum()
        )
        loss.backward()
        return loss

    opt.step(closure)
    return PolynomialClassifier(weight.detach(), degree, shift, scale)


def grid(lim=2.5, size=80):
    """A (size*size, 2) grid over [-lim, lim]^2, row-major from the bottom-left."""
    axis = torch.linspace(-lim, lim, size)
    gy, gx = torch.meshgrid(axis, axis, indexing="ij")
    return torch.stack([gx.flatten(), gy.flatten()], dim=1)


def bits_per_point(log_likelihood):
    """Average negative log-likelihood in bits (lower: data are likelier)."""
    return -log_likelihood / math.log(2)
