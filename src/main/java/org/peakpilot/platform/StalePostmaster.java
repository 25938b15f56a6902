package org.peakpilot.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a killed run of the embedded database leaves behind (docs/deploy.md "Embedded database"): the PostgreSQL
 * that {@link EmbeddedDatabase} starts is a child of the JVM, so a {@code kill -9} of the JVM leaves it running on
 * the data folder, an orphan whose {@code postmaster.pid} makes the next start fail ("lock file postmaster.pid
 * already exists"); a crash of the whole machine leaves the file with no process behind it. Before a start, a
 * postmaster of our data folder whose parent is gone (no parent or no live JVM as parent) is stopped the way
 * {@code pg_ctl stop -m fast} does (SIGINT: sessions ended, a shutdown checkpoint), and a pid file of a process that no
 * longer exists, or of one that is no postmaster of this folder, is removed. A postmaster whose parent is a live JVM
 * belongs to another run on the same folder and is left alone: that start then fails with its message.
 */
final class StalePostmaster {

	private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
	private static final Duration STOP_WAIT = Duration.ofSeconds(60);

	private StalePostmaster() {
	}

	/** Clears the way for a postmaster on this data folder; true when something stale was found and dealt with. */
	static boolean recover(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return false;
		}
		List<String> lines = Files.readAllLines(pidFile);
		long pid;
		try {
			pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
		}
		catch (NumberFormatException ex) {
			pid = -1;
		}
		Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
		if (process.isEmpty() || !process.get().isAlive() || !isPostmasterOf(process.get(), dataDirectory, lines)) {
			log.warn("Removing the stale {} (process {} is gone or is no postmaster of this folder): the embedded PostgreSQL "
					+ "was not shut down cleanly last time; it recovers from its WAL now", pidFile, pid);
			Files.deleteIfExists(pidFile);
			return true;
		}
		ProcessHandle postmaster = process.get();
		Optional<ProcessHandle> parent = postmaster.parent().filter(ProcessHandle::isAlive);
		if (parent.isPresent() && parent.get().pid() != 1 && isJvm(parent.get())) {
			log.warn("The embedded PostgreSQL's data folder {} is in use by process {} (started by process {}, still running): "
					+ "another run of PeakPilot on the same folder?", dataDirectory, pid, parent.get().pid());
			return false;
		}
		log.warn("Stopping the embedded PostgreSQL (process {}) left running on {} by a run that was killed", pid, dataDirectory);
		// SIGINT is PostgreSQL's fast shutdown (what pg_ctl stop -m fast sends; pg_ctl itself refuses to run as root);
		// without kill(1), SIGTERM (smart shutdown: waits for sessions, and the killed run's sessions are gone with it)
		if (!signal("INT", pid)) {
			postmaster.destroy();
		}
		// a postmaster that shut down removes its pid file; as an orphan it may stay a zombie until whoever adopted it
		// reaps it, so its exit is not awaited
		long until = System.nanoTime() + STOP_WAIT.toNanos();
		while (Files.exists(pidFile) && postmaster.isAlive() && !zombie(pid)) {
			if (System.nanoTime() > until) {
				throw new IllegalStateException("The embedded PostgreSQL left running on " + dataDirectory + " (process " + pid
						+ ") did not stop within " + STOP_WAIT.toSeconds() + " s; stop it and start again");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while stopping the stale embedded PostgreSQL", ex);
			}
		}
		Files.deleteIfExists(pidFile);
		return true;
	}

	/** Linux: the process has exited and waits to be reaped (state Z in /proc/<pid>/stat). */
	static boolean zombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			int end = stat.lastIndexOf(')');
			return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The process is a postgres whose pid file names this data folder (line 2 of postmaster.pid). */
	private static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory, List<String> lines) {
		boolean postgres = process.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres")).orElse(true);
		boolean ours = lines.size() < 2 || samePath(Path.of(lines.get(1).strip()), dataDirectory);
		return postgres && ours;
	}

	private static boolean samePath(Path a, Path b) {
		try {
			return Files.isSameFile(a, b);
		}
		catch (IOException ex) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}

	private static boolean isJvm(ProcessHandle process) {
		return process.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("java")).orElse(true);
	}

	private static boolean signal(String name, long pid) throws IOException {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while stopping the stale embedded PostgreSQL", ex);
		}
	}
}
