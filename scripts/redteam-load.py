#!/usr/bin/env python3
"""Red-team load against a running scaleplan (issue #14): keyless slow uploads, a 60 MB hostile CSV,
and the health latency meanwhile. Usage: BASE=localhost:8080 KEY=... scripts/redteam-load.py"""
import os, socket, threading, time

HOST, PORT = os.environ.get("BASE", "localhost:8080").split(":")
PORT = int(PORT)
KEY = os.environ["KEY"]
SLOW = int(os.environ.get("SLOW", "230"))


def health_ms():
    started = time.time()
    s = socket.create_connection((HOST, PORT), timeout=120)
    s.sendall(b"GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return (time.time() - started) * 1000, data.split(b" ")[1].decode()


def slow_keyless(results, i):
    try:
        s = socket.create_connection((HOST, PORT), timeout=10)
        s.sendall(b"POST /api/v1/projects/p/runs HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                  b"Content-Length: 2000000\r\n\r\n")
        status = s.recv(12).split(b" ")[1].decode()
        closed_after = None
        started = time.time()
        for _ in range(20):  # one byte every 2 s, as the red team did, until the server closes
            try:
                s.sendall(b"x")
                s.settimeout(2)
                if s.recv(65536) == b"":
                    closed_after = time.time() - started
                    break
            except socket.timeout:
                continue
            except OSError:
                closed_after = time.time() - started
                break
        results[i] = (status, closed_after)
        s.close()
    except OSError as e:
        results[i] = ("error " + str(e), None)


def hostile_csv():
    header = b"parameters,tokens,loss" + b"".join(b",tag.t%d" % i for i in range(10_000)) + b"\n"
    row = b"1e8,2e9,2.5" + b",v" * 10_000 + b"\n"
    length = len(header) + len(row) * 3000
    s = socket.create_connection((HOST, PORT), timeout=120)
    s.sendall(b"POST /api/v1/projects/p/runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY.encode()
              + b"\r\nContent-Type: text/csv\r\nContent-Length: %d\r\n\r\n" % length)
    started = time.time()
    def send():
        try:
            s.sendall(header)
            for _ in range(3000):
                s.sendall(row)
        except OSError:
            pass
    threading.Thread(target=send, daemon=True).start()
    status = s.recv(12).split(b" ")[1].decode()
    elapsed = (time.time() - started) * 1000
    s.close()
    return status, elapsed, length


results = [None] * SLOW
threads = [threading.Thread(target=slow_keyless, args=(results, i)) for i in range(SLOW)]
for t in threads:
    t.start()
time.sleep(3)
latencies = [health_ms() for _ in range(10)]
for t in threads:
    t.join()
closed = [r[1] for r in results if r and r[1] is not None]
print(f"{SLOW} keyless slow uploads: statuses {sorted(set(r[0] for r in results if r))}, "
      f"{len(closed)} closed by the server, slowest close after {max(closed) if closed else float('nan'):.2f} s")
print(f"health during them: max {max(l for l, _ in latencies):.0f} ms, statuses {sorted(set(s for _, s in latencies))}")
status, elapsed, length = hostile_csv()
after = health_ms()
print(f"hostile CSV ({length / 1e6:.1f} MB, 10,000 tag columns): {status} after {elapsed:.0f} ms; "
      f"health right after: {after[1]} in {after[0]:.0f} ms")
