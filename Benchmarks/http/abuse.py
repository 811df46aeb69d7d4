#!/usr/bin/env python3
"""HTTP abuse against a running `gongkai serve` (issue 6).

Malformed requests over raw sockets (garbage request line, bad HTTP version, oversized
headers and URLs, invalid UTF-8, binary noise), slow clients (slowloris: one byte a second),
thousands of idle connections, and `wrk -c 2000`. After every phase the server must still
answer /healthz within a second; client errors must be answered 4xx (or the connection
closed without a 5xx); resident memory (VmRSS of the server's PID) must stay bounded.

    python3 Benchmarks/http/abuse.py --port 8080 --pid PID [--slow 200] [--slow-seconds 30]

Exit status 0 when every check held, 1 otherwise. Prints one summary line per phase.
"""
import argparse
import os
import random
import socket
import subprocess
import sys
import threading
import time

ARGS = None
FAILURES = []
SENT = 0


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def raw(payload, timeout=5.0, read=True):
    """Sends bytes, returns (status or None, first bytes of the answer)."""
    global SENT
    SENT += 1
    s = socket.create_connection((ARGS.host, ARGS.port), timeout=timeout)
    try:
        s.sendall(payload)
        if not read:
            return None, b""
        data = b""
        try:
            while b"\r\n" not in data and len(data) < 65536:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (socket.timeout, ConnectionResetError):
            pass
        status = None
        if data.startswith(b"HTTP/1."):
            try:
                status = int(data.split(b" ", 2)[1])
            except (IndexError, ValueError):
                pass
        return status, data[:200]
    except (BrokenPipeError, ConnectionResetError):
        return None, b"(reset while sending)"
    finally:
        s.close()


def healthy(what):
    t = time.time()
    try:
        status, data = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout=5)
    except OSError as e:
        status, data = None, str(e).encode()
    took = time.time() - t
    alive = os.path.exists(f"/proc/{ARGS.pid}") if ARGS.pid else True
    if status != 200 or not alive or took > 1.0:
        FAILURES.append(f"{what}: server unhealthy afterwards (status {status}, {took:.2f} s, alive {alive})")
        return False
    return True


def expect_client_error(name, payload, allowed=range(400, 500), closed_ok=True):
    try:
        status, data = raw(payload)
    except OSError as e:
        status, data = None, str(e).encode()
    ok = (status in allowed) or (status is None and closed_ok)
    if not ok:
        FAILURES.append(f"{name}: answered {status} {data[:80]!r}")
    print(f"  {name:<42} -> {status if status is not None else 'closed'}{'' if ok else '  FAIL'}")
    return status


def phase(name, body, settle=0):
    before = rss_kb(ARGS.pid) if ARGS.pid else None
    t = time.time()
    body()
    time.sleep(settle)  # after a flood, the server may first drain what wrk left queued
    healthy(name)
    after = rss_kb(ARGS.pid) if ARGS.pid else None
    print(f"[{name}] {time.time() - t:.1f} s, RSS {before} -> {after} kB")
    return before, after


