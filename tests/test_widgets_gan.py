import math

from genai_course.widgets.gan import GANLab, LatentWalk


def _button(explorer, label):
    return next(b for b in explorer.buttons if b.description == label)


def test_buttons_step_d_only_g_only_and_reset():
    lab = GANLab(seed=0)
    assert lab.trainer.steps == 0 and "0 generator steps" in lab.text
    _button(lab, "D only").click()
    assert (lab.trainer.d_steps, lab.trainer.steps) == (1, 0)
    _button(lab, "G only").click()
    assert (lab.trainer.d_steps, lab.trainer.steps) == (1, 1)
    lab.controls["k"].value = 3
    _button(lab, "step").click()
    assert (lab.trainer.d_steps, lab.trainer.steps) == (4, 2)
    assert "2 generator steps, 4 discriminator steps" in lab.text
    _button(lab, "reset").click()
    assert lab.trainer.steps == 0


def test_play_ticks_advance_training_and_settings_carry_over():
    lab = GANLab(seed=0)
    lab.controls["play"].value = 1
    assert lab.trainer.steps == 10
    lab.controls["lr_g"].value = 1e-4  # a setting: the same run goes on
    lab.controls["play"].value = 2
    assert lab.trainer.steps == 20 and lab.trainer.config.lr_g == 1e-4
    lab.controls["preset"].value = "grid"  # new data: a fresh run
    assert lab.trainer.steps == 0 and "/25" in lab.text
    lab.controls["preset"].value = "moons"
    assert "modes captured" not in lab.text


def test_a_diverged_run_shows_a_message_not_nan_plots():
    lab = GANLab(seed=0)
    lab.trainer.data = lab.trainer.data.clone().fill_(math.nan)  # poison the data
    lab.controls["play"].value = 1
    assert lab.trainer.diverged and "diverged" in lab.text
    assert "lower the learning rates" in lab.text.lower()
    _button(lab, "step").click()  # does nothing, says the same
    assert "diverged" in lab.text
    _button(lab, "reset").click()
    assert not lab.trainer.diverged and "diverged" not in lab.text


def test_latent_walk_readout_follows_position():
    walk = LatentWalk(seed=0)
    assert walk.text.startswith("seed 0 -> seed 1") and "step 0/15" in walk.text
    walk.controls["position"].value = 15
    assert "step 15/15" in walk.text
