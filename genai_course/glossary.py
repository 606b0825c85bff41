"""The course glossary: each term, a one-line definition, the notebook that defines it.

`glossary()` shows it in a notebook (`glossary("logits")` looks one term up);
`python -m genai_course.glossary` prints it as Markdown. A test fails when a notebook's
prose uses a term before (in course order) the notebook that defines it.
"""

import html
import re
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A glossary entry; `pattern` is the regex that finds the term in prose."""

    name: str
    notebook: str  # stem of the defining notebook, e.g. "01_primer"
    definition: str
    pattern: str = ""  # default: the name as a whole word, case-insensitive

    def regex(self):
        """Compiled pattern that finds this term in notebook prose."""
        return re.compile(self.pattern or rf"\b{re.escape(self.name)}\b", re.IGNORECASE)


# Course order; each notebook adds its terms in its own block, in order of first use.
TERMS = [
    # --- 00_welcome ---
    Term(
        "classifier",
        "00_welcome",
        "A model that says which class a data point belongs to: it learns "
        "p(class | x).",
        pattern=r"\bclassifiers?\b",
    ),
    Term(
        "generative model",
        "00_welcome",
        "A model of the data itself, p(x), that can score data and draw new examples.",
        pattern=r"\bgenerative models?\b",
    ),
    Term(
        "sample",
        "00_welcome",
        "To draw a new random example from a model's distribution; also the "
        "example drawn.",
        pattern=r"\bsampl(e|es|ed|ing)\b",
    ),
    Term(
        "distribution",
        "00_welcome",
        "The rule that says how likely each possible value is, e.g. each spot "
        "of the plane.",
        pattern=r"\bdistributions?\b",
    ),
    Term(
        "Gaussian mixture",
        "00_welcome",
        "A distribution made of a few weighted bell-shaped blobs, each with a "
        "centre and a shape.",
        pattern=r"\bGaussian mixtures?\b",
    ),
    Term(
        "Gaussian",
        "00_welcome",
        "The bell curve (in 2-D, a bell-shaped cloud of points): most values near "
        "its centre (mean), fewer farther out; its spread is its standard deviation.",
        pattern=r"\bGaussians?\b",
    ),
    Term(
        "log-likelihood",
        "00_welcome",
        "The average logarithm of how likely a model finds the data: higher "
        "means a better fit.",
        pattern=r"\blog-likelihoods?\b",
    ),
    Term(
        "seed",
        "00_welcome",
        "The number that starts a random number generator: the same seed gives "
        "the same draws.",
        pattern=r"\bseeds?\b",
    ),
    Term(
        "token",
        "00_welcome",
        "A piece of text a model reads as one unit: a word, part of a word or "
        "a character.",
        pattern=r"\btokens?\b",
    ),
    Term(
        "attention",
        "00_welcome",
        "A layer in which each token weighs every other token and takes in "
        "what matters to it.",
        pattern=r"\battention\b",
    ),
    Term(
        "transformer",
        "00_welcome",
        "A model built from layers of attention; the engine of today's "
        "language models.",
        pattern=r"\btransformers?\b",
    ),
    Term(
        "GAN",
        "00_welcome",
        "Generative adversarial network: a generator and a discriminator "
        "trained against each other.",
        pattern=r"\bGANs?\b|generative adversarial",
    ),
    Term(
        "generator",
        "00_welcome",
        "In a GAN, the model that turns random numbers into fakes.",
        pattern=r"\bgenerators?\b",
    ),
    Term(
        "discriminator",
        "00_welcome",
        "In a GAN, the model that tries to tell real data from the generator's fakes.",
        pattern=r"\bdiscriminators?\b",
    ),
    Term(
        "diffusion model",
        "00_welcome",
        "A model that generates by starting from random noise and removing it "
        "step by step.",
        pattern=r"\bdiffusion\b",
    ),
    Term(
        "deepfake",
        "00_welcome",
        "A video or image in which one person's face or voice is swapped in "
        "for another's.",
        pattern=r"\bdeepfakes?\b",
    ),
    Term(
        "autoencoder",
        "00_welcome",
        "A model whose encoder squeezes an input into a short code and whose "
        "decoder rebuilds it.",
        pattern=r"\bautoencoders?\b",
    ),
    Term(
        "explorer",
        "00_welcome",
        "A figure of this course with sliders and menus that update it and a "
        "text readout below.",
        pattern=r"\bexplorers?\b",
    ),
    # --- 01_primer ---
    Term("dtype", "01_primer", "The kind of number a tensor holds, e.g. torch.float32 "
         "(decimals) or torch.int64 (whole numbers)."),
    Term("tensor", "01_primer", "PyTorch's array of numbers with a shape, e.g. "
         "(200, 2) for 200 points of 2 coordinates; it can also track gradients.",
         pattern=r"\btensors?\b"),
    Term("neuron", "01_primer", "The basic unit of a network: a weighted sum of its "
         "inputs plus a bias, passed through an activation function.",
         pattern=r"\bneurons?\b"),
    Term("weights", "01_primer", "The numbers a neuron multiplies its inputs by; "
         "training adjusts them.", pattern=r"\bweights\b(?!\[)"),
    Term("bias", "01_primer", "The number a neuron adds to its weighted sum, so its "
         "output need not be zero when the inputs are.", pattern=r"\bbias(es)?\b"),
    Term("parameters", "01_primer", "All the numbers training adjusts in a model: "
         "its weights and biases.", pattern=r"\bparameters?\b"),
    Term("activation function", "01_primer", "The bend a neuron applies to its "
         "weighted sum; without it, stacked layers would collapse into one straight "
         "boundary.", pattern=r"\bactivation( function)?s?\b"),
    Term("ReLU", "01_primer", "Rectified linear unit, the activation function "
         "max(0, z): negative sums become 0, positive ones pass unchanged."),
    Term("loss", "01_primer", "One number that says how wrong a model is on some "
         "data; training makes it smaller.", pattern=r"\bloss(es)?\b"),
    Term("gradient", "01_primer", "The slopes of the loss with respect to each "
         "parameter: which way, and how steeply, the loss rises.",
         pattern=r"\bgradients?\b"),
    Term("finite differences", "01_primer", "Estimating a slope from two nearby "
         "values: (f(w + h) - f(w - h)) / 2h for a small h.",
         pattern=r"\bfinite differences?\b"),
    Term("learning rate", "01_primer", "How far each step of gradient descent moves "
         "(lr): too small and training crawls, too big and it overshoots.",
         pattern=r"\blearning rates?\b"),
    Term("gradient descent", "01_primer", "Training by small steps against the "
         "gradient: w <- w - lr * gradient, repeated."),
    Term("backpropagation", "01_primer", "How PyTorch computes every gradient at once "
         "with the chain rule, backwards through the computation: loss.backward().",
         pattern=r"\bbackprop(agation)?\b|backward\(\)"),
    Term("optimizer", "01_primer", "The object that updates the parameters from their "
         "gradients, e.g. torch.optim.SGD or Adam: zero_grad(), then step().",
         pattern=r"\boptimi[sz]ers?\b"),
    Term("SGD", "01_primer", "Stochastic gradient descent: gradient descent on a "
         "random batch of the data at each step.",
         pattern=r"\bSGD\b|\bstochastic gradient descent\b"),
    Term("Adam", "01_primer", "An optimizer that gives each parameter its own step "
         "size from running averages of its gradient and squared gradient."),
    Term("logits", "01_primer", "A classifier's raw scores, one per class, any real "
         "number; softmax turns them into probabilities.", pattern=r"\blogits?\b"),
    Term("softmax", "01_primer", "exp of each score divided by the sum of the exps: "
         "turns scores into probabilities that are positive and sum to 1."),
    Term("cross-entropy", "01_primer", "The classification loss: minus the log of "
         "the probability the model gave to the true class, averaged.",
         pattern=r"\bcross[- ]entropy\b"),
    Term("nats", "01_primer", "The unit of a loss measured with the natural log ln; "
         "1 nat is the loss when the true class gets probability 1/e (about 0.37).",
         pattern=r"\bnats?\b"),
    Term("MLP", "01_primer", "Multi-layer perceptron: layers of neurons, each layer "
         "feeding the next, with an activation function in between.",
         pattern=r"\bMLPs?\b|\bmulti-layer perceptrons?\b"),
    Term("layer", "01_primer", "A row of neurons that all read the same inputs; "
         "nn.Linear computes one.", pattern=r"\blayers?\b"),
    Term("batch", "01_primer", "The handful of examples a training step looks at; a "
         "new random batch each step.", pattern=r"\bbatch(es)?\b"),
    Term("overfitting", "01_primer", "Learning the training points by heart, noise "
         "and all: the training loss keeps falling while the loss on new points "
         "rises.", pattern=r"\boverfit(s|ting|ted)?\b"),
    Term("validation set", "01_primer", "Held-out examples the model never trains on, "
         "kept to measure how well it does on new data.",
         pattern=r"\bvalidation\b|\bheld[- ]out\b"),
    Term("chain rule", "01_primer", "When one quantity feeds another, their slopes "
         "multiply: how backpropagation finds every gradient."),
    Term("test set", "01_primer", "Fresh examples used for no choice at all, for an "
         "honest final score.", pattern=r"\btest (set|points)\b"),
    Term("early stopping", "01_primer", "Keeping the model from the step where the "
         "validation loss was lowest, before it overfits."),
    # --- 02_attention ---
    Term(
        "language model",
        "02_attention",
        "A model that predicts the next token of a text from the tokens before it.",
        pattern=r"\blanguage models?\b",
    ),
    Term(
        "recurrent neural network (RNN)",
        "02_attention",
        "A network that reads a sequence one step at a time, carrying a hidden state.",
        pattern=r"\bRNNs?\b|recurrent neural network",
    ),
    Term(
        "hidden state",
        "02_attention",
        "The vector an RNN carries from one step to the next: its summary of the past.",
        pattern=r"\bhidden states?\b",
    ),
    Term(
        "self-attention",
        "02_attention",
        "Attention in which a sequence's tokens attend to the tokens of the "
        "same sequence.",
        pattern=r"\bself-attention\b",
    ),
    Term(
        "GPT",
        "02_attention",
        "Generative pre-trained transformer: OpenAI's family of transformer "
        "language models.",
        pattern=r"\bGPT",
    ),
    Term(
        "embedding",
        "02_attention",
        "The vector a model gives each token (learned in real models, "
        "hand-made in 02).",
        pattern=r"\bembeddings?\b",
    ),
    Term(
        "linear map",
        "02_attention",
        "A matrix product x @ W: each output number is a weighted sum of the "
        "input numbers.",
        pattern=r"\blinear maps?\b",
    ),
    Term(
        "query, key and value",
        "02_attention",
        "A token's three vectors in attention: what it looks for, what it "
        "offers, what it passes on.",
        pattern=r"\bquer(y|ies)\b",
    ),
    Term(
        "attention head",
        "02_attention",
        "One set of W_q, W_k, W_v: one attention pattern over the sequence.",
        pattern=r"\battention heads?\b",
    ),
    Term(
        "dot product",
        "02_attention",
        "q·k = q[0]k[0] + q[1]k[1] + ...: large when both vectors are big in "
        "the same places.",
        pattern=r"\bdot products?\b",
    ),
    Term(
        "attention weights",
        "02_attention",
        "The softmax of a query's scores: how much of each value goes into its output.",
        pattern=r"\battention weights\b",
    ),
    Term(
        "variance",
        "02_attention",
        "The average squared distance of numbers from their mean: how spread "
        "out they are.",
        pattern=r"\bvariance\b",
    ),
    Term(
        "residual connection",
        "02_attention",
        "Adding a layer's output to its input, x + f(x), so the input is kept, "
        "not replaced.",
        pattern=r"\bresidual connections?\b",
    ),
    Term(
        "temperature",
        "02_attention",
        "A number the scores are divided by before a softmax: below 1 "
        "sharpens, above 1 flattens.",
        pattern=r"\btemperatures?\b",
    ),
    Term(
        "causal mask",
        "02_attention",
        "A mask that lets token i attend only to tokens 0..i, never to the future.",
        pattern=r"\bcausal mask\b",
    ),
    Term(
        "multi-head attention",
        "02_attention",
        "Several attention heads side by side, outputs concatenated and mixed "
        "by one matrix.",
        pattern=r"\bmulti-head attention\b",
    ),
    Term(
        "concatenate",
        "02_attention",
        "To join vectors end to end into one longer vector.",
        pattern=r"\bconcatenat(e|es|ed|ing|ion)\b",
    ),
    Term(
        "positional encoding",
        "02_attention",
        "Numbers that tell a transformer where each token sits in the sequence.",
        pattern=r"\bpositional encodings?\b",
    ),
    Term(
        "Codex",
        "02_attention",
        "OpenAI's GPT models trained further on public GitHub code (Chen et al. "
        "2021), the first engine of GitHub Copilot.",
        pattern=r"\bCodex\b",
    ),
    Term(
        "RLHF",
        "02_attention",
        "Reinforcement learning from human feedback: a reward model learns people's "
        "rankings of answers, and the chat model is trained to score highly on it.",
        pattern=r"\bRLHF\b|reinforcement learning from human feedback",
    ),
    Term(
        "transpose",
        "02_attention",
        "A table with its rows turned into columns: k.T in code, Kᵀ in formulas.",
        pattern=r"\btranspos(e|ed)\b",
    ),
    Term(
        "output projection",
        "02_attention",
        "The learned matrix that mixes the concatenated heads' outputs back to the "
        "embedding's width.",
    ),
    # --- 03_tiny_gpt ---
    Term(
        "tokenizer",
        "03_tiny_gpt",
        "Turns text into tokens and each token into an integer id (and back).",
        pattern=r"\btokeni[sz]ers?\b",
    ),
    Term(
        "n-gram",
        "03_tiny_gpt",
        "A counting model that predicts the next token from the previous n - 1;"
        " a bigram (n = 2) looks one token back.",
        pattern=r"\b(n|\d)-grams?\b|\bbigrams?\b",
    ),
    Term(
        "context window",
        "03_tiny_gpt",
        "The most tokens a model can read at once (block_size in the code); "
        "older ones are cut off.",
        pattern=r"\bcontext\s+window",
    ),
    Term(
        "decoder-only transformer",
        "03_tiny_gpt",
        "A transformer with causal self-attention only, which writes left to "
        "right, like GPT.",
        pattern=r"\bdecoder-only\b",
    ),
    Term(
        "transformer block",
        "03_tiny_gpt",
        "One layer of a transformer: attention, then an MLP, each added back to"
        " the residual stream.",
        pattern=r"\btransformer\s+blocks?\b",
    ),
    Term(
        "residual stream",
        "03_tiny_gpt",
        "The vector each position carries through a transformer: every block "
        "reads it and adds its output to it.",
        pattern=r"\bresidual\s+stream\b",
    ),
    Term(
        "LayerNorm",
        "03_tiny_gpt",
        "Layer normalization: shifts and rescales each position's vector to "
        "mean 0 and variance 1, then applies learned gains and offsets.",
        pattern=r"\bLayerNorm\b|\blayer\s+normali[sz]ation\b",
    ),
    Term(
        "GELU",
        "03_tiny_gpt",
        "A smooth version of ReLU: about 0 for large negative inputs, about x "
        "for large positive ones.",
        pattern=r"\bGELU\b",
    ),
    Term(
        "dropout",
        "03_tiny_gpt",
        "Zeroing random numbers inside a network during training, a guard against "
        "overfitting; dropout=0.0 switches it off.",
        pattern=r"(?<!label )\bdropout\b",
    ),
    Term(
        "pretraining",
        "03_tiny_gpt",
        "Training a model on a large body of text to predict the next token, "
        "before any fine-tuning.",
        pattern=r"\bpre-?train(ing|ed)?\b",
    ),
    Term(
        "fine-tuning",
        "03_tiny_gpt",
        "Training a pretrained model further on a smaller, chosen data set.",
        pattern=r"\bfine-tun",
    ),
    Term(
        "AdamW",
        "03_tiny_gpt",
        "Adam with decoupled weight decay: each step also shrinks the weights a"
        " little towards zero.",
        pattern=r"\bAdamW\b",
    ),
    Term(
        "weight decay",
        "03_tiny_gpt",
        "Shrinking every weight a little towards zero at each step, so none "
        "grows large unless the loss needs it.",
        pattern=r"\bweight\s+decay\b",
    ),
    Term(
        "Witten-Bell smoothing",
        "03_tiny_gpt",
        "How our n-grams mix each context's counts with the estimate from a shorter "
        "context, which alone is used for contexts never seen, so no token gets "
        "probability 0.",
        pattern=r"\bWitten[–-]Bell\b",
    ),
    Term(
        "learning-rate schedule",
        "03_tiny_gpt",
        "A rule that changes the learning rate during training: here a short warm-up "
        "from about 0, then a cosine decay to a small fraction of the peak.",
        pattern=r"\blearning[- ]rate schedules?\b",
    ),
    Term(
        "sampling temperature",
        "03_tiny_gpt",
        "The number the output logits are divided by before the softmax when "
        "picking the next token.",
        pattern=r"\bsampling\s+temperature",
    ),
    Term(
        "greedy decoding",
        "03_tiny_gpt",
        "Always picking the single likeliest next token (the limit of "
        "temperature towards 0).",
        pattern=r"\bgreedy\b",
    ),
    Term(
        "top-k sampling",
        "03_tiny_gpt",
        "Sampling only among the k likeliest next tokens.",
        pattern=r"\btop-k\b",
    ),
    Term(
        "top-p (nucleus) sampling",
        "03_tiny_gpt",
        "Sampling only among the fewest likeliest tokens whose probabilities "
        "add up to at least p.",
        pattern=r"\btop-p\b|\bnucleus\b",
    ),
    Term(
        "LSTM",
        "03_tiny_gpt",
        "Long short-term memory: an RNN whose gates decide what its memory "
        "keeps, takes in and shows.",
        pattern=r"\bLSTMs?\b",
    ),
    Term(
        "vanishing gradient",
        "03_tiny_gpt",
        "A gradient that shrinks at every step it travels back through an RNN, "
        "so far inputs barely train it.",
        pattern=r"\bvanishing\s+gradients?\b",
    ),
    Term(
        "big-O notation",
        "03_tiny_gpt",
        "How a count grows with the size n: O(n) in proportion to n, O(1) a fixed "
        "number however large n is.",
        pattern=r"\bbig-O\b|\bO\((n|1)\)",
    ),
    # --- 04_gan_2d ---
    # 00's engine table previews "a generator forges, a discriminator detects"; these
    # patterns find the GAN's G and D as 04 introduces them.
    Term(
        "generator (G)",
        "04_gan_2d",
        "In a GAN, the network that turns random noise into samples, trained to "
        "fool D.",
        pattern=r"\bgenerator\*{0,2} G\b",
    ),
    Term(
        "discriminator (D)",
        "04_gan_2d",
        "In a GAN, the network that scores how likely a sample is to be real, "
        "trained to tell real data from G's samples.",
        pattern=r"\bdiscriminator\*{0,2} D\b",
    ),
    Term(
        "mode",
        "04_gan_2d",
        "A peak of a distribution's density: a kind of sample that is common (one "
        "blob).",
        pattern=r"\bmodes?\b",
    ),
    Term(
        "density",
        "04_gan_2d",
        "How crowded a distribution's points are at each spot: high where samples "
        "often land.",
        pattern=r"\bdensit(y|ies)\b",
    ),
    Term(
        "mode collapse",
        "04_gan_2d",
        "A GAN failure: G makes only a few kinds of sample and ignores the other "
        "modes.",
    ),
    Term(
        "sigmoid",
        "04_gan_2d",
        "sigmoid(s) = 1 / (1 + e^(-s)): squashes any score into a probability in "
        "(0, 1).",
    ),
    Term(
        "minimax loss",
        "04_gan_2d",
        "The original GAN generator loss log(1 - D(G(z))); it is flat when D is sure.",
        pattern=r"\bminimax\b",
    ),
    Term(
        "saturating loss",
        "04_gan_2d",
        "A loss that flattens out in some region, so its gradient (and learning) "
        "vanishes there; GAN's minimax loss does when D confidently rejects the fakes.",
        pattern=r"\bsaturat(e|es|ed|ing|ion)\b",
    ),
    Term(
        "non-saturating loss",
        "04_gan_2d",
        "The generator loss -log D(G(z)): the same goal as minimax, but steep "
        "exactly when D is sure the fakes are fake.",
        pattern=r"non-saturating",
    ),
    Term(
        "hinge loss",
        "04_gan_2d",
        "A GAN loss in which D pushes real scores above +1 and fake scores below -1 "
        "and ignores samples already past those marks (SAGAN, BigGAN).",
    ),
    Term(
        "WGAN-GP",
        "04_gan_2d",
        "Wasserstein GAN with gradient penalty: D is a critic with unbounded "
        "scores, high on real data, kept smooth by a penalty on its gradient.",
    ),
    Term(
        "least squares GAN",
        "04_gan_2d",
        "A GAN loss that pulls D's scores to 1 for real and 0 for fake by squared "
        "error (LSGAN).",
        pattern=r"least squares",
    ),
    Term(
        "softplus",
        "04_gan_2d",
        "softplus(s) = log(1 + e^s), a smooth ReLU; -log sigmoid(s) = softplus(-s).",
    ),
    Term(
        "Jacobian",
        "04_gan_2d",
        "The table of partial derivatives of a function's outputs with respect to "
        "its inputs (here: how each point moves per unit change of each weight).",
    ),
    Term(
        "diverge",
        "04_gan_2d",
        "Of a training run: its numbers blow up to infinity or NaN (\"not a "
        "number\"), so training cannot go on.",
        pattern=r"\bdiverg(e|es|ed|ing)\b",
    ),
    Term(
        "high-quality share",
        "04_gan_2d",
        "PacGAN's measure: the percentage of samples within 3 standard deviations "
        "of some mode's centre.",
        pattern=r"high[- ]quality",
    ),
    Term(
        "reverse KL",
        "04_gan_2d",
        "KL(generated || target): here, how unevenly G's samples share out among "
        "the modes; 0 for even shares, log K when all sit on one of K modes.",
        pattern=r"reverse KL|Kullback",
    ),
    Term(
        "packing",
        "04_gan_2d",
        "PacGAN's remedy for mode collapse: D judges several samples at once (a "
        "pack), so it can notice when G's samples are too alike.",
        pattern=r"\bpack(s|ed|ing)?\b",
    ),
    # --- 05_gan_digits ---
    Term(
        "calibrated",
        "05_gan_digits",
        "Said of a model's probabilities: when it says 0.8, it is right about four "
        "times in five.",
        pattern=r"\bcalibrat(ed|ion)\b",
    ),
    Term(
        "false-alarm rate",
        "05_gan_digits",
        "The share of genuine cases a detector wrongly flags (here: real images "
        "called fake).",
        pattern=r"\bfalse[- ]alarms?\b",
    ),
    Term(
        "convolution",
        "05_gan_digits",
        "A layer that slides a small grid of learned weights (a filter) over an "
        "image, one weighted sum per position, the same weights everywhere.",
        pattern=r"\bconvolution(s|al)?\b",
    ),
    Term(
        "channel",
        "05_gan_digits",
        "One of the stacked 2-D maps an image layer holds: each filter of a "
        "convolution makes one.",
        pattern=r"\bchannels?\b",
    ),
    Term(
        "stride",
        "05_gan_digits",
        "How many pixels a convolution's filter jumps between positions; stride 2 "
        "halves width and height.",
        pattern=r"\bstride(d)?\b",
    ),
    Term(
        "transposed convolution",
        "05_gan_digits",
        "The reverse of a strided convolution: each input pixel stamps a learned "
        "filter onto a larger output (stride 2 doubles width and height).",
    ),
    Term(
        "upsampling",
        "05_gan_digits",
        "Making an image's grid of pixels larger (2×2 → 4×4), e.g. with a stride-2 "
        "transposed convolution; downsampling makes it smaller.",
        pattern=r"\b(up|down)sampl(e|es|ed|ing)\b",
    ),
    Term(
        "BatchNorm",
        "05_gan_digits",
        "Batch normalisation: rescale each channel to mean 0 and standard deviation "
        "1 over the batch, then apply a learned scale and shift.",
    ),
    Term(
        "eval mode",
        "05_gan_digits",
        "A network's setting for use rather than training (model.eval()): BatchNorm "
        "then uses averages stored during training instead of the batch's own.",
        pattern=r"\beval mode\b",
    ),
    Term(
        "latent space",
        "05_gan_digits",
        "The space of G's input noise vectors; G maps each point of it to a sample.",
    ),
    Term(
        "interpolation",
        "05_gan_digits",
        "A path of small steps from one point to another, e.g. between two noise "
        "vectors.",
        pattern=r"\binterpolat(e|ion|ing)\b",
    ),
    Term(
        "slerp",
        "05_gan_digits",
        "Spherical linear interpolation: a great-circle path between two vectors "
        "that keeps their length, unlike the straight line.",
    ),
    Term(
        "balanced accuracy",
        "05_gan_digits",
        "The mean of a detector's hit rates on real and on fake items: 50% is a "
        "coin toss whatever the mix.",
    ),
    # --- 06_diffusion_2d ---
    Term(
        "forward process",
        "06_diffusion_2d",
        "The fixed procedure that adds Gaussian noise to data, step by step, until "
        "only noise is left.",
    ),
    Term(
        "reverse process",
        "06_diffusion_2d",
        "Generation in a diffusion model: start from pure noise and undo the "
        "forward process step by step with a denoiser.",
    ),
    Term(
        "timestep",
        "06_diffusion_2d",
        "The index t of a step of the forward process; a larger t means more noise "
        "in x_t.",
        pattern=r"\btimesteps?\b",
    ),
    Term(
        "noise schedule",
        "06_diffusion_2d",
        "The list of noise variances β_1 … β_T that the forward process adds, one "
        "per step (linear or cosine).",
    ),
    Term(
        "beta (β_t)",
        "06_diffusion_2d",
        "The variance of the noise added at step t of the forward process, which "
        "also shrinks the sample by √(1 − β_t).",
        pattern=r"β",
    ),
    Term(
        "alpha (α_t)",
        "06_diffusion_2d",
        "1 − β_t: the share of variance one forward step keeps.",
        pattern=r"α_t",
    ),
    Term(
        "alpha bar (ᾱ_t, alphas_cumprod)",
        "06_diffusion_2d",
        "The product of α_1 … α_t: the share of the data's variance still present "
        "in x_t.",
        pattern=r"ᾱ|alphas_cumprod",
    ),
    Term(
        "DDPM",
        "06_diffusion_2d",
        "Denoising diffusion probabilistic models (Ho et al. 2020): the "
        "predict-the-noise loss, and a sampler that adds fresh noise at every "
        "reverse step.",
    ),
    Term(
        "cosine schedule",
        "06_diffusion_2d",
        "A noise schedule whose ᾱ_t follows a squared cosine (Nichol & Dhariwal "
        "2021); diffusers calls it squaredcos_cap_v2.",
    ),
    Term(
        "signal-to-noise ratio (SNR)",
        "06_diffusion_2d",
        "ᾱ_t / (1 − ᾱ_t): the variance of the data part of x_t over that of its "
        "noise part.",
        pattern=r"signal-to-noise|\bSNR\b",
    ),
    Term(
        "swiss roll",
        "06_diffusion_2d",
        "A 2-D toy data set: a band of points rolled up into a spiral.",
    ),
    Term(
        "denoiser",
        "06_diffusion_2d",
        "A network (or formula) that guesses the noise in a noisy sample x_t, given "
        "t.",
        pattern=r"\bdenoisers?\b",
    ),
    Term(
        "predicted x0 (x̂₀)",
        "06_diffusion_2d",
        "The clean point implied by a noise guess: (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t.",
        pattern=r"x̂₀|predicted x₀",
    ),
    Term(
        "score (∇ log p)",
        "06_diffusion_2d",
        "The gradient of the log-density with respect to the point itself: an arrow "
        "towards where data are more likely.",
        pattern=r"∇ ?log p",
    ),
    Term(
        "sampler",
        "06_diffusion_2d",
        "The rule that turns a denoiser's noise guesses into the next, less noisy "
        "sample (DDPM, DDIM).",
        pattern=r"\bsamplers?\b",
    ),
    Term(
        "sinusoidal features",
        "06_diffusion_2d",
        "Sines and cosines of the timestep at several frequencies: how a network is "
        "told t.",
    ),
    Term(
        "exponential moving average (EMA)",
        "06_diffusion_2d",
        "A running average of the weights during training, used at the end because "
        "it is less noisy.",
        pattern=r"exponential moving average|\bEMA\b",
    ),
    Term(
        "sliced Wasserstein distance (SWD)",
        "06_diffusion_2d",
        "How far apart two point clouds are: project both on random directions, "
        "sort, and average the gaps between matching points.",
        pattern=r"sliced Wasserstein|\bSWD\b",
    ),
    Term(
        "Wasserstein distance",
        "06_diffusion_2d",
        "For 1-D data: how far, on average, the points of one pile must move to "
        "make the other pile.",
    ),
    Term(
        "SWD ratio",
        "06_diffusion_2d",
        "SWD(samples, data) / SWD(a fresh real sample, data): 1.0 means as good as "
        "fresh real data.",
    ),
    Term(
        "DDIM",
        "06_diffusion_2d",
        "Denoising diffusion implicit models (Song et al. 2021): a sampler for the "
        "same network that jumps via the predicted x0 and, with η = 0, adds no "
        "fresh noise.",
    ),
    Term(
        "eta (η)",
        "06_diffusion_2d",
        "DDIM's setting for how much fresh noise each step adds: 0 is "
        "deterministic, 1 gives DDPM's step (with the smaller noise variance).",
        pattern=r"η",
    ),
    Term(
        "FID",
        "06_diffusion_2d",
        "Fréchet Inception Distance: how far apart real and generated images are in "
        "the features of a pretrained classifier; lower is better.",
    ),
    Term(
        "CIFAR-10",
        "06_diffusion_2d",
        "A standard benchmark data set of small (32×32) colour photos in 10 "
        "classes.",
    ),
    Term(
        "unconditional generation",
        "06_diffusion_2d",
        "Generation in which the model is not told what to draw.",
        pattern=r"\bunconditional\b",
    ),
    Term(
        "broadcasting",
        "06_diffusion_2d",
        "PyTorch's rule for combining tensors of different shapes: a dimension of "
        "size 1 is repeated to match the other tensor.",
        pattern=r"\bbroadcast(s|ing)?\b",
    ),
    # --- 07_diffusion_digits ---
    Term(
        "text-to-image",
        "07_diffusion_digits",
        "Generating a picture from words (a prompt).",
    ),
    Term(
        "conditioning",
        "07_diffusion_digits",
        "Giving a network an extra input that says what to produce (a class label, "
        "a text prompt).",
        pattern=r"\bcondition(ed|ing)\b",
    ),
    Term(
        "classifier-free guidance",
        "07_diffusion_digits",
        "Predict the noise with and without the prompt and extrapolate: (1 + w) "
        "ε_cond − w ε_uncond (Ho & Salimans 2022).",
    ),
    Term(
        "U-Net",
        "07_diffusion_digits",
        "A convolutional network that goes down in resolution and back up, with "
        "skip connections between matching resolutions.",
    ),
    Term(
        "skip connection",
        "07_diffusion_digits",
        "A path that carries features past part of a network, here from the 8×8 "
        "level straight to the way back up.",
    ),
    Term(
        "residual block",
        "07_diffusion_digits",
        "The U-Net's unit: two convolutions with a residual connection around them.",
        pattern=r"\bresidual blocks?\b",
    ),
    Term(
        "feature map",
        "07_diffusion_digits",
        "One channel of a convolutional layer's output: a grid of numbers, one per "
        "pixel position.",
        pattern=r"\bfeature maps?\b",
    ),
    Term(
        "class label embedding",
        "07_diffusion_digits",
        "A learned vector for each class label, looked up in a table (nn.Embedding) "
        "and fed to the network.",
    ),
    Term(
        "null label",
        "07_diffusion_digits",
        "The extra label meaning \"no prompt\", used to train and query the "
        "unconditional model.",
        pattern=r"\bnull (label|prompt|class)",
    ),
    Term(
        "label dropout",
        "07_diffusion_digits",
        "Replacing the label by the null label for a random share of training "
        "examples, so one network learns both models.",
    ),
    Term(
        "guidance weight (w)",
        "07_diffusion_digits",
        "How far classifier-free guidance extrapolates; diffusers' guidance_scale "
        "is 1 + w.",
        pattern=r"guidance weight|guidance_scale",
    ),
    Term(
        "latent diffusion",
        "07_diffusion_digits",
        "Diffusion run on a compressed image made by an autoencoder, decoded to "
        "pixels at the end (Rombach et al. 2022).",
    ),
    Term(
        "cross-attention",
        "07_diffusion_digits",
        "Attention whose queries come from one sequence (image features) and keys "
        "and values from another (text tokens).",
    ),
    Term(
        "text encoder",
        "07_diffusion_digits",
        "A network that turns a prompt into vectors, one per token, for the image "
        "model to use.",
    ),
    Term(
        "CLIP",
        "07_diffusion_digits",
        "A text network and an image network trained together so that a picture and "
        "its caption map to nearby vectors (Radford et al. 2021).",
    ),
    Term(
        "unCLIP",
        "07_diffusion_digits",
        "DALL·E 2's design (Ramesh et al. 2022): a caption becomes a CLIP image "
        "embedding, which a diffusion decoder turns into an image.",
        pattern=r"\bunCLIP\b",
    ),
    # --- 08_engines_compared ---
    Term(
        "generative learning trilemma",
        "08_engines_compared",
        "The observation (Xiao, Kreis and Vahdat, 2022) that generators trade high "
        "sample quality, coverage of every mode and fast sampling, each engine "
        "delivering at most two.",
        pattern=r"trilemma",
    ),
    Term(
        "bin",
        "08_engines_compared",
        "One of the equal intervals a range of numbers is cut into; a number is "
        "written as the index of its bin.",
        pattern=r"\bbins?\b",
    ),
    Term(
        "coordinate tokens",
        "08_engines_compared",
        "A 2-D point written as tokens for a transformer: a start token, the bin of"
        " x, then the bin of y.",
        pattern=r"tokeni[sz]e\s+coordinates|coordinate\s+(?:tokens?|GPT)",
    ),
    Term(
        "BOS",
        "08_engines_compared",
        "\"Beginning of sequence\": an extra token that only marks where a sequence "
        "starts, so the model can predict the first real token.",
        pattern=r"\bBOS\b",
    ),
    Term(
        "truncation trick",
        "08_engines_compared",
        "Sampling a GAN's noise from a normal distribution cut off at a threshold "
        "(BigGAN; StyleGAN instead pulls its latent w towards its average): more "
        "typical, less varied samples.",
        pattern=r"truncation",
    ),
    Term(
        "distillation",
        "08_engines_compared",
        "Training a student network to reproduce in a few steps (or with fewer "
        "parameters) what a teacher model does in many.",
        pattern=r"distillation",
    ),
    Term(
        "MIDI",
        "08_engines_compared",
        "The standard that writes music as note-on and note-off messages, each with"
        " a pitch number (60 is middle C).",
        pattern=r"\bMIDI\b",
    ),
    Term(
        "VQ-VAE",
        "08_engines_compared",
        "An encoder that replaces each stretch of a signal by the nearest entry of "
        "a learned codebook (turning it into tokens), and a decoder that turns the "
        "entries back into the signal.",
        pattern=r"VQ-VAE",
    ),
    Term(
        "codebook",
        "08_engines_compared",
        "A learned list of vectors; a VQ-VAE writes each stretch of a signal as the "
        "number of its nearest entry.",
        pattern=r"\bcodebooks?\b",
    ),
    Term(
        "synthesiser",
        "08_engines_compared",
        "A program (or instrument) that computes a sound wave from notes, here as "
        "sums of sine waves.",
        pattern=r"synthesi[sz]er",
    ),
    Term(
        "harmonics",
        "08_engines_compared",
        "Whole-number multiples of a note's frequency, whose mix gives an "
        "instrument its sound.",
        pattern=r"\bharmonics?\b",
    ),
    Term(
        "autoregressive",
        "08_engines_compared",
        "Writing a sequence one token at a time, each new token fed back in to "
        "predict the next.",
        pattern=r"autoregressive",
    ),
    # --- 09_society_and_law ---
    Term(
        "C2PA",
        "09_society_and_law",
        "The Coalition for Content Provenance and Authenticity's standard for a "
        "signed record, attached to a file, of where it came from and how it was "
        "edited (\"Content Credentials\").",
        pattern=r"\bC2PA\b",
    ),
    Term(
        "near copy",
        "09_society_and_law",
        "A generated sample closer to its nearest training example than a set "
        "fraction (here a third) of the median distance at which real held-out "
        "examples sit: evidence of memorisation.",
        pattern=r"near[- ]cop(?:y|ies)",
    ),
    Term(
        "copyright",
        "09_society_and_law",
        "The legal right of the author of an original work to control its copying; "
        "in the US it protects only human authorship.",
        pattern=r"\bcopyright\b",
    ),
    Term(
        "computer-generated work",
        "09_society_and_law",
        "In UK law (CDPA 1988, s.178), a work generated by computer in circumstances "
        "with no human author; s.9(3) makes its author the person who made the "
        "arrangements for its creation.",
        pattern=r"computer-generated works?",
    ),
    Term(
        "fair use",
        "09_society_and_law",
        "The US defence that allows some uses of a copyrighted work without "
        "permission, weighed case by case (17 U.S.C. § 107).",
        pattern=r"\bfair use\b",
    ),
]


def lookup(name):
    """The Term called `name` (case-insensitive), with a clear error if unknown."""
    if not isinstance(name, str):
        raise TypeError(f"glossary term must be a string, got {type(name).__name__}")
    for term in TERMS:
        if term.name.lower() == name.strip().lower():
            return term
    known = ", ".join(sorted(t.name for t in TERMS))
    raise ValueError(f"{name!r} is not in the glossary; known terms: {known}")


def to_markdown(terms=None):
    """The glossary as a Markdown table, alphabetical."""
    rows = [
        f"| **{t.name}** | {t.definition} | {t.notebook} |"
        for t in sorted(terms if terms is not None else TERMS, key=lambda t: t.name.lower())
    ]
    return "\n".join(["| term | meaning | defined in |", "|---|---|---|", *rows])


class Glossary:
    """What `glossary()` returns: a table in a notebook, Markdown as text."""

    def __init__(self, terms):
        self.terms = list(terms)

    def __str__(self):
        return to_markdown(self.terms)

    def _repr_markdown_(self):
        return to_markdown(self.terms)

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td><b>{html.escape(t.name)}</b></td><td>{html.escape(t.definition)}"
            f"</td><td>{html.escape(t.notebook)}</td></tr>"
            for t in sorted(self.terms, key=lambda t: t.name.lower())
        )
        return (
            "<table><thead><tr><th>term</th><th>meaning</th><th>defined in</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )


def glossary(name=None):
    """Every term (or the one called `name`), with its meaning and where it is defined."""
    return Glossary(TERMS if name is None else [lookup(name)])


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    print(to_markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
