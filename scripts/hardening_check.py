#!/usr/bin/env python3
"""Slow, idle and greedy clients against a running `headroom serve` (issue 10, items 2, 3, 8).

Talks only to the loopback server it is given; every loop is bounded in count and time.

    hardening_check.py --url http://127.0.0.1:PORT --pid PID --token WRITE_TOKEN \
        [--header-timeout S] [--max-connections N] [--parallel-posts N] [--post-mib M] \
        [--flood N] [--report-only]

Checks (each prints its figures; any failure makes the exit status 1 unless --report-only):
  idle      N idle and slow-loris connections: /healthz answers at once; after the header
            timeout every one is closed and the server's descriptors are back to where they were
  cap       more connections than max_connections: the extra ones get 503 and are closed, the
            descriptors stay bounded, /healthz answers again after the header timeout
  parse     a 100 KB query string: 431 with application/problem+json
  body      a request body that stalls: closed after the idle timeout
  length    a declared Content-Length above the limit: 413 before any body byte is sent
  memory    P parallel POSTs of M MiB each: the server's peak RSS (VmHWM) stays under 1 GiB
  flood     (only with --flood N) N idle connections at once, then /healthz: the measurement
            of the file-descriptor exhaustion (before/after figures in docs/BENCHMARKS.md)
"""
import argparse
import os
import selectors
import socket
import sys
import threading
import time
import urllib.parse

failures = []


def check(ok, message):
    print(("  ok    " if ok else "  FAIL  ") + message, flush=True)
    if not ok:
        failures.append(message)


def fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return -1


