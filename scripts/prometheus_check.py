#!/usr/bin/env python3
"""`headroom pull` against a real Prometheus (Debian's 2.42), as scripts/prometheus-check.sh runs it.

Writes two weeks of vLLM counters in OpenMetrics text (two served models in two regions, two pods
each, plus an unserved model; one pod's counters reset mid-history, another's have a two-hour gap),
backfills them with `promtool tsdb create-blocks-from openmetrics`, starts `prometheus` on a free
loopback port, and checks that:

- a dry run stores nothing;
- `headroom pull` stores, step by step, exactly the increases computed directly from the same
  samples (per pod: the sum of consecutive differences in the step's closed window [s, s + step],
  a drop counted as a reset from zero; a pod with fewer than two samples there adds nothing; a step
  where no pod has two samples is a gap), within float tolerance, and counts the unserved series;
- a second pull stores nothing;
- a 1m-step pull (20,160 points per series, over Prometheus's 11,000) arrives whole in chunks;
- a pull killed with SIGKILL while Prometheus holds its last answer, and pulls killed at spread
  delays during the store, leave the database either as before or complete, never half-written,
  and the next pull completes it;
- bad PromQL, a wrong URL, a wrong path, a timeout and a 503 fail with clear messages and store
  nothing.

The server is stopped by its pid at the end. Standard library only.

    prometheus_check.py HEADROOM_BINARY WORK_DIRECTORY
"""
import hashlib
import http.server
import math
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request

BINARY, WORK = sys.argv[1], sys.argv[2]
STEP = 300
DAY = 86_400
NOW = int(time.time())
HISTORY_END = NOW // STEP * STEP - 3_600          # the last sample, an hour before the last whole step
HISTORY_START = HISTORY_END - 14 * DAY
MODELS = {"meta-llama/Llama-3.1-8B-Instruct": "chat-8b", "meta-llama/Llama-3.1-70B-Instruct": "code-70b"}
UNSERVED = "mistralai/Mistral-7B-Instruct-v0.3"
REGIONS = ["us-east-1", "eu-west-1"]
METRICS = {"requests": "vllm:request_success", "input_tokens": "vllm:prompt_tokens",
           "output_tokens": "vllm:generation_tokens"}
RESET = ("meta-llama/Llama-3.1-8B-Instruct", "us-east-1", "pod-1", HISTORY_START + 5 * DAY + 14 * 3_600 + 120)
GAP = ("meta-llama/Llama-3.1-70B-Instruct", "eu-west-1", None,
       HISTORY_START + 8 * DAY + 10 * 3_600, HISTORY_START + 8 * DAY + 12 * 3_600)  # every pod; samples at both ends only
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def history():
    """{(model, region, pod, family): [(t, value)]}: one sample a minute, counters from zero."""
    rng = random.Random(14)
    series = {}
    # Two pods where the counter resets (the sum adds a restarted pod to a running one), one elsewhere.
    pods = [(m, r, p) for m in MODELS for r in REGIONS for p in ("pod-0", "pod-1") if p == "pod-0" or (m, r) == RESET[:2]]
    pods.append((UNSERVED, "us-east-1", "pod-0"))
    for model, region, pod in pods:
        scale = 1.0 if "8B" in model else 0.3
        counters = {family: 0 for family in METRICS.values()}
        samples = {family: [] for family in METRICS.values()}
        for t in range(HISTORY_START, HISTORY_END + 1, 60):
            if (model, region) == GAP[:2] and GAP[3] < t < GAP[4]:
                continue
            if (model, region, pod) == RESET[:3] and t == RESET[3]:
                counters = {family: 0 for family in METRICS.values()}  # the process restarted
            daily = 1 + 0.6 * math.sin(2 * math.pi * (t % DAY) / DAY)
            requests = rng.randint(0, int(40 * scale * daily) + 1)
            counters["vllm:request_success"] += requests
            counters["vllm:prompt_tokens"] += requests * rng.randint(200, 1_800)
            counters["vllm:generation_tokens"] += requests * rng.randint(50, 600)
            for family, value in counters.items():
                samples[family].append((t, value))
        for family in METRICS.values():
            series[(model, region, pod, family)] = samples[family]
    return series


