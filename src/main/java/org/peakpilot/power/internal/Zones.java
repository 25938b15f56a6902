package org.peakpilot.power.internal;

import java.util.List;
import java.util.Properties;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.StartupLock;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grid zones (电网区域): the provincial grid the city buys from (the plan folder's {@code power.properties}
 * {@code grid.zone}, default {@value #DEFAULT_GRID}) and the city's counties as its children, upserted at start after
 * the registry has loaded the plan's divisions. Zones an import comes from are added with the data that names them.
 */
@Component
@Order(25)
public class Zones implements ApplicationRunner {

	static final String DEFAULT_GRID = "SICHUAN";
	static final String SETTINGS = "power.properties";

	/** One zone: code, names, kind (GRID, COUNTY, EXTERNAL) and the zone it belongs to. */
	public record Zone(String code, String nameZh, String nameEn, String kind, String parentCode) {
	}

	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final Registry registry;
	private final StartupLock startup;

	Zones(JdbcClient jdbc, PilotPlan plan, Registry registry, StartupLock startup) {
		this.startup = startup;
		this.jdbc = jdbc;
		this.plan = plan;
		this.registry = registry;
	}

	@Override
	public void run(ApplicationArguments args) {
		// two instances starting at once seed one after the other (issue 16)
		startup.exclusively("power.zones", () -> SystemActor.run("power-zones", this::seed));
	}

	/** The provincial grid's zone code (SICHUAN for Leshan). */
	public String gridZone() {
		Properties p = plan.planProperties(SETTINGS);
		return p.getProperty("grid.zone", DEFAULT_GRID).strip();
	}

	@Transactional
	void seed() {
		String grid = gridZone();
		upsert(new Zone(grid, gridNameZh(grid), gridNameEn(grid), "GRID", null));
		for (RegistryModel.Region county : registry.counties()) {
			upsert(new Zone(county.code(), county.nameZh(), county.nameZh(), "COUNTY", grid));
		}
	}

	/** Every zone, grid first, then counties by code. */
	public List<Zone> all() {
		return jdbc.sql("SELECT code, name_zh, name_en, kind, parent_code FROM power_zone ORDER BY kind = 'COUNTY', kind, code")
			.query((rs, n) -> new Zone(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).list();
	}

	/** The zone of this code, if known. */
	public java.util.Optional<Zone> find(String code) {
		return jdbc.sql("SELECT code, name_zh, name_en, kind, parent_code FROM power_zone WHERE code = :c").param("c", code)
			.query((rs, n) -> new Zone(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).optional();
	}

	/** The counties (kind COUNTY) by code. */
	public List<Zone> counties() {
		return all().stream().filter(z -> z.kind().equals("COUNTY")).toList();
	}

	/** Adds or updates a zone (e.g. an EXTERNAL zone an import comes from, named by uploaded data). */
	public void upsert(Zone z) {
		jdbc.sql("""
				INSERT INTO power_zone (code, name_zh, name_en, kind, parent_code) VALUES (:c, :zh, :en, :k, :p)
				ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, kind = excluded.kind,
				  parent_code = excluded.parent_code""")
			.param("c", z.code()).param("zh", z.nameZh()).param("en", z.nameEn()).param("k", z.kind()).param("p", z.parentCode())
			.update();
	}

	private static String gridNameZh(String code) {
		return code.equals(DEFAULT_GRID) ? "四川电网" : code;
	}

	private static String gridNameEn(String code) {
		return code.equals(DEFAULT_GRID) ? "Sichuan grid" : code;
	}
}
