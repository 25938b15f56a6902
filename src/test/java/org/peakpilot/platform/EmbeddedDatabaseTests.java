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

/** The embedded default keeps its data across restarts, with durable writes switched on. */
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
