#!/usr/bin/env python3
# Signs in as each given user and walks the pages it can reach (same-origin links, breadth first), counting
# answers by class and listing 5xx and failed requests. Used against a demo run:
#   PEAKPILOT_DEMO=true PEAKPILOT_SIMULATOR=true PEAKPILOT_DEMO_PASSWORD=demo-password-1 PEAKPILOT_ADMIN_PASSWORD=admin-password-1 java -jar target/peakpilot-*.jar
#   python3 bench/page-crawl/crawl.py http://127.0.0.1:8080 admin,demo-city,demo-steel "admin=admin-password-1,*=demo-password-1" 600
import re, sys, urllib.request, urllib.parse, http.cookiejar, collections
BASE = sys.argv[1]; users = sys.argv[2].split(','); pw = dict(p.split('=') for p in sys.argv[3].split(',')); LIMIT = int(sys.argv[4])
total = collections.Counter(); bad = []
for u in users:
    cj = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cj))
    class NoErr(urllib.request.HTTPErrorProcessor):
        def http_response(self, req, resp): return resp
    op.add_handler(NoErr())
    html = op.open(BASE + '/login').read().decode()
    csrf = re.search(r'name="_csrf"[^>]*value="([^"]+)"', html) or re.search(r'value="([^"]+)"[^>]*name="_csrf"', html)
    data = urllib.parse.urlencode({'username': u, 'password': pw.get(u, pw.get('*')), '_csrf': csrf.group(1)}).encode()
    r = op.open(BASE + '/login', data); landing = r.geturl()
    seen = set(); queue = collections.deque(['/']); n = 0
    while queue and n < LIMIT:
        path = queue.popleft()
        if path in seen: continue
        seen.add(path); n += 1
        try:
            r = op.open(BASE + path); code = r.status; body = r.read().decode('utf-8', 'replace') if 'html' in (r.headers.get('Content-Type') or '') else ''
        except Exception as e:
            code = 'EXC'; body = ''
        total[(u, str(code)[0])] += 1
        if code == 'EXC' or (isinstance(code, int) and code >= 500): bad.append((u, path, code))
        for href in re.findall(r'href="([^"#]+)', body):
            href = href.replace('&amp;', '&')
            if href.startswith(BASE): href = href[len(BASE):]
            if not href.startswith('/') or href.startswith('//'): continue
            if any(x in href for x in ('/logout', '/webjars', '/css', '/js/', 'lang=', '.xlsx', '/v3/api-docs', 'swagger')): continue
            if href not in seen: queue.append(href)
    print(u, 'landed on', landing.replace(BASE, ''), 'pages', n, dict((k[1], v) for k, v in total.items() if k[0] == u))
print('5xx/exceptions:', len(bad)); [print(b) for b in bad[:20]]