def openmetrics(series, path):
    with open(path, "w") as out:
        for family in METRICS.values():
            out.write(f"# TYPE {family} counter\n")
            for (model, region, pod, fam), samples in series.items():
                if fam != family:
                    continue
                labels = f'model_name="{model}",region="{region}",pod="{pod}"'
                for t, value in samples:
                    out.write(f"{family}_total{{{labels}}} {value} {t}\n")
        out.write("# EOF\n")


def expected(series, step=STEP):
    """{(model, region, metric, step start): increase} computed directly from the samples."""
    found = {}
    for metric, family in METRICS.items():
        for (model, region, pod, fam), samples in series.items():
            if fam != family or model not in MODELS:
                continue
            by_step = {}
            for t, value in samples:
                by_step.setdefault(t // step * step, []).append((t, value))
            for start in by_step:
                window = [(t, v) for t, v in by_step[start]] + [(t, v) for t, v in by_step.get(start + step, []) if t == start + step]
                if len(window) < 2:
                    continue
                increase = sum(b - a if b >= a else b for (_, a), (_, b) in zip(window, window[1:]))
                key = (MODELS[model], region, metric, start)
                found[key] = found.get(key, 0) + increase
    return found


def stored(db):
    with sqlite3.connect(db) as connection:
        rows = connection.execute("""SELECT s.model, s.region, s.metric, p.ts, p.value, s.step_seconds
                                     FROM traffic_point p JOIN series s ON s.id = p.series_id""").fetchall()
    return {(m, r, metric, ts): value for m, r, metric, ts, value, _ in rows}


def signature(db, watermarks=True):
    """A digest of what a pull writes: points, the ingest log and (unless told not) the watermarks."""
    if not os.path.exists(db):
        return "absent"
    digest = hashlib.sha256()
    queries = ["SELECT s.model, s.region, s.metric, p.ts, p.value FROM traffic_point p JOIN series s ON s.id = p.series_id ORDER BY 1, 2, 3, 4",
               "SELECT id, source, rows_accepted FROM ingest_log ORDER BY id"]
    if watermarks:
        queries.append("SELECT source, query, evaluated_to FROM pull_watermark ORDER BY 1, 2")
    with sqlite3.connect(db) as connection:
        for sql in queries:
            for row in connection.execute(sql):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def points(db):
    """Traffic points stored in `db` (0 when the file or its tables do not exist yet)."""
    if not os.path.exists(db):
        return 0
    with sqlite3.connect(db) as connection:
        if not connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'traffic_point'").fetchone()[0]:
            return 0
        return connection.execute("SELECT COUNT(*) FROM traffic_point").fetchone()[0]


def config(path, url, step="5m", timeout="5s"):
    base = open("examples/headroom.yaml").read()
    model_map = ", ".join(f'"{k}": {v}' for k, v in MODELS.items())
    queries = "\n".join(
        f"""      - metric: {metric}
        query: 'sum by (model_name, region) (increase({family}_total[{step}]))'
        labels: {{ model: model_name, region: region }}""" for metric, family in METRICS.items())
    with open(path, "w") as out:
        out.write(base + f"""
sources:
  prometheus:
    url: {url}
    step: {step}
    backfill: 28d
    timeout: {timeout}
    model_map: {{ {model_map} }}
    series:
{queries}
""")
    return path


def pull(cfg, db, *arguments, timeout=300):
    return subprocess.run([BINARY, "pull", "--config", cfg, "--db", db, *arguments],
                          capture_output=True, text=True, timeout=timeout)


class Proxy(http.server.ThreadingHTTPServer):
    """Forwards to Prometheus, or misbehaves: mode 'pass', 'hold-after N' (answers N requests, then
    holds the rest until released), 'hang' (never answers) or '503'."""
    daemon_threads = True

    def __init__(self, upstream):
        self.upstream, self.mode, self.hold_after, self.count = upstream, "pass", 0, 0
        self.held = threading.Event()
        self.release = threading.Event()
        super().__init__(("127.0.0.1", 0), ProxyHandler)


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def do_POST(self):
        proxy = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        proxy.count += 1
        if proxy.mode == "503":
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"Service Unavailable: TSDB not ready")
            return
        if proxy.mode == "hang" or (proxy.mode == "hold" and proxy.count > proxy.hold_after):
            proxy.held.set()
            proxy.release.wait(60)
            return
        request = urllib.request.Request(proxy.upstream + self.path, data=body, method="POST",
                                         headers={"Content-Type": self.headers.get("Content-Type", "")})
        with urllib.request.urlopen(request) as answer:
            data = answer.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    series = history()
    metrics_file = os.path.join(WORK, "history.om")
    openmetrics(series, metrics_file)
    data = os.path.join(WORK, "tsdb")
    started = time.time()
    subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", metrics_file, data], check=True)
    samples = sum(len(s) for s in series.values())
    print(f"backfilled {samples:,} samples in {len(series)} series with promtool ({time.time() - started:.1f} s)")
    port = free_port()
    with open(os.path.join(WORK, "prometheus.yml"), "w") as out:
        out.write("global:\n  scrape_interval: 1m\nscrape_configs: []\n")
    log = open(os.path.join(WORK, "prometheus.log"), "w")
    server = subprocess.Popen(["prometheus", f"--config.file={WORK}/prometheus.yml", f"--storage.tsdb.path={data}",
                               "--storage.tsdb.retention.time=3650d", f"--web.listen-address=127.0.0.1:{port}"],
                              stdout=log, stderr=subprocess.STDOUT)
    with open(os.path.join(WORK, "prometheus.pid"), "w") as out:
        out.write(str(server.pid))
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(url + "/-/ready", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("prometheus-check: prometheus did not become ready; see " + log.name)
        run_checks(series, url)
    finally:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
        print(f"prometheus (pid {server.pid}) stopped")
    if failures:
        sys.exit(f"prometheus-check: {len(failures)} failed")
    print("prometheus-check: all passed")


def run_checks(series, url):
    cfg = config(os.path.join(WORK, "headroom.yaml"), url)
    db = os.path.join(WORK, "pull.sqlite")
    dry = pull(cfg, db, "--dry-run")
    check(dry.returncode == 0 and "dry run: nothing fetched or stored" in dry.stdout and stored(db) == {},
          "a dry run prints the plan and stores nothing")

    first = pull(cfg, db)
    check(first.returncode == 0, "the first pull succeeds: " + (first.stdout + first.stderr).strip().splitlines()[-1])
    want, have = expected(series), stored(db)
    missing = [k for k in want if k not in have]
    extra = [k for k in have if k not in want]
    wrong = [k for k in want if k in have and abs(have[k] - want[k]) > 1e-9 * max(1.0, abs(want[k]))]
    check(not missing and not extra and not wrong,
          f"stored increases equal the direct ones at every step ({len(want):,} points; "
          f"{len(missing)} missing, {len(extra)} extra, {len(wrong)} different)")
    reset_step = (MODELS[RESET[0]], RESET[1], "requests", RESET[3] // STEP * STEP)
    check(reset_step in have and have[reset_step] == want[reset_step], "the step holding the counter reset counts the restart from zero")
    gap_steps = [(MODELS[GAP[0]], GAP[1], "requests", t) for t in range(GAP[3], GAP[4], STEP)]
    check(all(k not in have for k in gap_steps), f"the two-hour gap is stored as a gap ({len(gap_steps)} steps)")
    check("series skipped" in first.stdout and UNSERVED.split("/")[1] in first.stdout, "the unserved model's series are skipped and counted")

    before = signature(db, watermarks=False)
    second = pull(cfg, db)
    check(second.returncode == 0 and signature(db, watermarks=False) == before and "stored" not in second.stdout.splitlines()[-1],
          "a second pull stores nothing: " + second.stdout.strip().splitlines()[-1])

    # 1m steps: 14 days are 20,160 points per series, more than one request may ask for.
    cfg1 = config(os.path.join(WORK, "headroom-1m.yaml"), url, step="1m")
    db1 = os.path.join(WORK, "pull-1m.sqlite")
    minute = pull(cfg1, db1, "--from", "-16d")
    if minute.returncode != 0:
        print(minute.stdout + minute.stderr)
    want1 = expected(series, step=60)
    have1 = stored(db1)
    chunks = [line for line in minute.stdout.splitlines() if " in 2 requests" in line or " in 3 requests" in line]
    check(minute.returncode == 0 and len(chunks) == 3 and set(have1) == set(want1)
          and all(abs(have1[k] - want1[k]) <= 1e-9 * max(1.0, want1[k]) for k in want1),
          f"a 1m pull over 16 days arrives whole in chunks within Prometheus's limit ({len(want1):,} points)")

    # SIGKILL while Prometheus holds the last answer: nothing of the pull is stored; the next completes it.
    proxy = Proxy(url)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    proxy_url = f"http://127.0.0.1:{proxy.server_address[1]}"
    cfgp = config(os.path.join(WORK, "headroom-proxy.yaml"), proxy_url, timeout="2s")
    dbk = os.path.join(WORK, "kill.sqlite")
    partial = pull(cfgp, dbk, "--to", time_text(HISTORY_START + 7 * DAY))
    check(partial.returncode == 0, "a pull of the first week through the proxy")
    week = signature(dbk)
    proxy.mode, proxy.hold_after, proxy.count = "hold", 2, 0
    proxy.held.clear()
    proxy.release.clear()
    victim = subprocess.Popen([BINARY, "pull", "--config", cfgp, "--db", dbk], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    check(proxy.held.wait(60), "the pull reached its third query (two answered, the third held)")
    victim.kill()
    victim.wait()
    proxy.release.set()
    check(signature(dbk) == week, "killed midway (SIGKILL): the database is as before")
    proxy.mode = "pass"
    resumed = pull(cfgp, dbk)
    have_k = stored(dbk)
    check(resumed.returncode == 0 and have_k == have, "the next pull resumes and stores the rest, equal to an uninterrupted pull")

    # SIGKILL at spread delays through a whole 1m pull: never half-written.
    timing = time.time()
    pull(cfg1, os.path.join(WORK, "timing.sqlite"), "--from", "-16d")
    duration = time.time() - timing
    states = {"before": 0, "complete": 0}
    for i in range(8):
        dbs = os.path.join(WORK, f"spread-{i}.sqlite")
        delay = duration * (0.45 + 0.1 * i)
        victim = subprocess.Popen([BINARY, "pull", "--config", cfg1, "--db", dbs, "--from", "-16d"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        victim.kill()
        victim.wait()
        count = points(dbs)
        if count == 0:
            states["before"] += 1
        elif set(stored(dbs)) == set(want1):
            states["complete"] += 1
        else:
            check(False, f"kill {i} at {delay:.2f} s left {count} of {len(want1)} points: half-written")
        again = pull(cfg1, dbs, "--from", "-16d")
        check(again.returncode == 0 and set(stored(dbs)) == set(want1), f"after kill {i} at {delay:.2f} s the next pull completes the database")
    check(states["before"] + states["complete"] == 8 and states["before"] > 0,
          f"8 kills through a {duration:.2f} s pull: {states['before']} left it as before, {states['complete']} complete, none half-written")

    # Errors: clear, and nothing stored.
    def refused(name, cfg_text_url, expect, query=None, timeout="5s"):
        path = config(os.path.join(WORK, f"headroom-{name}.yaml"), cfg_text_url, timeout=timeout)
        if query:
            text = open(path).read().replace("sum by (model_name, region) (increase(vllm:request_success_total[5m]))", query)
            open(path, "w").write(text)
        target = os.path.join(WORK, f"{name}.sqlite")
        started = time.time()
        result = pull(path, target)
        message = (result.stderr.strip().splitlines() or [""])[-1]
        check(result.returncode != 0 and all(e in message for e in expect) and stored(target) == {},
              f"{name}: exit {result.returncode} in {time.time() - started:.1f} s: {message}")

    refused("bad-promql", url, ["Prometheus refused the query (HTTP 400)", "parse error"],
            query="sum by (model_name (increase(vllm:request_success_total[5m]))")
    refused("wrong-url", f"http://127.0.0.1:{free_port()}", ["no answer after 4 attempts", "connection refused"], timeout="1s")
    refused("wrong-path", url + "/not-prometheus", ["Prometheus refused the query (HTTP 404)"])
    proxy.mode = "hang"
    proxy.release.clear()
    refused("timeout", proxy_url, ["no answer after 4 attempts", "no answer within the 1 s timeout"], timeout="1s")
    proxy.release.set()
    proxy.mode = "503"
    refused("503", proxy_url, ["no answer after 4 attempts", "HTTP 503", "TSDB not ready"])
    proxy.shutdown()


def time_text(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


if __name__ == "__main__":
    main()
