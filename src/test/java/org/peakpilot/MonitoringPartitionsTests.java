package org.peakpilot;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.monitoring.internal.MonitoringPartitions;
import org.peakpilot.monitoring.internal.RollupJob;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The store partitioned by Beijing month (issue 16, migration V2026.12.16.30): the migration converts tables that
 * hold data in place (every row kept, in the partition of its Beijing month, keys and indexes on every partition);
 * ON CONFLICT works on the partitioned tables; a reading of a month without a partition lands in the default one
 * and the maintenance job moves it into the month's new partition; the retention detaches old months and keeps
 * them as tables. The clock stands in 2040 so that no month this test uses has a partition made by the migration
 * from the real date.
 */
@SpringBootTest(properties = { "peakpilot.test.schema=pp_partitions",
		"peakpilot.monitoring.retention.reading-months=3" })
@AutoConfigureMockMvc
class MonitoringPartitionsTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** 2040-07-15 10:00 Beijing. */
	static final Clock NOW = Clock.fixed(Instant.parse("2040-07-15T02:00:00Z"), BEIJING);

	@TestConfiguration
	static class ClockIn2040 {
		@Bean
		@Primary
		Clock clockIn2040() {
			return NOW;
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MonitoringPartitions partitions;

	@Autowired
	RollupJob rollups;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.datasource.username}")
	String user;

	@Value("${spring.flyway.locations}")
	String[] locations;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
	}

	@Test
	void theMigrationConvertsTablesWithDataInPlace() throws Exception {
		String schema = "pp_partitions_old" + (TestDatabase.external() ? "_" + ProcessHandle.current().pid() : "");
		String oldUrl = url.replaceAll("currentSchema=[^&]*", "currentSchema=" + schema);
		try (Connection c = DriverManager.getConnection(oldUrl, user, null); Statement s = c.createStatement()) {
			TestDatabase.dropSchema(c, schema);
			s.execute("CREATE SCHEMA " + schema);
		}
		try {
			// the migrations before the partitioning, whatever the last of them is
			MigrationVersion partitioning = MigrationVersion.fromVersion("2026.12.16.30");
			MigrationVersion before = java.util.Arrays.stream(Flyway.configure().dataSource(oldUrl, user, null).schemas(schema)
				.defaultSchema(schema).locations(locations).load().info().all())
				.map(MigrationInfo::getVersion).filter(v -> v != null && v.compareTo(partitioning) < 0).max(MigrationVersion::compareTo).orElseThrow();
			Flyway.configure().dataSource(oldUrl, user, null).schemas(schema).defaultSchema(schema).locations(locations)
				.target(before).load().migrate();
			try (Connection c = DriverManager.getConnection(oldUrl, user, null); Statement s = c.createStatement()) {
				assertThat(single(s, "SELECT relkind::text FROM pg_class WHERE oid = 'monitoring_reading'::regclass")).isEqualTo("r");
				// the old layout with data: 3 meters × 15-minute readings from 2039-11-20 to 2040-02-10 (Beijing), one
				// reading of 2031-05 alone in its month, rollups of every grain including month rows at Beijing month start
				s.execute("""
						INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at, snapped_from)
						SELECT m, t, (m * 1000 + extract(epoch FROM t)::bigint % 997) / 10.0, 'H', t + INTERVAL '1 minute',
						       CASE WHEN m = 2 THEN t - INTERVAL '20 seconds' END
						FROM generate_series(1, 3) m,
						     generate_series(TIMESTAMPTZ '2039-11-20 00:15+08', TIMESTAMPTZ '2040-02-10 00:00+08', INTERVAL '15 minutes') t
						UNION ALL SELECT 7, TIMESTAMPTZ '2031-05-17 08:00+08', 42.5, 'B', TIMESTAMPTZ '2031-06-01 09:00+08', NULL
						""");
				s.execute("""
						INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings, excluded)
						SELECT meter_id, 'Q', ts - INTERVAL '15 minutes', value, 1, 0 FROM monitoring_reading
						UNION ALL SELECT meter_id, 'D', date_trunc('day', (ts - INTERVAL '15 minutes') AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
						       sum(value), count(*), 0 FROM monitoring_reading GROUP BY 1, 3
						UNION ALL SELECT meter_id, 'M', date_trunc('month', (ts - INTERVAL '15 minutes') AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
						       sum(value), count(*), 0 FROM monitoring_reading GROUP BY 1, 3
						""");
				String readingsBefore = single(s, "SELECT count(*) || '/' || sum(value) || '/' || count(snapped_from) || '/' || sum(extract(epoch FROM ts)) FROM monitoring_reading");
				String rollupsBefore = single(s, "SELECT count(*) || '/' || sum(quantity) || '/' || sum(readings) FROM monitoring_rollup");
				String monthRowsBefore = single(s, "SELECT string_agg(meter_id || '@' || period_start || '=' || quantity, ',' ORDER BY meter_id, period_start) FROM monitoring_rollup WHERE grain = 'M'");

				Flyway.configure().dataSource(oldUrl, user, null).schemas(schema).defaultSchema(schema).locations(locations)
					.target("2026.12.16.30").load().migrate();

				assertThat(single(s, "SELECT relkind::text FROM pg_class WHERE oid = 'monitoring_reading'::regclass")).isEqualTo("p");
				assertThat(single(s, "SELECT relkind::text FROM pg_class WHERE oid = 'monitoring_rollup'::regclass")).isEqualTo("p");
				assertThat(single(s, "SELECT count(*) || '/' || sum(value) || '/' || count(snapped_from) || '/' || sum(extract(epoch FROM ts)) FROM monitoring_reading"))
					.isEqualTo(readingsBefore);
				assertThat(single(s, "SELECT count(*) || '/' || sum(quantity) || '/' || sum(readings) FROM monitoring_rollup")).isEqualTo(rollupsBefore);
				assertThat(single(s, "SELECT string_agg(meter_id || '@' || period_start || '=' || quantity, ',' ORDER BY meter_id, period_start) FROM monitoring_rollup WHERE grain = 'M'"))
					.isEqualTo(monthRowsBefore);
				// a partition per month with data, nothing left in the default partitions, the old tables gone
				for (String month : List.of("2031_05", "2039_11", "2039_12", "2040_01", "2040_02")) {
					assertThat(single(s, "SELECT count(*) FROM monitoring_reading_" + month)).isNotEqualTo("0");
					assertThat(single(s, "SELECT count(*) FROM monitoring_rollup_" + month)).isNotEqualTo("0");
				}
				assertThat(single(s, "SELECT to_regclass('monitoring_reading_2031_06') IS NULL")).isEqualTo("t");
				assertThat(single(s, "SELECT count(*) FROM monitoring_reading_default")).isEqualTo("0");
				assertThat(single(s, "SELECT count(*) FROM monitoring_rollup_default")).isEqualTo("0");
				assertThat(single(s, "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname LIKE '%unpartitioned%'")).isEqualTo("0");
				// Beijing months: the reading at 2040-01-01 00:00+08 (end of December's last interval) is in January's
				// partition, the 00:15 one before it in December's; the month rollups lie in their own month's partition
				assertThat(single(s, "SELECT tableoid::regclass::text FROM monitoring_reading WHERE meter_id = 1 AND ts = '2040-01-01 00:00+08'"))
					.isEqualTo("monitoring_reading_2040_01");
				assertThat(single(s, "SELECT tableoid::regclass::text FROM monitoring_reading WHERE meter_id = 1 AND ts = '2039-12-31 23:45+08'"))
					.isEqualTo("monitoring_reading_2039_12");
				assertThat(single(s, "SELECT string_agg(p, ',' ORDER BY p) FROM (SELECT DISTINCT tableoid::regclass::text || ':' "
						+ "|| (period_start AT TIME ZONE 'Asia/Shanghai') AS p FROM monitoring_rollup WHERE grain = 'M' AND meter_id = 1) x"))
					.isEqualTo("monitoring_rollup_2039_11:2039-11-01 00:00:00,monitoring_rollup_2039_12:2039-12-01 00:00:00,"
							+ "monitoring_rollup_2040_01:2040-01-01 00:00:00,monitoring_rollup_2040_02:2040-02-01 00:00:00");
				// keys and the partial day/month index on every partition
				assertThat(single(s, "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'monitoring_reading_2040_01' AND indexdef LIKE '%UNIQUE%(meter_id, ts)%'"))
					.isEqualTo("1");
				assertThat(single(s, "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'monitoring_rollup_2040_01' AND indexdef LIKE '%WHERE%grain%'"))
					.isEqualTo("1");
				assertThatThrownBy(() -> s.execute("INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at) VALUES (1, '2040-01-05 10:00+08', 1, 'H', now())"))
					.hasMessageContaining("monitoring_reading_2040_01_pkey");

				// ON CONFLICT on the partitioned tables: a resend is skipped, an upsert updates the row in its partition
				assertThat(s.executeUpdate("INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at) VALUES "
						+ "(1, '2040-01-05 10:00+08', 1, 'H', now()), (1, '2040-02-20 10:00+08', 5, 'H', now()) ON CONFLICT DO NOTHING")).isEqualTo(1);
				assertThat(s.executeUpdate("INSERT INTO monitoring_rollup (meter_id, grain, period_start, quantity, readings) VALUES "
						+ "(1, 'M', '2040-01-01 00:00+08', 123.456, 9) ON CONFLICT (meter_id, grain, period_start) DO UPDATE SET quantity = EXCLUDED.quantity")).isEqualTo(1);
				assertThat(single(s, "SELECT quantity FROM monitoring_rollup_2040_01 WHERE meter_id = 1 AND grain = 'M'")).isEqualTo("123.456000");

				// a month without a partition: the row lands in the default partition, and adding the month moves it
				s.execute("INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at) VALUES (9, '2045-03-31 23:30+08', 3, 'H', now())");
				assertThat(single(s, "SELECT tableoid::regclass::text FROM monitoring_reading WHERE meter_id = 9")).isEqualTo("monitoring_reading_default");
				assertThat(single(s, "SELECT monitoring_add_month_partition('monitoring_reading', '2045-03-01')")).isEqualTo("t");
				assertThat(single(s, "SELECT monitoring_add_month_partition('monitoring_reading', '2045-03-01')")).isEqualTo("f");
				assertThat(single(s, "SELECT tableoid::regclass::text FROM monitoring_reading WHERE meter_id = 9")).isEqualTo("monitoring_reading_2045_03");
				assertThatThrownBy(() -> s.execute("SELECT monitoring_add_month_partition('monitoring_reading', '2045-03-02')"))
					.hasMessageContaining("first day of a month");
			}
		}
		finally {
			try (Connection c = DriverManager.getConnection(oldUrl, user, null)) {
				TestDatabase.dropSchema(c, schema);
			}
		}
	}

	@Test
	void readingsOfAMonthWithoutPartitionAreKeptAndMovedWhenTheJobCreatesIt() throws Exception {
		RegistryModel.Enterprise e = fixtures.enterprise("511102", "3011", null);
		String owner = fixtures.user(Role.ENTERPRISE_USER, null, null, e.id(), Set.of());
		String token = JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/gateways").with(basic(owner))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"1# 网关\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.token");
		long meter = ((Number) JsonPath.read(mvc.perform(post("/api/v1/monitoring/enterprises/" + e.id() + "/meters").with(basic(owner))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"code": "P-1", "name": "进线 1", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "INTERVAL",
					 "intervalMinutes": 15, "maxPerInterval": 50000}"""))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		assertThat(exists("monitoring_reading_2040_07")).isFalse();
		assertThat(exists("monitoring_rollup_2040_07")).isFalse();

		// the first hours of July 2040 (Beijing), sent twice: the resend takes the ON CONFLICT path and stores nothing
		String csv = "meter,ts,value\n" + "P-1,2040-07-01T00:15:00+08:00,10\nP-1,2040-07-01T00:30:00+08:00,20\nP-1,2040-07-01T00:45:00+08:00,30\n"
				+ "P-1,2040-07-01T01:00:00+08:00,40\n";
		for (int stored : new int[] { 4, 0 }) {
			String answer = mvc.perform(post("/api/v1/monitoring/readings").header("Authorization", "Bearer " + token).contentType("text/csv")
				.content(csv)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat((Integer) JsonPath.read(answer, "$.stored")).as(answer).isEqualTo(stored);
		}
		SystemActor.run("test", rollups::rollUpPending);
		assertThat(partitionOf("monitoring_reading", meter)).containsOnly("monitoring_reading_default");
		assertThat(partitionOf("monitoring_rollup", meter)).containsOnly("monitoring_rollup_default");

		// readings older than the reading retention (3 months: May 2040 on is kept) of a month that had a partition
		partitions.addMonth("monitoring_reading", YearMonth.of(2040, 3));
		partitions.addMonth("monitoring_rollup", YearMonth.of(2040, 3));
		jdbc.sql("INSERT INTO monitoring_reading (meter_id, ts, value, origin, received_at) VALUES (:m, '2040-03-10 10:00+08', 7, 'B', now())")
			.param("m", meter).update();

		MonitoringPartitions.Round round = partitions.maintain();

		// the months around now were made, and July's readings and rollups moved out of the default partitions
		assertThat(round.created()).contains("monitoring_reading_2040_06", "monitoring_reading_2040_07", "monitoring_reading_2040_10",
				"monitoring_rollup_2040_07");
		assertThat(partitionOf("monitoring_reading", meter)).containsOnly("monitoring_reading_2040_07");
		assertThat(partitionOf("monitoring_rollup", meter)).containsOnly("monitoring_rollup_2040_07");
		assertThat(jdbc.sql("SELECT sum(value) FROM monitoring_reading WHERE meter_id = :m AND ts >= '2040-07-01 00:00+08'").param("m", meter)
			.query(BigDecimal.class).single()).isEqualByComparingTo("100");
		assertThat(jdbc.sql("SELECT quantity FROM monitoring_rollup WHERE meter_id = :m AND grain = 'M'").param("m", meter)
			.query(BigDecimal.class).single()).isEqualByComparingTo("100");
		// March's readings are older than the retention: detached and kept as a table, not dropped; March's rollups
		// stay (the rollup retention is 0: keep everything)
		assertThat(round.detached()).contains("monitoring_reading_2040_03").doesNotContain("monitoring_rollup_2040_03");
		assertThat(partitions.attachedMonths("monitoring_reading")).doesNotContain("monitoring_reading_2040_03").contains("monitoring_reading_2040_06");
		assertThat(jdbc.sql("SELECT count(*) FROM monitoring_reading_2040_03_detached").query(Long.class).single()).isEqualTo(1);
		assertThat(partitions.attachedMonths("monitoring_rollup")).contains("monitoring_rollup_2040_03");
		// a second round finds nothing to do; the detached month is not made again
		assertThat(partitions.maintain()).isEqualTo(new MonitoringPartitions.Round(List.of(), List.of()));
		assertThat(partitions.addMonth("monitoring_reading", YearMonth.of(2040, 3))).isFalse();

		// ingest goes on into the new partition, and the resend of a stored reading is still recognised
		String more = "meter,ts,value\nP-1,2040-07-01T01:00:00+08:00,40\nP-1,2040-07-01T01:15:00+08:00,50\n";
		String answer = mvc.perform(post("/api/v1/monitoring/readings").header("Authorization", "Bearer " + token).contentType("text/csv")
			.content(more)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).as(answer).isEqualTo(1);
		assertThat(partitionOf("monitoring_reading", meter)).containsOnly("monitoring_reading_2040_07");
	}

	boolean exists(String table) {
		return jdbc.sql("SELECT to_regclass(:t) IS NOT NULL").param("t", table).query(Boolean.class).single();
	}

	List<String> partitionOf(String table, long meter) {
		return jdbc.sql("SELECT DISTINCT tableoid::regclass::text FROM " + table + " WHERE meter_id = :m").param("m", meter).query(String.class).list();
	}

	static String single(Statement s, String sql) throws SQLException {
		try (var rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}
}
