"""The primer's core: neuron, MLP, training loop, trajectories, and the claims the
notebook makes about them (run on one thread, as conftest sets)."""

import math

import pytest
import torch

from genai_course import neural_net as nn_


def test_moons_split_shapes_and_labels():
    x, y, xv, yv = nn_.moons(20, 30, noise=0.2, seed=0)
    assert x.shape == (20, 2) and y.shape == (20,) and xv.shape == (30, 2)
    assert yv.shape == (30,) and set(y.tolist()) <= {0, 1}
    _, _, xv0, yv0 = nn_.moons(5, 0)
    assert xv0.shape == (0, 2) and yv0.shape == (0,)


def test_neuron_is_relu_of_a_weighted_sum():
    x = torch.tensor([[1.0, 2.0], [-3.0, 0.5]])
    w = torch.tensor([0.5, -1.0])
    z = nn_.neuron(x, w, 0.25, activation=False)
    assert torch.allclose(z, torch.tensor([-1.25, -1.75]))
    assert torch.equal(nn_.neuron(x, w, 2.0), torch.tensor([0.5, 0.0]))
    relu = nn_.relu(torch.tensor([-2.0, 0.0, 3.0]))
    assert torch.equal(relu, torch.tensor([0, 0, 3.0]))


def test_mlp_shapes_and_parameter_count():
    m = nn_.make_mlp(hidden=16, depth=2, seed=0)
    assert m(torch.zeros(5, 2)).shape == (5, 2)
    assert nn_.count_parameters(m) == (2 * 16 + 16) + (16 * 16 + 16) + (16 * 2 + 2)
    linear = nn_.make_mlp(hidden=16, depth=0, seed=0)
    assert nn_.count_parameters(linear) == 2 * 2 + 2  # one layer: a straight boundary
    a, b = nn_.make_mlp(seed=1), nn_.make_mlp(seed=1)
    assert torch.equal(a(torch.ones(1, 2)), b(torch.ones(1, 2)))


def test_fit_lowers_the_loss_and_records_train_and_val():
    x, y, xv, yv = nn_.moons(100, 50, seed=0)
    m = nn_.make_mlp(seed=0)
    h = nn_.fit(m, x, y, steps=50, lr=0.01, x_val=xv, y_val=yv)
    assert h.steps == 51 and len(h.val) == 51  # after 0, 1, ..., 50 steps
    assert h.train[0] == pytest.approx(math.log(2), abs=0.1)  # starts near guessing
    assert h.train[-1] < h.train[0] - 0.2 and not h.diverged
    assert 0 <= h.best_val_step() <= 50
    hb = nn_.fit(nn_.make_mlp(seed=0), x, y, steps=5, batch_size=10)
    assert hb.steps == 6


def test_fit_stops_when_the_loss_is_not_a_number():
    x, y, _, _ = nn_.moons(50, 0, seed=0)
    m = nn_.make_mlp(seed=0)
    with torch.no_grad():
        m.net[0].weight.fill_(float("nan"))
    h = nn_.fit(m, x, y, steps=10, lr=0.1)
    assert h.diverged and h.steps == 1


def test_decision_grid_and_accuracy():
    m = nn_.make_mlp(seed=0)
    g = nn_.decision_grid(m, lim=2.0, size=7)
    assert g.shape == (7, 7) and ((g >= 0) & (g <= 1)).all()
    x, y, _, _ = nn_.moons(30, 0)
    assert 0 <= nn_.accuracy(m, x, y) <= 1


def test_trajectory_browses_a_recorded_run():
    x, y, _, _ = nn_.moons(60, 0, seed=0)
    t = nn_.trajectory(x, y, lr=0.3, steps=40, every=10, size=8)
    assert len(t.losses) == 41 and len(t.grids) == 5 and len(t.accuracies) == 5
    grid, acc, loss = t.at(20)
    assert grid.shape == (8, 8) and loss == t.losses[20] and acc == t.accuracies[2]
    assert t.at(1000)[2] == t.losses[-1]  # past the end: the last snapshot


def test_uniform_guessing_costs_ln_k_nats():
    assert nn_.uniform_guess_loss(2) == pytest.approx(0.693, abs=1e-3)
    assert nn_.uniform_guess_loss(10) == pytest.approx(2.303, abs=1e-3)
    logits = torch.zeros(4, 10)  # the same score for every class: p = 1/10
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor([0, 3, 5, 9]))
    assert loss.item() == pytest.approx(nn_.uniform_guess_loss(10))


