#!/usr/bin/env python3
"""Red-team load of issue #22 items 1-4 against a running scaleplan: PNG floods at the largest size,
SVG plots of a 50,000-run project, slow concurrent CSV exports (checked whole), bootstrap-0 reads;
health and readiness latency sampled every 100 ms throughout, and the process checked alive at the end.

Usage: BASE=localhost:8080 KEY=<admin key> scripts/redteam-plots-load.py
Run the jar with e.g. -Xmx1g -XX:+ExitOnOutOfMemoryError to check that no request makes it exit."""
import json, os, random, socket, statistics, threading, time

HOST, PORT = os.environ.get("BASE", "localhost:8080").split(":")
PORT = int(PORT)
KEY = os.environ["KEY"]
PROJECT = "redteam-load-%d" % int(time.time())
RUNS = int(os.environ.get("RUNS", "50000"))


def request(method, path, body=None, content_type="application/json", accept=None, timeout=300, rate=None):
    """One request over a fresh connection; returns (status, headers, body bytes, whole) where whole is
    False when a chunked body ended without its final chunk. rate: bytes per second to read at."""
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    head = "%s %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nConnection: close\r\n" % (method, path, KEY)
    if accept:
        head += "Accept: %s\r\n" % accept
    data = body.encode() if isinstance(body, str) else body
    if data is not None:
        head += "Content-Type: %s\r\nContent-Length: %d\r\n" % (content_type, len(data))
    s.sendall(head.encode() + b"\r\n" + (data or b""))
    raw = b""
    started = time.time()
    try:
        while True:
            chunk = s.recv(16384)
            if not chunk:
                break
            raw += chunk
            if rate:
                ahead = len(raw) / rate - (time.time() - started)
                if ahead > 0:
                    time.sleep(ahead)
    except OSError:
        pass
    s.close()
    header, _, rest = raw.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1]) if lines and lines[0] else 0
    headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
    whole = True
    if headers.get("transfer-encoding") == "chunked":
        out, pos, whole = b"", 0, False
        while True:
            end = rest.find(b"\r\n", pos)
            if end < 0:
                break
            size = int(rest[pos:end].split(b";")[0] or b"0", 16)
            if size == 0:
                whole = True
                break
            out += rest[end + 2:end + 2 + size]
            pos = end + 4 + size
        rest = out
    return status, headers, rest, whole


class Probe(threading.Thread):
    """Samples health and readiness every 100 ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples, self.failures, self.running = [], 0, True

    def run(self):
        while self.running:
            for path in ("/actuator/health", "/actuator/health/readiness"):
                started = time.time()
                try:
                    status = request("GET", path, timeout=30)[0]
                except OSError:
                    status = 0
                self.samples.append((time.time() - started) * 1000)
                self.failures += status != 200
            time.sleep(0.1)

    def report(self, name):
        xs = sorted(self.samples)
        if xs:
            print("  health+readiness during %s: n=%d p50=%.0f ms p99=%.0f ms max=%.0f ms, non-200: %d" % (
                name, len(xs), statistics.median(xs), xs[int(0.99 * (len(xs) - 1))], xs[-1], self.failures))


def attack(name, count, work):
    probe = Probe()
    probe.start()
    results = [None] * count
    def run(i):
        try:
            results[i] = work(i)
        except Exception as e:  # noqa: BLE001 - a load script reports every failure
            results[i] = ("error", str(e))
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    probe.running = False
    probe.join()
    print("%s: %d requests in %.1f s" % (name, count, time.time() - started))
    probe.report(name)
    return results


def tally(results):
    counts = {}
    for r in results:
        counts[r[0]] = counts.get(r[0], 0) + 1
    return counts


def main():
    p = "/api/v1/projects/" + PROJECT
    assert request("POST", "/api/v1/projects", json.dumps({"id": PROJECT, "name": "Red team load"}))[0] == 201
    rnd = random.Random(1)
    def loss(n, d):
        return (1.8172 + 482.01 / n ** 0.3478 + 2085.43 / d ** 0.3658) * (1 + 0.01 * rnd.gauss(0, 1))
    grid = ["parameters,tokens,loss"]
    n = 7e7
    while n <= 5e9:
        for ratio in (5, 20, 80):
            grid.append("%e,%e,%f" % (n, n * ratio, loss(n, n * ratio)))
        n *= 2
    assert request("POST", p + "/runs", "\n".join(grid) + "\n", "text/csv")[0] == 201
    status, _, body, _ = request("POST", p + "/fits", json.dumps({"form": "chinchilla", "bootstrap": 0}))
    assert status == 201, body
    fit = json.loads(body)["id"]
    sweep = ["parameters,tokens,loss"]
    for _ in range(RUNS):
        n = 7e7 * 70 ** rnd.random()
        d = n * 5 * 16 ** rnd.random()
        sweep.append("%e,%e,%f" % (n, d, loss(n, d)))
    assert request("POST", p + "/runs", "\n".join(sweep) + "\n", "text/csv")[0] == 201
    total = len(grid) - 1 + RUNS
    print("project %s: %d runs, chinchilla fit %d with bootstrap 0" % (PROJECT, total, fit))

    png = attack("60 concurrent PNG isoflop 3000x2000", 60, lambda i: request(
        "GET", p + "/fits/%d/plots/isoflop?width=3000&height=2000" % fit, accept="image/png")[:1])
    print("  statuses:", tally(png))

    kinds = ["loss-vs-compute", "isoflop", "residuals"]
    def svg(i):
        status, _, body, _ = request("GET", p + "/fits/%d/plots/%s" % (fit, kinds[i % 3]))
        return status, len(body)
    svgs = attack("48 concurrent SVG plots of %d runs" % total, 48, svg)
    print("  statuses:", tally(svgs), "largest 200 body: %.2f MB" % (max([r[1] for r in svgs if r[0] == 200] or [0]) / 1e6))

    def export(i):
        status, headers, body, whole = request("GET", p + "/runs/export", rate=400_000, timeout=600)
        return status, whole, body.count(b"\n")
    exports = attack("20 concurrent CSV exports read at 400 KB/s", 20, export)
    print("  statuses:", tally(exports), "whole with every row: %d of %d" % (
        sum(1 for r in exports if r[0] == 200 and r[1] and r[2] == total + 1), len(exports)))

    reads = attack("30 bootstrap-0 reads (agreement, plan, loss-vs-compute)", 30, lambda i: request(
        *[("GET", p + "/agreement"), ("POST", p + "/plans", json.dumps(
            {"objective": "compute-optimal", "fitId": fit, "budget": {"flops": 1e22}})),
          ("GET", p + "/fits/%d/plots/loss-vs-compute" % fit)][i % 3])[:1])
    print("  statuses:", tally(reads), "(agreement is 404 without an isoflop fit)")

    print("alive at the end:", request("GET", "/actuator/health")[0] == 200)


if __name__ == "__main__":
    main()
