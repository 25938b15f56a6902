#!/usr/bin/env python3
"""Citizen home page driver (GET /inclusive), see README.md: signs in as `users` random bench citizens (form login,
one session each), 5 warm-up requests per session, then `requests` requests spread over the sessions from `clients`
threads; reports p50, p95, p99 and max in ms and the share of answers that were not 200."""
import http.client, random, re, sys, threading, time, urllib.parse

args = dict(a.split("=", 1) for a in sys.argv[1:])
BASE = urllib.parse.urlparse(args.get("url", "http://127.0.0.1:18084"))
CITIZENS = int(args.get("citizens", "10000"))
USERS = int(args.get("users", "50"))
REQUESTS = int(args.get("requests", "1000"))
CLIENTS = int(args.get("clients", "4"))
PASSWORD = args.get("password", "bench-admin-password")
PATH = args.get("path", "/inclusive")

def sign_in(username):
    conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=60)
    conn.request("GET", "/login"); r = conn.getresponse(); page = r.read().decode()
    cookie = r.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": username, "password": PASSWORD, "_csrf": csrf})
    conn.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    r = conn.getresponse(); r.read()
    new = r.getheader("Set-Cookie")
    if new: cookie = new.split(";")[0]
    conn.close()
    return cookie

random.seed(7)
users = [f"home-c-{random.randint(1, CITIZENS)}" for _ in range(USERS)]
cookies = [sign_in(u) for u in users]
def get(conn, cookie):
    t0 = time.perf_counter(); conn.request("GET", PATH, headers={"Cookie": cookie}); r = conn.getresponse(); r.read()
    return (time.perf_counter() - t0) * 1000, r.status
conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=60)
bad_warm = sum(1 for c in cookies for _ in range(5) if get(conn, c)[1] != 200)
conn.close()
lock, lat, bad = threading.Lock(), [], [0]
todo = [cookies[i % len(cookies)] for i in range(REQUESTS)]
random.shuffle(todo)
def client():
    c = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=60)
    while True:
        with lock:
            if not todo: break
            cookie = todo.pop()
        ms, status = get(c, cookie)
        with lock:
            lat.append(ms)
            if status != 200: bad[0] += 1
threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
t0 = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
secs = time.perf_counter() - t0
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
print(f"{PATH}: {len(lat)} requests from {CLIENTS} clients over {USERS} citizens in {secs:.1f} s ({len(lat) / secs:.0f}/s): "
      f"p50 {q(.5):.1f} ms, p95 {q(.95):.1f} ms, p99 {q(.99):.1f} ms, max {lat[-1]:.1f} ms; not 200: {bad[0]} (warm-up {bad_warm})")
sys.exit(0 if bad[0] == 0 and bad_warm == 0 else 1)
