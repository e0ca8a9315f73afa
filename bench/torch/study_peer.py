#!/usr/bin/python3
"""The study in PyTorch: the peer that bench/trainer times the trainer against (issue 22).

It trains the study's exact model on the study's exact data split, the way a PyTorch user would
write it, and logs what such a user would log with torch.utils.tensorboard.SummaryWriter:

  model   784 -> Linear 256, ReLU, Dropout 0.2 -> Linear 128, ReLU, Dropout 0.2 -> Linear 10,
          softmax cross-entropy (F.cross_entropy on the logits), biases zero, Adam lr 1e-3
          (PyTorch's defaults: betas 0.9/0.999, eps 1e-8, as DL4J's Adam), batch 128, float32,
          one thread (torch.set_num_threads(1)). DL4J's dropOut(0.8) keeps 80%: nn.Dropout(0.2).
  data    FashionMNIST's IDX files (--data, else where the study looks: $FASHION_MNIST_DIR,
          /usr/share/datasets/fashion-mnist, ~/.cache/dltrack/fashion-mnist); pixels / 255 as float32; 10,000 of the 60,000 training images held out for
          validation by the study's permutation (java.util.SplittableRandom(42), Fisher-Yates, as
          FashionMnistSplits.split; reimplemented below and checked against Java), the other
          50,000 trained on, in a new random order each epoch (torch.randperm, seeded by the run's
          seed: the batches differ from DL4J's, whose order comes from its own generator).
  schemes the twelve of trainer/.../init/InitSchemes.java, drawn from the same distributions
          (each layer from its own seeded generator; the values differ from the Java ones).
  logs    train/batch_loss every iteration; per epoch train/loss and train/accuracy (running
          means over the epoch's minibatches), val/loss, val/accuracy, epoch, and per layer
          histograms layer<i>/W, layer<i>/b, layer<i>/grad/W, layer<i>/grad/b (the gradients of
          the epoch's last minibatch); test/loss and test/accuracy at the end; the config as text.
          Tags as the study's tracker names them. Histograms are binned as SummaryWriter's
          add_histogram bins them (its default "tensorflow" buckets) and written with
          add_histogram_raw: add_histogram itself fails on Debian's numpy 1.24
          (np.greater(..., dtype=np.int32)).

Every timing is printed as one JSON object per line on stdout (an "event" field says which):

  epoch   train_s (the training loop: shuffle, forward, backward, Adam, per-iteration logging),
          val_s (the validation pass over 10,000 images), log_s (the epoch's logging: scalars and
          histograms), epoch_s (all of the epoch, wall-clock), cpu_s (the process's CPU time in
          the epoch, the SummaryWriter's thread included), train_cpu_s (the same, in the
          training loop), and the epoch's metrics;
  run     a run's result and run_s (from building the model to closing the writer);
  sweep   wall_s of a whole sweep (process start of the workers included), workers, runs.

Usage (Debian's python3-torch; TensorBoard's Python package on PYTHONPATH, see bench/torch/peer):

  study_peer.py run --scheme he-normal --epochs 3 --logdir DIR [--no-log]
  study_peer.py sweep --logdir DIR [--parallel 2] [--epochs 10] [--no-log]
  both: [--seed 1] [--data DIR] [--limit TRAIN VAL TEST] (the first images of each set, as
        TrainerBenchmark --quick does with 10000 2000 2000)
"""
import argparse
import gzip
import json
import math
import multiprocessing
import os
import struct
import sys
import time

# One thread, whoever starts this: OpenMP's (PyTorch's own kernels) and OpenBLAS's (Debian's torch
# calls the system libblas, OpenBLAS's pthread build, for its matrix products), set before they load.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

SCHEMES = ["zeros", "ones", "uniform", "uniform-rule", "normal-rule", "default", "xavier-normal",
           "he-normal", "he-uniform", "lecun-normal", "orthogonal", "lsuv"]
LAYERS = [784, 256, 128, 10]
DROPOUT = 0.2
BATCH = 128
LEARNING_RATE = 1e-3
VALIDATION_SIZE = 10_000
SPLIT_SEED = 42
EVAL_BATCH = 2000  # as the study's Evaluation
PROBE_SIZE = 256  # the LSUV batch: the first training images, as StudyRun
TRUNCATED_NORMAL_SD = .87962566103423978  # sd of a standard normal truncated to [-2, 2]
LSUV_TOLERANCE = 0.1
LSUV_MAX_PASSES = 10
SYSTEM_DATA = "/usr/share/datasets/fashion-mnist"


