package org.peakpilot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's Java threads by group (thread CPU time, user + system), so that a step's cost shows per part:
 * the server's HTTP threads, its MQTT subscribers, the driver's clients. Threads that ended during a step are not
 * counted; the JVM's own threads (JIT compilers, GC) are not Java threads and not seen here.
 */
final class ThreadCpu {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** CPU of the driver's client threads that ended: each adds its own as its task ends (a pool lives for one step). */
	private static final java.util.concurrent.atomic.AtomicLong ENDED_CLIENTS = new java.util.concurrent.atomic.AtomicLong();

	private ThreadCpu() {
	}

	/** Thread names of the groups, by prefix; the rest is "other". */
	static String group(String name) {
		if (name.startsWith("http-nio-")) {
			return "server HTTP (Tomcat)";
		}
		if (name.startsWith("mqtt-ingest")) {
			return "server MQTT subscribers";
		}
		if (name.startsWith("com.hivemq.client")) {
			return "MQTT clients (server's and driver's)";
		}
		if (name.startsWith("bench-http-client-") || name.startsWith("HttpClient-")) {
			return "driver HTTP clients";
		}
		return "other";
	}

	/** CPU nanoseconds per thread ID, with the group in the key. */
	static Map<String, Long> byGroup() {
		Map<String, Long> cpu = new TreeMap<>();
		cpu.put("driver HTTP clients\u0000ended", ENDED_CLIENTS.get());
		cpu.put("= this JVM in all (JIT, GC, driver included)\u0000process",
				((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
		cpu.put("= PostgreSQL (all its processes on this machine)\u0000processes", postgresNanos());
		jvmInternal(cpu);
		for (long id : THREADS.getAllThreadIds()) {
			ThreadInfo info = THREADS.getThreadInfo(id);
			long nanos = THREADS.getThreadCpuTime(id);
			if (info != null && nanos >= 0 && !info.getThreadName().startsWith("bench-http-client-")) {
				cpu.put(group(info.getThreadName()) + "\u0000" + id, nanos);
			}
		}
		return cpu;
	}

	/**
	 * The JVM's own threads, which are not Java threads, from /proc/self/task (Linux): garbage collection (G1's
	 * {@code GC Thread#n}, {@code G1 …}) and the JIT compilers ({@code C1/C2 CompilerThread}).
	 */
	static void jvmInternal(Map<String, Long> cpu) {
		java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
		if (tasks == null) {
			return;
		}
		for (java.io.File t : tasks) {
			try {
				String stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
				int close = stat.lastIndexOf(')');
				String name = stat.substring(stat.indexOf('(') + 1, close);
				String group = name.startsWith("GC Thread") || name.startsWith("G1 ") ? "JVM garbage collection"
						: name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT : null;
				if (group != null) {
					String[] fields = stat.substring(close + 2).split(" ");
					cpu.put(group + "\u0000task" + t.getName(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
				}
			}
			catch (java.io.IOException | RuntimeException ended) {
				// the thread ended meanwhile
			}
		}
	}

	/**
	 * CPU of the machine's PostgreSQL processes (utime + stime of every process named {@code postgres} in /proc, in
	 * clock ticks of 10 ms): the server's share of a step when it runs on this machine; 0 where /proc is missing.
	 */
	static long postgresNanos() {
		long ticks = 0;
		java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
		if (processes == null) {
			return 0;
		}
		for (java.io.File p : processes) {
			try {
				String stat = java.nio.file.Files.readString(p.toPath().resolve("stat"));
				int close = stat.lastIndexOf(')');
				if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
					continue;
				}
				String[] fields = stat.substring(close + 2).split(" ");
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
			}
			catch (java.io.IOException | RuntimeException ended) {
				// the process ended meanwhile, or is not readable
			}
		}
		return ticks * 10_000_000L + ENDED_BACKENDS.get();
	}

	/** CPU of PostgreSQL backends that a step opened and closed (each added by {@link #backendEnding} before its close). */
	private static final java.util.concurrent.atomic.AtomicLong ENDED_BACKENDS = new java.util.concurrent.atomic.AtomicLong();

	/** Counts the CPU of the backend of {@code pid} (from {@code pg_backend_pid()}), about to be closed. */
	static void backendEnding(int pid) {
		try {
			String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Integer.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			ENDED_BACKENDS.addAndGet((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L);
		}
		catch (java.io.IOException | RuntimeException notHere) {
			// the server is not on this machine
		}
	}

	/** The CPU seconds per million readings each group used since {@code before}. */
	static String since(Map<String, Long> before, long readings) {
		Map<String, Double> seconds = new TreeMap<>();
		byGroup().forEach((key, nanos) -> seconds.merge(key.substring(0, key.indexOf('\u0000')),
				(nanos - before.getOrDefault(key, 0L)) / 1e9 * 1e6 / readings, Double::sum));
		return seconds.entrySet().stream().map(e -> e.getKey() + " %.2f".formatted(e.getValue())).collect(Collectors.joining(", "));
	}

	/** The CPU seconds per million readings of one group since {@code before}. */
	static double groupSince(Map<String, Long> before, long readings, String group) {
		double seconds = 0;
		for (Map.Entry<String, Long> e : byGroup().entrySet()) {
			if (e.getKey().startsWith(group + "\u0000")) {
				seconds += (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e9 * 1e6 / readings;
			}
		}
		return seconds;
	}

	static final String JIT = "JVM JIT compilers";

	/** A factory of client threads that add their CPU time to the group's as they end. */
	static ThreadFactory named(String prefix) {
		AtomicInteger n = new AtomicInteger();
		return task -> new Thread(() -> {
			try {
				task.run();
			}
			finally {
				ENDED_CLIENTS.addAndGet(THREADS.getCurrentThreadCpuTime());
			}
		}, prefix + n.incrementAndGet());
	}
}
