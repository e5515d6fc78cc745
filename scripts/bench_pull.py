#!/usr/bin/env python3
"""Pull benchmark (scripts/bench-pull.sh runs it): `headroom pull` from a local Prometheus against
curl fetching the same query_range requests, in one run.

History: 28 days and one hour of vLLM counters scraped every minute (2026-10-01T00:00Z to
2026-10-29T01:00Z) for 17 models in 2 regions (102 series: requests, prompt and generation tokens),
backfilled once with promtool into bench-out/pull/tsdb (kept between runs; about 4.1 million
samples). Prometheus runs on a free loopback port with compaction off (min = max block duration
2h), so no background compaction lands in a measurement.

Each run, alternately:
- curl: the three query_range requests a backfill makes (28 days at 5m, one request per query: 8,064
  points for each of 34 series), one after the other, bodies discarded, uncompressed as the pull
  asks; and again two at a time, as the pull asks them;
- backfill: `headroom pull --from 2026-10-01T00:00:00Z --to 2026-10-29T00:00:00Z` into a fresh
  database (fetch, decode, map and store 822,528 points in one transaction), process start to exit;
- incremental: then `headroom pull --to 2026-10-29T01:00:00Z` on that database: the watermark's
  next hour (12 steps per series, 1,224 points), process start to exit.

Prints each run, the medians, and the ratio of the backfill's point rate to curl's.

    bench_pull.py HEADROOM_BINARY WORK_DIRECTORY RUNS
"""
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

BINARY, WORK, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])
START = 1_790_812_800                    # 2026-10-01T00:00:00Z
END = START + 28 * 86_400 + 3_600        # the last sample
BACKFILL_TO = START + 28 * 86_400        # 2026-10-29T00:00:00Z
MODELS = [f"bench-{i:02d}" for i in range(17)]
REGIONS = ["us-east-1", "eu-west-1"]
FAMILIES = {"requests": "vllm:request_success", "input_tokens": "vllm:prompt_tokens",
            "output_tokens": "vllm:generation_tokens"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def backfill(tsdb):
    """Writes the history once (a marker file says it is complete)."""
    marker = os.path.join(tsdb, "complete")
    if os.path.exists(marker):
        return
    os.makedirs(tsdb, exist_ok=True)
    rng = random.Random(28)
    text = os.path.join(WORK, "history.om")
    started = time.time()
    with open(text, "w") as out:
        for family in FAMILIES.values():
            out.write(f"# TYPE {family} counter\n")
            for model in MODELS:
                for region in REGIONS:
                    counter = 0
                    labels = f'model_name="{model}",region="{region}"'
                    lines = []
                    for t in range(START, END + 1, 60):
                        daily = 1 + 0.6 * math.sin(2 * math.pi * (t % 86_400) / 86_400)
                        counter += int(rng.random() * 60 * daily) * (1 if family == "vllm:request_success" else 700)
                        lines.append(f"{family}_total{{{labels}}} {counter} {t}\n")
                    out.writelines(lines)
        out.write("# EOF\n")
    print(f"history written in {time.time() - started:.0f} s; promtool backfill (a few minutes, once)...", flush=True)
    subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", text, tsdb], check=True)
    os.remove(text)
    open(marker, "w").close()
    print(f"backfilled in {time.time() - started:.0f} s", flush=True)


def config(path, url):
    base = open("examples/headroom.yaml").read()
    head = base[:base.index("\nmodels:\n")]
    models = "".join(f"""
  {model}:
    gpu_type: H100
    gpus_per_replica: 1
    gpu_memory_gib: 40
    cold_start_s: 90
    class: interactive
    slo_p99_ms: 6000
    throughput:
      - {{ batch_size: 8, rps: 3.2, p99_ms: 3600 }}
    target_utilization: 0.65
    min_replicas: 1
    max_replicas: 48
    quantile: 0.95
    regions: [us-east-1, eu-west-1]
""" for model in MODELS)
    series = "".join(f"""
      - metric: {metric}
        query: 'sum by (model_name, region) (increase({family}_total[5m]))'
        labels: {{ model: model_name, region: region }}""" for metric, family in FAMILIES.items())
    with open(path, "w") as out:
        out.write(head + "\nmodels:" + models + f"""
sources:
  prometheus:
    url: {url}
    step: 5m
    timeout: 60s
    series:{series}
""")


def timed(command):
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"bench-pull: {' '.join(command)} failed: {result.stderr.strip()}")
    return elapsed, result.stdout