def status_of(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return -1


def connect(host, port, timeout=5):
    s = socket.create_connection((host, port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def request(host, port, raw, timeout=5):
    """Sends raw bytes, returns (status, headers text, body) or (None, error, b'')."""
    try:
        with connect(host, port, timeout) as s:
            s.sendall(raw)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data:
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = [int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                    if length and len(body) >= length[0]:
                        break
            head, _, body = data.partition(b"\r\n\r\n")
            status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/1.1 ") else None
            return status, head.decode("latin-1"), body
    except OSError as error:
        return None, str(error), b""


def settled_fds(pid):
    """The server's descriptor count once it stops changing (its accept queue drained)."""
    last = fds(pid)
    for _ in range(40):
        time.sleep(0.1)
        now = fds(pid)
        if now == last:
            return now
        last = now
    return last


def healthz(host, port, timeout=5):
    started = time.monotonic()
    status, _, _ = request(host, port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout)
    return status, time.monotonic() - started


def closed_by_server(sock, wait):
    """True when the server closes `sock` within `wait` seconds (EOF or reset)."""
    sock.settimeout(wait)
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def idle(args, host, port):
    print(f"idle: {args.idle} idle and {args.slow} slow-loris connections, header timeout {args.header_timeout} s")
    base = fds(args.pid)
    idle = [connect(host, port) for _ in range(args.idle)]
    slow = [connect(host, port) for _ in range(args.slow)]
    for s in slow:
        s.sendall(b"POST /v1/traffic HTTP/1.1\r\nHost: x\r\n")
    status, seconds = healthz(host, port)
    check(status == 200 and seconds < 1.0, f"/healthz answers {status} in {seconds * 1000:.0f} ms with them open")
    print(f"        server descriptors: {base} before, {fds(args.pid)} with them open")
    deadline = time.monotonic() + args.header_timeout + 2
    while time.monotonic() < deadline:  # keep the slow ones trickling: one byte every 0.5 s
        for s in slow:
            try:
                s.sendall(b"X")
            except OSError:
                pass
        time.sleep(0.5)
    closed_idle = sum(closed_by_server(s, 2) for s in idle)
    closed_slow = sum(closed_by_server(s, 2) for s in slow)
    for s in idle + slow:
        s.close()
    check(closed_idle == len(idle), f"{closed_idle}/{len(idle)} idle connections closed by the server after the header timeout")
    check(closed_slow == len(slow), f"{closed_slow}/{len(slow)} slow-loris connections closed by the server")
    time.sleep(0.5)
    after = fds(args.pid)
    check(after <= base + 5, f"server descriptors back to {after} (were {base})")


def cap(args, host, port):
    total = args.max_connections + 200
    print(f"cap: {total} connections against max_connections {args.max_connections}")
    base = fds(args.pid)
    socks = []
    for _ in range(total):
        try:
            socks.append(connect(host, port))
        except OSError as error:
            print(f"        connection {len(socks) + 1} failed: {error}")
            break
    peak = settled_fds(args.pid)
    refused = 0
    with selectors.DefaultSelector() as selector:  # epoll: more sockets than select() takes
        for s in socks:
            selector.register(s, selectors.EVENT_READ)
        for key, _ in selector.select(timeout=1.0):
            try:
                if key.fileobj.recv(4096).startswith(b"HTTP/1.1 503"):
                    refused += 1
            except OSError:
                pass
    check(refused >= total - args.max_connections - 5, f"{refused} of {total} refused with 503 (cap {args.max_connections})")
    check(peak <= base + args.max_connections + 50, f"server descriptors {peak} with {len(socks)} connections (were {base})")
    time.sleep(args.header_timeout + 1.5)
    for s in socks:
        s.close()
    status, seconds = healthz(host, port)
    check(status == 200, f"/healthz answers {status} in {seconds * 1000:.0f} ms after the header timeout")


def parse(args, host, port):
    print("parse: a 100 KB query string")
    query = "x=" + "a" * 100_000
    status, head, body = request(host, port, f"GET /healthz?{query} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    check(status == 431 and "application/problem+json" in head and b"headers-too-large" in body,
          f"answered {status} {body[:80]!r}")


def stalled_body(args, host, port):
    print(f"body: a body that stalls (idle timeout {args.idle_timeout} s)")
    s = connect(host, port)
    s.sendall(f"POST /v1/traffic HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {args.token}\r\n"
              "Content-Type: text/csv\r\nContent-Length: 1000\r\n\r\ntimestamp,".encode())
    started = time.monotonic()
    closed = closed_by_server(s, args.idle_timeout + 5)
    elapsed = time.monotonic() - started
    s.close()
    check(closed and elapsed < args.idle_timeout + 1.5, f"closed by the server after {elapsed:.1f} s")


def declared_length(args, host, port):
    print("length: Content-Length above the limit, no body sent")
    started = time.monotonic()
    status, _, body = request(host, port, (f"POST /v1/traffic HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {args.token}\r\n"
                                           f"Content-Type: text/csv\r\nContent-Length: {64 << 20}\r\n\r\n").encode(), timeout=3)
    check(status == 413, f"answered {status} in {(time.monotonic() - started) * 1000:.0f} ms without the body")


def memory(args, host, port):
    rows = []
    size = 0
    base = 1_700_000_000
    i = 0
    header = "timestamp,model,region,metric,value\n"
    target = args.post_mib * 1_048_576 - len(header) - 64
    while size < target:
        row = f"{base + i * 300},mem-model,us-east-1,requests,{i % 997}\n"
        rows.append(row)
        size += len(row)
        i += 1
    body = (header + "".join(rows)).encode()
    print(f"memory: {args.parallel_posts} parallel POSTs of {len(body) / 1_048_576:.1f} MiB ({i} rows each)")
    rss_before = status_of(args.pid, "VmRSS")
    statuses = {}
    lock = threading.Lock()
    start = threading.Barrier(args.parallel_posts)

    def post():
        start.wait()
        head = (f"POST /v1/traffic HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {args.token}\r\n"
                f"Content-Type: text/csv\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
        result = "error"
        try:
            with connect(host, port, timeout=600) as s:
                s.sendall(head)
                try:
                    s.sendall(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                data = b""
                try:
                    while b"\r\n" not in data:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                except (ConnectionResetError, socket.timeout):
                    pass
                result = data.split(b" ")[1].decode() if data.startswith(b"HTTP/1.1 ") else "reset"
        except OSError as error:
            result = type(error).__name__
        with lock:
            statuses[result] = statuses.get(result, 0) + 1

    threads = [threading.Thread(target=post) for _ in range(args.parallel_posts)]
    started = time.monotonic()
    for t in threads:
        t.start()
    peak = 0
    while any(t.is_alive() for t in threads):
        peak = max(peak, status_of(args.pid, "VmRSS"))
        time.sleep(0.05)
    for t in threads:
        t.join()
    hwm = status_of(args.pid, "VmHWM")
    print(f"        answers: {dict(sorted(statuses.items()))} in {time.monotonic() - started:.1f} s")
    print(f"        server RSS: {rss_before / 2**20:.0f} MiB before, peak {max(peak, hwm) / 2**20:.0f} MiB (VmHWM)")
    check(max(peak, hwm) < 1 << 30, f"peak RSS {max(peak, hwm) / 2**20:.0f} MiB is under 1 GiB")
    check(statuses.get("201", 0) >= 1, f"{statuses.get('201', 0)} stored, the rest refused (503) or cut off")
    check(not any(k.startswith("5") and k not in ("503",) for k in statuses), "no other 5xx")


def flood(args, host, port):
    print(f"flood: {args.flood} idle connections at once")
    base = fds(args.pid)
    socks = []
    started = time.monotonic()
    for _ in range(args.flood):
        try:
            socks.append(connect(host, port, timeout=2))
        except OSError:
            break
    print(f"        {len(socks)} connected in {time.monotonic() - started:.1f} s; server descriptors {base} -> {fds(args.pid)}")
    status, seconds = healthz(host, port, timeout=5)
    print(f"        /healthz with them open: {status} after {seconds:.2f} s")
    waited = 0.0
    while status != 200 and waited < args.header_timeout + 10:
        time.sleep(1)
        waited += 1
        status, seconds = healthz(host, port, timeout=2)
    print(f"        /healthz answered {status} after {waited:.0f} s more; server descriptors {fds(args.pid)}")
    for s in socks:
        s.close()
    check(status == 200, "the service recovered while the flood's connections were still open")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--header-timeout", type=float, default=2)
    parser.add_argument("--idle-timeout", type=float, default=2)
    parser.add_argument("--max-connections", type=int, default=1000)
    parser.add_argument("--idle", type=int, default=600)
    parser.add_argument("--slow", type=int, default=50)
    parser.add_argument("--parallel-posts", type=int, default=100)
    parser.add_argument("--post-mib", type=int, default=16)
    parser.add_argument("--flood", type=int, default=0)
    parser.add_argument("--only", default="idle,cap,parse,body,length,memory")
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.url)
    host, port = url.hostname, url.port
    steps = {"idle": idle, "cap": cap, "parse": parse, "body": stalled_body, "length": declared_length, "memory": memory}
    if args.flood:
        flood(args, host, port)
    else:
        for name in args.only.split(","):
            steps[name](args, host, port)
    print(f"hardening-check: {len(failures)} failed")
    sys.exit(1 if failures and not args.report_only else 0)


if __name__ == "__main__":
    main()
