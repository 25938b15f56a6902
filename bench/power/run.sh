#!/bin/sh
# Benchmark of the hourly grid intensity (issue 15): a year of 11 counties (8,760 h × 11 × 2 bases) recomputed,
# beside the physical limit (COPY of the same rows). Runs the JUnit benchmark PowerIntensityBenchmarkTests on the
# embedded PostgreSQL (schema pp_power_bench, dropped and recreated). From the project root: sh bench/power/run.sh
set -e
cd "$(dirname "$0")/../.."
./mvnw -B -q test-compile surefire:test@default-test -Dtest=PowerIntensityBenchmarkTests -Dpeakpilot.bench=true \
    -Dsurefire.failIfNoSpecifiedTests=false
grep -h "BENCH power\|Recomputed hourly intensity of 12" target/surefire-reports/org.peakpilot.PowerIntensityBenchmarkTests-output.txt
