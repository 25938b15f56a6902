#!/bin/bash
# usage: curl-p95.sh TOKEN URL N -> p50 p95 max in ms over N requests (after 5 warm-ups), and the answer's size
TOKEN=$1; URL=$2; N=${3:-100}
for i in 1 2 3 4 5; do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"; done
for i in $(seq 1 $N); do
  curl -s -o /dev/null -w "%{time_total} %{http_code} %{size_download}\n" -H "Authorization: Bearer $TOKEN" "$URL"
done | awk '{ if ($2 != 200) bad++; t[NR]=$1*1000; size=$3 } END { n=asort(t); printf "n=%d non200=%d p50=%.1fms p95=%.1fms max=%.1fms bytes=%d\n", n, bad, t[int(n*0.5)], t[int(n*0.95)], t[n], size }'
