#!/usr/bin/env python3
"""Synthetic 5-minute traffic for calibration checks, in `headroom forecast` / `backtest` input
format (series,timestamp,value): the generator of scripts/bench_forecast.py without numpy.

Each series: a level between 20 and 5,000 per step, a daily cycle (amplitude 0.3-0.8, random
phase), weekends 10-50 % lower, a trend of -5 % to +10 % over the window, multiplicative
lognormal noise (sigma 0.08) and Poisson counts. The history starts on a Monday, so with
`--weeks 1` and a 288-step horizon the held-out day is the Monday after a weekend.

    scripts/synthetic-series.py [--series N] [--weeks W] [--horizon H] [--seed S] OUTPUT.csv
"""
import argparse
import math
import random

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("output")
parser.add_argument("--series", type=int, default=200)
parser.add_argument("--weeks", type=int, default=1)
parser.add_argument("--horizon", type=int, default=288)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()
rng = random.Random(args.seed)
start = 1_704_067_200  # 2024-01-01T00:00:00Z, a Monday
length = args.weeks * 2016 + args.horizon


def poisson(lam):
    if lam > 60:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


with open(args.output, "w") as out:
    out.write("series,timestamp,value\n")
    for s in range(args.series):
        level = math.exp(rng.uniform(math.log(20), math.log(5000)))
        amp, phase = rng.uniform(0.3, 0.8), rng.uniform(0, 1)
        weekend, trend = rng.uniform(0.1, 0.5), rng.uniform(-0.05, 0.1)
        for t in range(length):
            tod, dow = (t % 288) / 288, (t // 288) % 7
            lam = (level * (1 + amp * math.sin(2 * math.pi * (tod - phase))) * (1 - weekend if dow >= 5 else 1)
                   * (1 + trend * t / length) * rng.lognormvariate(0, 0.08))
            out.write(f"syn{s:04d},{start + 300 * t},{poisson(max(lam, 0))}\n")
