import pytest
import torch

from genai_course import detection


def test_detector_learns_an_obvious_difference():
    g = torch.Generator().manual_seed(0)
    real = torch.rand(200, 1, 8, 8, generator=g) * 0.5  # darker
    fake = 0.5 + torch.rand(200, 1, 8, 8, generator=g) * 0.5  # brighter
    det = detection.train_detector(real, fake, steps=60, progress=False)
    assert detection.belief_real(det, real).mean() > 0.8
    assert detection.belief_real(det, fake).mean() < 0.2
    with pytest.raises(ValueError, match="shape"):
        detection.train_detector(torch.zeros(3, 8, 8), fake, steps=1)


def test_digit_detector_catches_its_generator_and_misses_the_other():
    """The claims of notebook 08's takeaway, on the shipped GAN and diffusion models."""
    exp = detection.digit_experiment()
    flagged = {
        name: (detection.belief_real(exp.detector, x) < 0.5).float().mean().item()
        for name, x in (
            ("real", exp.digits.x_test),
            ("gan", exp.gan_images),
            ("diffusion", exp.diffusion_images),
        )
    }
    assert flagged["gan"] > 0.5, flagged  # most fakes of the generator it knows
    assert flagged["diffusion"] <= flagged["real"], flagged  # blind to a new one


def test_the_gan_discriminator_cannot_separate_real_from_fake():
    """Notebook 09: at the end of training, D scores real and GAN digits alike."""
    exp = detection.digit_experiment()
    real = detection.belief_real(exp.discriminator, exp.digits.x_test)
    fake = detection.belief_real(exp.discriminator, exp.gan_images)
    assert abs(real.median() - fake.median()) < 0.1
    flagged = [(b < 0.5).float().mean().item() for b in (real, fake)]
    assert abs(flagged[0] - flagged[1]) < 0.15, flagged


def test_the_trained_detector_also_raises_false_alarms():
    exp = detection.digit_experiment()
    real = (detection.belief_real(exp.detector, exp.digits.x_test) < 0.5).float().mean()
    gan = (detection.belief_real(exp.detector, exp.gan_images) < 0.5).float().mean()
    assert 0 < real < gan  # some real digits flagged, fewer than the fakes
