#!/usr/bin/env python3
"""Load driver of the partner trip API (POST /api/v1/inclusive/trips), see README.md.

Phase 1 posts every batch once from `clients` threads and reports credited trips/s and the latency of each request
(p50, p99, max); phase 2 resends every batch twice (shuffled, concurrently) and expects only DUPLICATE answers. The
caller (run-trips.sh) checks the database before and after phase 2: balances unchanged, each trip stored once.

Each citizen i has 48 slots over the 6 days before today (8 a day, 90 minutes apart, Beijing time), so that no trip
of the bench overlaps another or reaches a daily cap: every trip should be CREDITED. Modes cycle EBUS 6.4 km (172 g),
BIKE 3 km (815 g), WALK 1.5 km (407 g), BUS 9 stops (52 g)."""
import datetime, hashlib, hmac, http.client, json, random, sys, threading, time, urllib.parse

args = dict(a.split("=", 1) for a in sys.argv[1:])
BASE = urllib.parse.urlparse(args.get("url", "http://127.0.0.1:18083"))
PARTNERS = json.loads(args["partners"])          # [{"id": 1, "secret": "pps_…"}, …]
CITIZENS = int(args.get("citizens", "5000"))
TRIPS = int(args.get("trips", "100000"))
BATCH = int(args.get("batch", "100"))
CLIENTS = int(args.get("clients", "4"))
RUN = args.get("run", str(int(time.time())))
BJ = datetime.timezone(datetime.timedelta(hours=8))
today = datetime.datetime.now(BJ).replace(hour=0, minute=0, second=0, microsecond=0)
MODES = [("EBUS", "6.4", None, 25), ("BIKE", "3", None, 15), ("WALK", "1.5", None, 20), ("BUS", None, 9, 25)]

def link(pid, i):
    return "ppl_" + hashlib.md5(f"bench-link-{pid}-{i}".encode()).hexdigest() + hashlib.md5(f"bench-link2-{pid}-{i}".encode()).hexdigest()

def token(pid):
    return "ppt_" + hashlib.md5(f"bench-token-{pid}".encode()).hexdigest() + hashlib.md5(f"bench-token2-{pid}".encode()).hexdigest()

slots = TRIPS // CITIZENS + 1
if slots > 48:
    sys.exit(f"at most 48 trips per citizen: use citizens >= {TRIPS // 48 + 1}")
trips = []
for n in range(TRIPS):
    i, k = n % CITIZENS + 1, n // CITIZENS
    day, slot = 6 - k // 8, k % 8
    start = today - datetime.timedelta(days=day) + datetime.timedelta(hours=6, minutes=90 * slot)
    mode, km, stops, minutes = MODES[k % 4]
    p = PARTNERS[(i + k) % len(PARTNERS)]
    t = {"externalId": f"b{RUN}-{i}-{k}", "linkToken": link(p["id"], i), "mode": mode, "startAt": start.isoformat(),
         "endAt": (start + datetime.timedelta(minutes=minutes)).isoformat()}
    if km: t["distanceKm"] = float(km)
    if stops: t["stops"] = stops
    trips.append((p["id"], t))
random.seed(42)
random.shuffle(trips)
by_partner = {}
for pid, t in trips:
    by_partner.setdefault(pid, []).append(t)
secrets = {p["id"]: p["secret"] for p in PARTNERS}
batches = []
for pid, ts in by_partner.items():
    for j in range(0, len(ts), BATCH):
        body = json.dumps({"trips": ts[j:j + BATCH]}, separators=(",", ":")).encode()
        sig = "sha256=" + hmac.new(secrets[pid].encode(), body, hashlib.sha256).hexdigest()
        batches.append((pid, body, sig))
random.shuffle(batches)

def run(work):
    lock, latencies, counts, errors = threading.Lock(), [], {}, []
    queue = list(work)
    def client():
        conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=120)
        while True:
            with lock:
                if not queue: break
                pid, body, sig = queue.pop()
            t0 = time.perf_counter()
            conn.request("POST", "/api/v1/inclusive/trips", body, {"Content-Type": "application/json",
                         "Authorization": "Bearer " + token(pid), "X-PeakPilot-Signature": sig})
            r = conn.getresponse(); data = r.read()
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(ms)
                if r.status != 200:
                    errors.append((r.status, data[:300])); continue
                for a in json.loads(data)["trips"]:
                    key = a["status"] + ("/" + a["reason"] if a.get("reason") else "")
                    counts[key] = counts.get(key, 0) + 1
        conn.close()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    t0 = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    return time.perf_counter() - t0, sorted(latencies), counts, errors

def q(xs, p): return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")

# warm-up: 2 % of the batches, counted in phase 1's answers but not timed apart (they are part of the data)
print(f"{TRIPS} trips, {len(batches)} batches of <= {BATCH}, {len(PARTNERS)} partners, {CITIZENS} citizens, {CLIENTS} clients")
secs, lat, counts, errors = run(batches)
credited = counts.get("CREDITED", 0)
print(f"phase 1 (originals): {secs:.1f} s, credited {credited} = {credited / secs:.0f} trips/s; requests {len(lat)}: "
      f"p50 {q(lat, .5):.1f} ms, p99 {q(lat, .99):.1f} ms, max {lat[-1]:.1f} ms; answers {counts}; errors {len(errors)} {errors[:2]}")
secs2, lat2, counts2, errors2 = run(batches + batches)
print(f"phase 2 (every batch resent twice, concurrently): {secs2:.1f} s, {sum(counts2.values()) / secs2:.0f} trips/s; "
      f"p50 {q(lat2, .5):.1f} ms, p99 {q(lat2, .99):.1f} ms; answers {counts2}; errors {len(errors2)}")
ok = credited == TRIPS and not errors and not errors2 and set(counts2) == {"DUPLICATE"}
print("exactly once: " + ("yes" if ok else "NO"))
sys.exit(0 if ok else 1)