def test_finite_difference_and_descend():
    loss = lambda w: (w * 2.0 - 3.0) ** 2  # noqa: E731
    grad = lambda w: 2 * 2.0 * (w * 2.0 - 3.0)  # noqa: E731
    assert nn_.finite_difference(loss, 0.0) == pytest.approx(grad(0.0), abs=1e-4)
    path = nn_.descend(grad, 0.0, 0.05, 50)
    assert len(path) == 51 and path[-1] == pytest.approx(1.5, abs=1e-3)
    assert abs(nn_.descend(grad, 0.0, 0.3, 20)[-1]) > 100  # too big: it diverges


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: nn_.moons(0), ValueError, "n_train"),
        (lambda: nn_.moons(10, noise=-1), ValueError, "noise"),
        (lambda: nn_.moons("10"), TypeError, "n_train must be an int"),
        (lambda: nn_.neuron(torch.zeros(3, 2), torch.zeros(3), 0.0), ValueError, "w"),
        (lambda: nn_.neuron([[1, 2]], torch.zeros(2), 0.0), TypeError, "torch.Tensor"),
        (lambda: nn_.MLP(hidden=0), ValueError, "hidden"),
        (lambda: nn_.make_mlp()(torch.zeros(3, 5)), ValueError, r"shape \(\*, 2\)"),
        (lambda: nn_.make_optimizer("rmsprop", [], 0.1), ValueError, "sgd"),
        (lambda: nn_.make_optimizer("sgd", [], 0), ValueError, "lr"),
        (lambda: nn_.fit(nn_.make_mlp(), torch.zeros(3, 2), torch.zeros(3)), TypeError,
         "integer"),
        (lambda: nn_.fit(nn_.make_mlp(), torch.zeros(3, 2), torch.zeros(4).long()),
         ValueError, "y_train"),
        (lambda: nn_.fit(nn_.make_mlp(), torch.zeros(3, 2), torch.zeros(3).long(),
                         x_val=torch.zeros(2, 2)), ValueError, "both x_val and y_val"),
        (lambda: nn_.fit(nn_.make_mlp(), torch.zeros(3, 2), torch.zeros(3).long(),
                         batch_size=4), ValueError, "batch_size"),
        (lambda: nn_.fit(nn_.make_mlp(), torch.zeros(3, 2), torch.zeros(3).long(),
                         steps=1).best_val_step(), ValueError, "x_val"),
        (lambda: nn_.decision_grid(nn_.make_mlp(), lim=0), ValueError, "lim"),
        (lambda: nn_.finite_difference(3, 0.0), TypeError, "function"),
        (lambda: nn_.descend(abs, 0.0, -1, 3), ValueError, "lr"),
        (lambda: nn_.uniform_guess_loss(0), ValueError, "num_classes"),
    ],
)
def test_bad_input_gets_a_clear_message(call, error, words):
    with pytest.raises(error, match=words):
        call()


# -- the notebook's claims, reproduced -----------------------------------------------


def test_a_straight_line_cannot_split_the_moons_and_an_mlp_can():
    x, y, xv, yv = nn_.moons(**nn_.MOONS)
    lines = nn_.make_mlp(depth=0, seed=0)
    mlp = nn_.make_mlp(hidden=16, depth=2, seed=0)
    for model in (lines, mlp):
        history = nn_.fit(model, x, y, **nn_.TRAINING)
        assert history.train[0] == pytest.approx(math.log(2), abs=0.05)  # guessing
    assert nn_.accuracy(lines, xv, yv) < 0.92
    assert nn_.accuracy(mlp, xv, yv) > 0.97


def test_the_big_net_on_few_points_overfits():
    x, y, xv, yv = nn_.moons(**nn_.FEW_POINTS)
    model = nn_.make_mlp(**nn_.BIG_NET)
    h = nn_.fit(model, x, y, x_val=xv, y_val=yv, **nn_.OVERFIT_TRAINING)
    best = h.best_val_step()
    assert 0 < best < h.steps // 2  # validation loss falls first ...
    assert h.val[-1] > 2 * h.val[best]  # ... then rises well above its best
    assert h.train[-1] < 0.02 < h.train[best]  # while the training loss keeps falling
    early = nn_.make_mlp(**nn_.BIG_NET)  # early stopping: train again up to `best`
    nn_.fit(early, x, y, **{**nn_.OVERFIT_TRAINING, "steps": best})
    with torch.no_grad():
        assert torch.nn.functional.cross_entropy(early(xv), yv).item() == pytest.approx(
            h.val[best], rel=1e-4
        )
    assert nn_.accuracy(model, x, y) == 1.0  # every training point right ...
    assert nn_.accuracy(early, xv, yv) >= nn_.accuracy(model, xv, yv)  # not on new
    xt, yt, _, _ = nn_.moons(**nn_.TEST_POINTS)  # the test set: used for no choice
    assert nn_.accuracy(early, xt, yt) >= nn_.accuracy(model, xt, yt)
    with torch.no_grad():
        early_test = torch.nn.functional.cross_entropy(early(xt), yt).item()
        end_test = torch.nn.functional.cross_entropy(model(xt), yt).item()
    assert 3 * early_test < end_test  # "several times higher"
    assert nn_.accuracy(early, xt, yt) <= nn_.accuracy(early, xv, yv)  # val flatters


def test_learning_rate_story_of_the_explorer():
    from genai_course.widgets.neural_net import N_POINTS, NOISE

    x, y, _, _ = nn_.moons(N_POINTS, 0, NOISE, seed=0)
    slow = nn_.trajectory(x, y, 0.001, "sgd", 200, 50, size=4)
    good = nn_.trajectory(x, y, 1.0, "sgd", 200, 50, size=4)
    wild = nn_.trajectory(x, y, 10.0, "sgd", 200, 50, size=4)
    adam = nn_.trajectory(x, y, 0.01, "adam", 200, 50, size=4)
    sgd = nn_.trajectory(x, y, 0.01, "sgd", 200, 50, size=4)
    assert slow.losses[-1] > 0.6  # too small: barely moves from guessing (0.69)
    assert good.losses[-1] < 0.05  # about right
    assert wild.losses[-1] > 0.69  # too big: ends worse than guessing
    assert adam.losses[-1] < sgd.losses[-1] / 5  # Adam's steps are larger at 0.01


def test_the_notebook_runs_the_settings_these_tests_check():
    import json

    from genai_course.syllabus import NOTEBOOK_DIR

    nb = json.loads((NOTEBOOK_DIR / "01_primer.ipynb").read_text(encoding="utf-8"))
    code = "".join(
        "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
    )
    for settings in (nn_.MOONS, nn_.TRAINING, nn_.FEW_POINTS, nn_.BIG_NET,
                     nn_.OVERFIT_TRAINING, nn_.TEST_POINTS):
        for key, value in settings.items():
            text = f'{key}="{value}"' if isinstance(value, str) else f"{key}={value}"
            assert text in code, f"the notebook does not use {text}"
