#!/usr/bin/env python3
"""Build an LLM's traffic for `headroom replay-tokens`: NAB nyc_taxi's daily shape as the request
rate, each request's prompt and generated tokens drawn from the Azure LLM inference traces
(2023, conversation and code), switched from the conversation mix to the code mix at --switch at
the same request rate.

Usage: scripts/token-replay-traffic.py [--data ../shared/data] [--peak-rps 160]
           [--switch 2014-10-15T00:00:00Z] [--model llm-8b] [--region us-east-1] [--seed 7] OUT.csv

nyc_taxi's 30-minute counts are multiplied by one factor so that the median day's busiest step
runs at --peak-rps requests per second. For a step of n requests, k = min(n, 2000) requests are
drawn (with replacement) from the trace in force, and their token sums are scaled by n / k.
Output: the ingestion format (timestamp,model,region,metric,value) with requests, input_tokens
and output_tokens per 30 minutes. Stdlib only. Exit status 2 when the data is absent.
"""
import argparse
import csv
import os
import random
import sys
from datetime import datetime, timezone


def read_trace(path):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(int(r["ContextTokens"]), int(r["GeneratedTokens"])) for r in rows]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"))
    p.add_argument("--peak-rps", type=float, default=160.0)
    p.add_argument("--switch", default="2014-10-15T00:00:00Z")
    p.add_argument("--model", default="llm-8b")
    p.add_argument("--region", default="us-east-1")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("output")
    a = p.parse_args()
    taxi = os.path.join(a.data, "nab", "nyc_taxi.csv")
    conv = os.path.join(a.data, "azure-llm-2023", "AzureLLMInferenceTrace_conv.csv")
    code = os.path.join(a.data, "azure-llm-2023", "AzureLLMInferenceTrace_code.csv")
    for path in (taxi, conv, code):
        if not os.path.exists(path):
            print(f"error: {path} not found: the token replay needs the shared data (--data)", file=sys.stderr)
            sys.exit(2)
    switch = datetime.strptime(a.switch, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    steps = []
    with open(taxi, newline="") as fh:
        for row in csv.DictReader(fh):
            at = datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
            steps.append((at, float(row["value"])))
    by_day = {}
    for at, value in steps:
        by_day.setdefault(at.date(), []).append(value)
    peaks = sorted(max(v) for v in by_day.values() if len(v) >= 40)
    factor = a.peak_rps * 1800 / peaks[len(peaks) // 2]
    traces = {"conv": read_trace(conv), "code": read_trace(code)}
    rng = random.Random(a.seed)
    with open(a.output, "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["timestamp", "model", "region", "metric", "value"])
        for at, value in steps:
            n = int(round(value * factor))
            trace = traces["code" if at >= switch else "conv"]
            k = min(n, 2000)
            drawn = [trace[rng.randrange(len(trace))] for _ in range(k)]
            scale = n / k if k else 0
            stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
            w.writerow([stamp, a.model, a.region, "requests", n])
            w.writerow([stamp, a.model, a.region, "input_tokens", int(round(sum(d[0] for d in drawn) * scale))])
            w.writerow([stamp, a.model, a.region, "output_tokens", int(round(sum(d[1] for d in drawn) * scale))])
    print(f"wrote {a.output}: {len(steps)} steps, factor {factor:.3f}, switch to the code mix at {a.switch}", file=sys.stderr)


if __name__ == "__main__":
    main()
