#!/usr/bin/env python3
"""The reference fit beside ours: Hoffmann et al.'s Approach 3 as Besiroglu et al. (2024) replicate it.

Fits L(N, D) = E + A/N^alpha + B/D^beta to the runs in a CSV (parameters,tokens,loss) by minimising
sum_i huber_delta(LSE(a - alpha log N_i, b - beta log D_i, e) - log L_i), delta = 1e-3, with
E = exp(e), A = exp(a), B = exp(b), from every point of their grid of initialisations
(alpha, beta in {0, 0.5, ..., 2}; e in {-1, -0.5, ..., 1}; a, b in {0, 5, ..., 25}: 4,500 starts) with
scipy's L-BFGS-B (numerical gradient, default tolerances), keeping the lowest objective.

Prints one line of key=value pairs: starts, processes, wall seconds, CPU seconds, the best objective and
the best parameters. Usage: scripts/scipy-grid.py runs.csv [processes] (default: every core).
"""
import itertools
import os
import sys
import time
from multiprocessing import Pool

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp

DELTA = 1e-3


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return np.log(data[:, 0]), np.log(data[:, 1]), np.log(data[:, 2])


def objective(p, lN, lD, y):
    e, a, b, alpha, beta = p
    pred = logsumexp([a - alpha * lN, b - beta * lD, np.full_like(lN, e)], axis=0)
    return np.sum(huber(DELTA, pred - y))


def grid():
    return list(itertools.product(np.arange(-1, 1.01, 0.5), np.arange(0, 25.1, 5), np.arange(0, 25.1, 5),
                                  np.arange(0, 2.01, 0.5), np.arange(0, 2.01, 0.5)))


def fit_chunk(args):
    starts, lN, lD, y = args
    cpu = time.process_time()
    best = None
    for x0 in starts:
        result = minimize(objective, np.array(x0), args=(lN, lD, y), method="L-BFGS-B")
        if best is None or result.fun < best.fun:
            best = result
    return best.fun, best.x, time.process_time() - cpu


def main():
    lN, lD, y = load(sys.argv[1])
    processes = int(sys.argv[2]) if len(sys.argv) > 2 else os.cpu_count()
    starts = grid()
    chunks = [(starts[i::processes], lN, lD, y) for i in range(processes)]
    wall = time.perf_counter()
    with Pool(processes) as pool:
        results = pool.map(fit_chunk, chunks)
    wall = time.perf_counter() - wall
    fun, x, _ = min(results, key=lambda r: r[0])
    cpu = sum(r[2] for r in results)
    e, a, b, alpha, beta = x
    print(f"starts={len(starts)} processes={processes} wall_s={wall:.2f} cpu_s={cpu:.2f} objective={fun:.17g} "
          f"E={np.exp(e):.6g} A={np.exp(a):.6g} B={np.exp(b):.6g} alpha={alpha:.6g} beta={beta:.6g}")


if __name__ == "__main__":
    main()
