package org.peakpilot.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps its data across restarts, with durable writes switched on, and starts again after a
 * run that was killed with {@code kill -9} left its PostgreSQL running ({@link StalePostmaster}).
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path dir;

	@Test
	void keepsDataAcrossARestartWithFsyncOn() throws Exception {
		EmbeddedDatabase config = new EmbeddedDatabase();
		EmbeddedDatabase.Settings settings = new EmbeddedDatabase.Settings(dir, 0);
		try (EmbeddedPostgres pg = config.embeddedPostgres(settings);
				HikariDataSource ds = (HikariDataSource) config.dataSource(pg)) {
			execute(ds, "CREATE TABLE kept (v TEXT)", "INSERT INTO kept VALUES ('乐山')");
			assertThat(query(ds, "SHOW fsync")).isEqualTo("on");
			assertThat(query(ds, "SHOW synchronous_commit")).isEqualTo("on");
		}
		try (EmbeddedPostgres pg = config.embeddedPostgres(settings);
				HikariDataSource ds = (HikariDataSource) config.dataSource(pg)) {
			assertThat(query(ds, "SELECT v FROM kept")).isEqualTo("乐山");
		}
		assertThat(dir.resolve("postgres/PG_VERSION")).exists();
	}

	@Test
	void startsAgainAfterAKilledRunLeftItsPostgresRunning() throws Exception {
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), KilledRun.class.getName(), dir.toString())
			.redirectErrorStream(true).start();
		long postmaster;
		try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
			String line;
			do {
				line = out.readLine();
			}
			while (line != null && !line.equals("READY"));
			assertThat(line).as("the child started its embedded PostgreSQL").isEqualTo("READY");
			child.destroyForcibly(); // kill -9: no shutdown hook runs
			assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			postmaster = Long.parseLong(java.nio.file.Files.readAllLines(dir.resolve("postgres/postmaster.pid")).get(0).strip());
			assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("the killed run's PostgreSQL is still running")
				.isPresent();
		}
		finally {
			child.destroyForcibly();
		}
		EmbeddedDatabase config = new EmbeddedDatabase();
		try (EmbeddedPostgres pg = config.embeddedPostgres(new EmbeddedDatabase.Settings(dir, 0));
				HikariDataSource ds = (HikariDataSource) config.dataSource(pg)) {
			assertThat(query(ds, "SELECT v FROM kept")).isEqualTo("killed");
			// stopped (an orphan may linger as a zombie until whoever adopted it reaps it)
			assertThat(ProcessHandle.of(postmaster).filter(p -> p.isAlive() && !StalePostmaster.zombie(p.pid()))).as("the orphan was stopped")
				.isEmpty();
		}
		assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
	}

	@Test
	void aPidFileWhoseProcessIsGoneIsRemoved() throws Exception {
		java.nio.file.Files.createDirectories(dir.resolve("postgres"));
		long gone = new ProcessBuilder("true").start().onExit().get().pid();
		java.nio.file.Files.writeString(dir.resolve("postgres/postmaster.pid"), gone + "\n" + dir.resolve("postgres") + "\n");
		assertThat(StalePostmaster.recover(dir.resolve("postgres"))).isTrue();
		assertThat(dir.resolve("postgres/postmaster.pid")).doesNotExist();
		assertThat(StalePostmaster.recover(dir.resolve("postgres"))).as("nothing left to recover").isFalse();
	}

	/** The run that is killed: starts the embedded database on the folder given, writes a row, says READY and waits. */
	static final class KilledRun {
		public static void main(String[] args) throws Exception {
			EmbeddedDatabase config = new EmbeddedDatabase();
			EmbeddedPostgres pg = config.embeddedPostgres(new EmbeddedDatabase.Settings(Path.of(args[0]), 0));
			execute(config.dataSource(pg), "CREATE TABLE kept (v TEXT)", "INSERT INTO kept VALUES ('killed')");
			System.out.println("READY");
			System.out.flush();
			Thread.sleep(120_000);
		}
	}

	private static void execute(DataSource ds, String... sql) throws Exception {
		try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
			for (String q : sql) {
				s.execute(q);
			}
		}
	}

	private static String query(DataSource ds, String sql) throws Exception {
		try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}
}