def emit(record):
    """One JSON line on stdout, in one write (lines of parallel workers do not interleave)."""
    sys.stdout.write(json.dumps(record, sort_keys=False) + "\n")
    sys.stdout.flush()


# --- the data: the study's split, bit for bit ---------------------------------------------------

_M64 = (1 << 64) - 1


class SplittableRandom:
    """java.util.SplittableRandom's nextInt(bound) (JDK 17), enough for the study's permutation."""

    GOLDEN_GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed):
        self.seed = seed & _M64

    def _next_int_unsigned(self):
        self.seed = (self.seed + self.GOLDEN_GAMMA) & _M64
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & _M64
        return (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & _M64) >> 32

    def next_int(self, bound):
        r = self._next_int_unsigned()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = r >> 1
        while True:
            r = u % bound
            if u + m - r < (1 << 31):  # Java rejects when u + m - r overflows an int
                return r
            u = self._next_int_unsigned() >> 1


def java_permutation(n, seed):
    """Permutations.shuffle over 0..n-1 with SplittableRandom(seed): Fisher-Yates from the end."""
    order = list(range(n))
    random = SplittableRandom(seed)
    for i in range(n - 1, 0, -1):
        j = random.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def default_data_dir():
    """Where the study looks, in its order (FashionMnistLocator): $FASHION_MNIST_DIR, Debian's
    dataset-fashion-mnist, then the study's download cache. The peer downloads nothing."""
    cache = os.environ.get("XDG_CACHE_HOME")
    cache = cache if cache and os.path.isabs(cache) else os.path.expanduser("~/.cache")
    places = [os.environ.get("FASHION_MNIST_DIR"), SYSTEM_DATA,
              os.path.join(cache, "dltrack", "fashion-mnist")]
    for place in places:
        if place and os.path.isfile(os.path.join(place, "train-images-idx3-ubyte.gz")):
            return place
    return places[0] or SYSTEM_DATA