def main():
    tsdb = os.path.join(WORK, "tsdb")
    backfill(tsdb)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(os.path.join(WORK, "prometheus.yml"), "w") as out:
        out.write("global:\n  scrape_interval: 1m\nscrape_configs: []\n")
    log = open(os.path.join(WORK, "prometheus.log"), "w")
    server = subprocess.Popen(["prometheus", f"--config.file={WORK}/prometheus.yml", f"--storage.tsdb.path={tsdb}",
                               "--storage.tsdb.retention.time=3650d", "--storage.tsdb.min-block-duration=2h",
                               "--storage.tsdb.max-block-duration=2h", f"--web.listen-address=127.0.0.1:{port}"],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(url + "/-/ready", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        cfg = os.path.join(WORK, "headroom.yaml")
        config(cfg, url)
        db = os.path.join(WORK, "pull.sqlite")
        # The same requests the backfill makes: per query, start one step after --from, end --to.
        curl = []
        for family in FAMILIES.values():
            curl.append(["curl", "-sf", "-o", "/dev/null", f"{url}/api/v1/query_range",
                         "--data-urlencode", f"query=sum by (model_name, region) (increase({family}_total[5m]))",
                         "--data", f"start={START + 300}", "--data", f"end={BACKFILL_TO}", "--data", "step=300s"])
        points = len(FAMILIES) * len(MODELS) * len(REGIONS) * ((BACKFILL_TO - START) // 300)
        for command in curl:  # warm Prometheus's page cache for both sides
            subprocess.run(command, check=True)
        print(f"{points:,} points per backfill ({len(FAMILIES) * len(MODELS) * len(REGIONS)} series, 28 days at 5m), "
              f"3 requests")
        print("run  curl s  curl x2 s  backfill s  incremental s  stored")
        rows = []
        for run in range(RUNS):
            started = time.perf_counter()
            for command in curl:
                subprocess.run(command, check=True)
            curl_s = time.perf_counter() - started
            # The same requests two at a time, as the pull asks them (PrometheusPull.requestsInFlight).
            started = time.perf_counter()
            running = [subprocess.Popen(command) for command in curl[:2]]
            running[0].wait()
            running.append(subprocess.Popen(curl[2]))
            for process in running:
                process.wait()
            curl2_s = time.perf_counter() - started
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            backfill_s, out = timed([BINARY, "pull", "--config", cfg, "--db", db,
                                     "--from", "2026-10-01T00:00:00Z", "--to", "2026-10-29T00:00:00Z"])
            stored = out.strip().splitlines()[-1]
            incremental_s, out2 = timed([BINARY, "pull", "--config", cfg, "--db", db, "--to", "2026-10-29T01:00:00Z"])
            rows.append((curl_s, curl2_s, backfill_s, incremental_s))
            print(f"{run + 1:>3}  {curl_s:6.2f}  {curl2_s:8.2f}  {backfill_s:9.2f}  {incremental_s:12.3f}   {stored} | {out2.strip().splitlines()[-1]}",
                  flush=True)
        curl_m, curl2_m, backfill_m, incremental_m = (statistics.median(column) for column in zip(*rows))
        print(f"median: curl {curl_m:.2f} s ({points / curl_m:,.0f} points/s), curl two at a time {curl2_m:.2f} s, "
              f"backfill {backfill_m:.2f} s ({points / backfill_m:,.0f} points/s), incremental {incremental_m:.3f} s")
        print(f"ratio backfill rate / curl rate: {curl_m / backfill_m:.2f} (/ curl two at a time: {curl2_m / backfill_m:.2f})")
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(30)


if __name__ == "__main__":
    main()