def malformed():
    q = b"/search?q=%E6%B0%B4%E7%A8%BB"
    cases = [
        ("garbage request line", b"GARBAGE\r\n\r\n"),
        ("no version", b"GET /\r\n\r\n"),
        ("bad HTTP version", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"),
        ("HTTP/0.9 style", b"GET /healthz\r\n"),
        ("unknown method", b"BREW / HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("POST with body", b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"),
        ("header without colon", b"GET / HTTP/1.1\r\nHost x\r\n\r\n"),
        ("NUL in request line", b"GET /se\x00arch HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("control chars in header", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: \x01\x02\x7f\r\n\r\n"),
        ("bad chunked body", b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n"),
        ("content-length lies", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"),
        ("header 20 KB", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n"),
        ("header 200 KB", b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"),
        ("2000 headers", b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(2000)) + b"\r\n"),
        ("URL 8 KB", b"GET /search?q=" + b"a" * 8000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("URL 1 MB", b"GET /search?q=" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("invalid UTF-8 in query", b"GET /search?q=%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("lone surrogate in query", b"GET /search?q=%ED%A0%80 HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("bad percent escape", b"GET /search?q=%G1%2 HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("query over 256 characters", b"GET /search?q=" + b"%E6%B0%B4" * 300 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("10,000 query words", b"GET /search?q=" + b"a+" * 1500 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("limit out of range", q + b"&limit=100000"),
        ("negative offset", q + b"&offset=-1"),
        ("unknown sort", q + b"&sort=random"),
        ("inverted range", b"/search?year=2020..2010"),
        ("huge number", b"/search?amount=" + b"9" * 200),
        ("amount of 19 nines (crashed the server)", b"/search?amount=9999999999999999999"),
        ("facet id_number", b"/search?facet=id_number"),
        ("40 filters", b"/search?" + b"&".join(b"f%d=v" % i for i in range(40))),
        ("bad filter field", b"/search?Bad%20Field=x"),
        ("record id invalid UTF-8", b"/records/%FF"),
        ("path traversal", b"/../../etc/passwd"),
        ("random binary 64 KB", bytes(random.Random(1).getrandbits(8) for _ in range(65536))),
    ]
    for name, payload in cases:
        if payload.startswith(b"/"):
            payload = b"GET " + payload + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        allowed = range(400, 500)
        if name == "path traversal":
            allowed = range(400, 500)
        expect_client_error(name, payload, allowed=allowed)
    # A well-formed request still works between the bad ones.
    status, _ = raw(b"GET " + q + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    if status != 200:
        FAILURES.append(f"a good search answered {status}")


def slowloris():
    n, seconds = ARGS.slow, ARGS.slow_seconds
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"a" * 4000 + b"\r\n\r\n"
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection((ARGS.host, ARGS.port), timeout=5)
            socks.append(s)
        except OSError as e:
            FAILURES.append(f"slowloris: could not open connection {len(socks)}: {e}")
            break
    stop = time.time() + seconds
    sent, closed_by_server, slow_answers = 0, 0, []
    i = 0
    while time.time() < stop and socks:
        for s in list(socks):
            try:
                s.send(request[i:i + 1])
                sent += 1
            except OSError:
                closed_by_server += 1
                socks.remove(s)
        i += 1
        # Meanwhile a normal client must be served promptly.
        t = time.time()
        status, _ = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        slow_answers.append(time.time() - t)
        if status != 200:
            FAILURES.append(f"slowloris: a normal request answered {status} while {len(socks)} slow clients were open")
            break
        time.sleep(max(0, 1.0 - (time.time() - t)))
    for s in socks:
        s.close()
    worst = max(slow_answers) if slow_answers else 0
    print(f"  slowloris: {n} clients, 1 byte/s each for {seconds} s ({sent} bytes); server closed {closed_by_server}; "
          f"normal request worst {worst * 1000:.0f} ms")
    if worst > 1.0:
        FAILURES.append(f"slowloris: a normal request took {worst:.2f} s")


def many_connections():
    n = ARGS.idle
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection((ARGS.host, ARGS.port), timeout=5))
        except OSError as e:
            print(f"  idle connections: stopped at {len(socks)}: {e}")
            break
    ok = healthy(f"{len(socks)} idle connections open")
    print(f"  {len(socks)} idle connections open, server healthy: {ok}")
    # Half of them send a real request now.
    answered = 0
    for s in socks[::2]:
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        except OSError:
            pass
    for s in socks[::2]:
        try:
            if s.recv(12).startswith(b"HTTP/1.1 200"):
                answered += 1
        except OSError:
            pass
    global SENT
    SENT += len(socks[::2])
    print(f"  then {answered} of {len(socks[::2])} answered 200")
    if answered < len(socks[::2]):
        FAILURES.append(f"idle connections: only {answered} of {len(socks[::2])} answered")
    for s in socks:
        s.close()


def wrk_flood():
    url = f"http://{ARGS.host}:{ARGS.port}/search?q=%E6%B0%B4%E7%A8%BB&limit=5"
    cmd = ["wrk", "-t2", f"-c{ARGS.wrk_connections}", f"-d{ARGS.wrk_seconds}s", "--timeout", "10s", url]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    print("  " + " | ".join(l.strip() for l in out.splitlines() if "requests in" in l or "Socket errors" in l or "Non-2xx" in l or "Requests/sec" in l))
    global SENT
    for line in out.splitlines():
        if "requests in" in line:
            SENT += int(line.split()[0])
    if "Non-2xx" in out:
        FAILURES.append("wrk: non-2xx answers under load")


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--pid", type=int, default=0, help="the server's PID, for VmRSS")
    p.add_argument("--slow", type=int, default=200, help="slowloris clients")
    p.add_argument("--slow-seconds", type=int, default=30)
    p.add_argument("--idle", type=int, default=3000, help="idle connections to open at once")
    p.add_argument("--wrk-connections", type=int, default=2000)
    p.add_argument("--wrk-seconds", type=int, default=15)
    p.add_argument("--rss-limit-mb", type=int, default=1024, help="the most RSS may grow over the run")
    ARGS = p.parse_args()
    if not healthy("start"):
        print("the server is not answering /healthz", file=sys.stderr)
        return 1
    start = rss_kb(ARGS.pid) if ARGS.pid else None
    phase("malformed requests", malformed)
    phase("slowloris", slowloris)
    phase("idle connections", many_connections)
    phase(f"wrk -c {ARGS.wrk_connections}", wrk_flood, settle=5)
    phase("malformed requests again", malformed)
    end = rss_kb(ARGS.pid) if ARGS.pid else None
    if start and end and end - start > ARGS.rss_limit_mb * 1024:
        FAILURES.append(f"RSS grew from {start} to {end} kB")
    print(f"abuse: {SENT} requests/connections sent, RSS {start} -> {end} kB, {len(FAILURES)} failures")
    for f in FAILURES:
        print("FAIL: " + f)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