def find_file(directory, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError("FashionMNIST file %s(.gz) not found in %s" % (name, directory))


def load_splits(directory, limit=None):
    """(x, y) tensors of train, validation and test: x float32 [n, 784] in [0, 1], y int64."""
    def images(prefix):
        x = read_idx(find_file(directory, prefix + "-images-idx3-ubyte")).reshape(-1, 784)
        y = read_idx(find_file(directory, prefix + "-labels-idx1-ubyte")).astype(np.int64)
        return x, y

    train_x, train_y = images("train")
    test_x, test_y = images("t10k")
    validation = min(VALIDATION_SIZE, len(train_y) // 6)
    order = np.array(java_permutation(len(train_y), SPLIT_SEED), dtype=np.int64)
    sets = [(train_x[order[validation:]], train_y[order[validation:]]),
            (train_x[order[:validation]], train_y[order[:validation]]),
            (test_x, test_y)]
    if limit is not None:
        sets = [(x[:n], y[:n]) for (x, y), n in zip(sets, limit)]
    # (b & 0xFF) / 255f in Java: a correctly rounded float32 division, as here
    return [(torch.from_numpy(np.array(x)).float().div_(255), torch.from_numpy(np.array(y)))
            for x, y in sets]


# --- the model and the twelve schemes ------------------------------------------------------------

def study_model():
    return nn.Sequential(
        nn.Linear(LAYERS[0], LAYERS[1]), nn.ReLU(), nn.Dropout(DROPOUT),
        nn.Linear(LAYERS[1], LAYERS[2]), nn.ReLU(), nn.Dropout(DROPOUT),
        nn.Linear(LAYERS[2], LAYERS[3]))


def dense_layers(model):
    """The Linear layers, in order: layer0, layer1, layer2 as the study's tags name them."""
    return [m for m in model if isinstance(m, nn.Linear)]


def _truncated_normal(count, generator):
    """Standard normal draws beyond 2 drawn again (Keras's TruncatedNormal, as Samplers)."""
    z = torch.randn(count, generator=generator, dtype=torch.float64)
    outside = z.abs() > 2
    while outside.any():
        z[outside] = torch.randn(int(outside.sum()), generator=generator, dtype=torch.float64)
        outside = z.abs() > 2
    return z


def _orthogonal(fan_in, fan_out, generator):
    """[fan_in, fan_out] with orthonormal columns (tall) or rows (wide), Haar: QR with R's signs."""
    rows, cols = max(fan_in, fan_out), min(fan_in, fan_out)
    q, r = torch.linalg.qr(torch.randn(rows, cols, generator=generator, dtype=torch.float64))
    q = q * torch.sign(torch.diagonal(r))
    return q if fan_in >= fan_out else q.t()


def sample(scheme, fan_in, fan_out, generator):
    """A layer's weights [fan_in, fan_out] (DL4J's layout), float64, as InitSchemes draws them."""
    n = fan_in * fan_out

    def uniform(limit):
        return torch.rand(n, generator=generator, dtype=torch.float64) * (2 * limit) - limit

    def truncated(sd):
        return _truncated_normal(n, generator) * (sd / TRUNCATED_NORMAL_SD)

    if scheme == "zeros":
        w = torch.zeros(n, dtype=torch.float64)
    elif scheme == "ones":
        w = torch.ones(n, dtype=torch.float64)
    elif scheme == "uniform":
        w = torch.rand(n, generator=generator, dtype=torch.float64)
    elif scheme == "uniform-rule":
        w = uniform(1 / math.sqrt(fan_in))
    elif scheme == "normal-rule":
        w = torch.randn(n, generator=generator, dtype=torch.float64) / math.sqrt(fan_in)
    elif scheme == "default":
        w = uniform(math.sqrt(6.0 / (fan_in + fan_out)))
    elif scheme == "xavier-normal":
        w = truncated(math.sqrt(2.0 / (fan_in + fan_out)))
    elif scheme == "he-normal":
        w = truncated(math.sqrt(2.0 / fan_in))
    elif scheme == "he-uniform":
        w = uniform(math.sqrt(6.0 / fan_in))
    elif scheme == "lecun-normal":
        w = truncated(math.sqrt(1.0 / fan_in))
    elif scheme in ("orthogonal", "lsuv"):
        return _orthogonal(fan_in, fan_out, generator)
    else:
        raise ValueError("unknown initialization scheme '%s'; valid names: %s"
                         % (scheme, ", ".join(SCHEMES)))
    return w.reshape(fan_in, fan_out)


def initialize(model, scheme, seed, probe):
    """Overwrites every Linear's weights by the scheme and zeroes its bias, as InitScheme.apply."""
    layers = dense_layers(model)
    seeds = np.random.SeedSequence(seed).generate_state(len(layers), dtype=np.uint64)
    with torch.no_grad():
        for layer, layer_seed in zip(layers, seeds):
            generator = torch.Generator().manual_seed(int(layer_seed) & ((1 << 63) - 1))
            w = sample(scheme, layer.in_features, layer.out_features, generator)
            layer.weight.copy_(w.t())  # PyTorch stores [out, in]
            layer.bias.zero_()
        if scheme == "lsuv":
            lsuv(model, probe)


def lsuv(model, probe):
    """LsuvScheme: layer by layer from the input, W /= std(xW) on the probe until var ~ 1."""
    was_training = model.training
    model.eval()
    x = probe
    for module in model:
        if isinstance(module, nn.Linear):
            for _ in range(LSUV_MAX_PASSES):
                variance = float((x.double() @ module.weight.double().t()).var(unbiased=False))
                if abs(variance - 1) < LSUV_TOLERANCE:
                    break
                if not (variance > 0) or math.isinf(variance):
                    raise ValueError("lsuv cannot scale a layer: its output variance is %s" % variance)
                module.weight.div_(math.sqrt(variance))
        x = module(x)
    model.train(was_training)


# --- logging as a PyTorch user would -------------------------------------------------------------

def summary_writer(logdir):
    from torch.utils.tensorboard import SummaryWriter  # needs TensorBoard's package on PYTHONPATH
    return SummaryWriter(logdir)


class _Bins:
    tensorflow = None


def _default_bins():
    """SummaryWriter's default_bins (its "tensorflow" buckets), computed as its __init__ does."""
    if _Bins.tensorflow is None:
        v = 1e-12
        buckets, neg_buckets = [], []
        while v < 1e20:
            buckets.append(v)
            neg_buckets.append(-v)
            v *= 1.1
        _Bins.tensorflow = neg_buckets[::-1] + [0] + buckets
    return _Bins.tensorflow


def add_histogram(writer, tag, tensor, step):
    """writer.add_histogram(tag, tensor, step) as torch 1.13's make_histogram computes it, with
    np.greater(counts, 0, dtype=np.int32), which numpy 1.24 refuses, written the way it accepts."""
    values = tensor.detach().cpu().numpy().astype(float).reshape(-1)
    counts, limits = np.histogram(values, bins=_default_bins())
    cum_counts = np.cumsum(np.greater(counts, 0).astype(np.int32))
    start, end = np.searchsorted(cum_counts, [0, cum_counts[-1] - 1], side="right")
    start, end = int(start), int(end) + 1
    counts = counts[start - 1:end] if start > 0 else np.concatenate([[0], counts[:end]])
    limits = limits[start:end + 1]
    writer.add_histogram_raw(tag, min=values.min(), max=values.max(), num=len(values),
                             sum=values.sum(), sum_squares=values.dot(values),
                             bucket_limits=limits.tolist(), bucket_counts=counts.tolist(),
                             global_step=step)


def log_layers(writer, model, step):
    for i, layer in enumerate(dense_layers(model)):
        add_histogram(writer, "layer%d/W" % i, layer.weight, step)
        add_histogram(writer, "layer%d/b" % i, layer.bias, step)
        if layer.weight.grad is not None:
            add_histogram(writer, "layer%d/grad/W" % i, layer.weight.grad, step)
            add_histogram(writer, "layer%d/grad/b" % i, layer.bias.grad, step)


# --- one run --------------------------------------------------------------------------------------

def evaluate(model, x, y):
    """(mean cross-entropy, accuracy) in one pass without dropout, EVAL_BATCH images at a time."""
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(y), EVAL_BATCH):
            out = model(x[start:start + EVAL_BATCH])
            target = y[start:start + EVAL_BATCH]
            loss_sum += F.cross_entropy(out, target, reduction="sum").item()
            correct += (out.argmax(1) == target).sum().item()
    model.train()
    return loss_sum / len(y), correct / len(y)


def train_run(splits, scheme, seed, epochs, logdir, logging, name=None):
    """Trains and evaluates one run; prints an "epoch" line per epoch and a "run" line."""
    name = name or scheme
    (train_x, train_y), (val_x, val_y), (test_x, test_y) = splits
    t_run = time.perf_counter()
    torch.manual_seed(seed)  # dropout's masks
    order = torch.Generator().manual_seed(seed)  # each epoch's order
    model = study_model()
    initialize(model, scheme, seed, train_x[:PROBE_SIZE])
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    writer = summary_writer(os.path.join(logdir, name)) if logging else None
    if writer is not None:
        writer.add_text("config", "scheme %s, seed %d, lr %g, batch %d, epochs %d, model %s"
                        % (scheme, seed, LEARNING_RATE, BATCH, epochs, model), 0)
    n = len(train_y)
    step = 0
    status, failure = "SUCCESS", ""
    best, last = float("nan"), float("nan")
    for epoch in range(1, epochs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(n, generator=order)
        xs, ys = train_x.index_select(0, perm), train_y.index_select(0, perm)
        loss_sum, correct = 0.0, 0
        for start in range(0, n, BATCH):
            xb, yb = xs[start:start + BATCH], ys[start:start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            out = model(xb)
            loss = F.cross_entropy(out, yb)
            loss.backward()
            optimizer.step()
            if writer is not None:
                value = loss.item()
                writer.add_scalar("train/batch_loss", value, step)
                if not math.isfinite(value):
                    status, failure = "FAILURE", "loss %s at iteration %d" % (value, step)
                    break
                loss_sum += value * len(yb)
                correct += (out.argmax(1) == yb).sum().item()
            step += 1
        t1, c1 = time.perf_counter(), time.process_time()
        if status != "SUCCESS":
            break
        val_loss, val_accuracy = evaluate(model, val_x, val_y)
        t2 = time.perf_counter()
        if writer is not None:
            writer.add_scalar("train/loss", loss_sum / n, step)
            writer.add_scalar("train/accuracy", correct / n, step)
            writer.add_scalar("val/loss", val_loss, step)
            writer.add_scalar("val/accuracy", val_accuracy, step)
            writer.add_scalar("epoch", epoch, step)
            log_layers(writer, model, step)
        t3, c3 = time.perf_counter(), time.process_time()
        last = val_accuracy
        if not val_accuracy <= best:
            best = val_accuracy
        record = {"event": "epoch", "run": name, "scheme": scheme, "seed": seed, "epoch": epoch,
                  "logging": logging, "train_s": t1 - t0, "val_s": t2 - t1, "log_s": t3 - t2,
                  "epoch_s": t3 - t0, "cpu_s": c3 - c0, "train_cpu_s": c1 - c0, "val_loss": val_loss,
                  "val_accuracy": val_accuracy}
        if writer is not None:
            record.update(train_loss=loss_sum / n, train_accuracy=correct / n)
        emit(record)
    test_loss, test_accuracy = (evaluate(model, test_x, test_y) if status == "SUCCESS"
                                else (float("nan"), float("nan")))
    if writer is not None:
        if status == "SUCCESS":
            writer.add_scalar("test/loss", test_loss, step)
            writer.add_scalar("test/accuracy", test_accuracy, step)
        else:
            writer.add_text("failure", failure, step)
        writer.close()
    result = {"event": "run", "run": name, "scheme": scheme, "seed": seed, "epochs": epochs,
              "logging": logging, "status": status, "failure": failure, "best_val_accuracy": best,
              "final_val_accuracy": last, "test_loss": test_loss, "test_accuracy": test_accuracy,
              "run_s": time.perf_counter() - t_run}
    emit(result)
    return result


# --- the sweep: N worker processes, each one thread, taking runs from a queue ---------------------

_worker_splits = None


def _init_worker(data, limit):
    global _worker_splits
    _one_thread()
    _worker_splits = load_splits(data, limit)


def _sweep_task(task):
    scheme, seed, epochs, logdir, logging = task
    return train_run(_worker_splits, scheme, seed, epochs, logdir, logging)


def sweep(args):
    t0 = time.perf_counter()
    tasks = [(s, args.seed, args.epochs, args.logdir, not args.no_log) for s in args.schemes]
    context = multiprocessing.get_context("spawn")  # a fresh interpreter per worker, as a user's
    with context.Pool(args.parallel, initializer=_init_worker,
                      initargs=(args.data, args.limit)) as pool:
        results = list(pool.imap_unordered(_sweep_task, tasks, chunksize=1))
    wall = time.perf_counter() - t0
    emit({"event": "sweep", "runs": len(results), "epochs": args.epochs,
          "parallel": args.parallel, "logging": not args.no_log, "wall_s": wall,
          "failed": sum(r["status"] != "SUCCESS" for r in results),
          "torch": torch.__version__, "numpy": np.__version__})


def _one_thread():
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # already set in this process
        pass


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for command in ("run", "sweep"):
        p = commands.add_parser(command)
        p.add_argument("--logdir", required=True)
        p.add_argument("--epochs", type=int, default=10)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--no-log", action="store_true", help="train and evaluate, log nothing")
        p.add_argument("--data", default=default_data_dir())
        p.add_argument("--limit", type=int, nargs=3, metavar=("TRAIN", "VAL", "TEST"))
        if command == "run":
            p.add_argument("--scheme", default="he-normal", choices=SCHEMES)
            p.add_argument("--name")
        else:
            p.add_argument("--parallel", type=int, default=2)
            p.add_argument("--schemes", type=lambda s: s.split(","), default=SCHEMES)
    args = parser.parse_args(argv)
    if args.command == "run":
        _one_thread()
        splits = load_splits(args.data, args.limit)
        train_run(splits, args.scheme, args.seed, args.epochs, args.logdir, not args.no_log,
                  args.name)
    else:
        unknown = [s for s in args.schemes if s not in SCHEMES]
        if unknown:
            parser.error("unknown schemes %s; valid names: %s" % (unknown, ", ".join(SCHEMES)))
        sweep(args)


if __name__ == "__main__":
    main(sys.argv[1:])
