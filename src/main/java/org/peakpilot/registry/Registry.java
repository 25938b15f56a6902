package org.peakpilot.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.ScopeDirectory;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.peakpilot.registry.RegistryModel.EnterpriseForm;
import org.peakpilot.registry.RegistryModel.EnterpriseMoved;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;
import org.peakpilot.registry.RegistryModel.Industry;
import org.peakpilot.registry.RegistryModel.Park;
import org.peakpilot.registry.RegistryModel.Region;
import org.peakpilot.registry.RegistryModel.ZoneMembership;
import org.peakpilot.shared.CsvTable;
import org.peakpilot.shared.RegionCode;
import org.peakpilot.shared.Uscc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Regions, parks, control-zone membership, industries and enterprises. Reference data is readable by every
 * signed-in user; enterprises only within the caller's scope, and registered or changed only by officers whose
 * scope covers them.
 */
@Component
public class Registry implements ScopeDirectory {

	private static final Logger log = LoggerFactory.getLogger(Registry.class);

	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final AuditLog audit;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	Registry(JdbcClient jdbc, PilotPlan plan, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.plan = plan;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/** The city and its county-level divisions, city first. */
	public List<Region> regions() {
		return jdbc.sql("SELECT * FROM region ORDER BY parent_code NULLS FIRST, code")
			.query((rs, n) -> new Region(rs.getString("code"), rs.getString("name_zh"), rs.getString("level"),
					rs.getString("parent_code")))
			.list();
	}

	/** The county-level divisions (districts, counties, county-level cities). */
	public List<Region> counties() {
		return regions().stream().filter(r -> r.parentCode() != null).toList();
	}

	public List<Park> parks() {
		return jdbc.sql("SELECT * FROM park ORDER BY county_code, code").query(Registry::park).list();
	}

	public List<Industry> industries() {
		return jdbc.sql("SELECT * FROM industry ORDER BY code")
			.query((rs, n) -> new Industry(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getString("sector"), rs.getString("source")))
			.list();
	}

	/** The plan's admission control zones with the parks that lie in them. */
	public List<ZoneMembership> zones() {
		List<Park> parks = parks();
		Map<String, String> countyByName = new LinkedHashMap<>();
		counties().forEach(c -> countyByName.put(c.nameZh(), c.code()));
		List<ZoneMembership> zones = new ArrayList<>();
		for (PlanModel.Zone z : plan.zones()) {
			zones.add(new ZoneMembership(z.code(), z.nameZh(), z.nameEn(), countyByName.get(z.countyNameZh()), z.industryEn(),
					z.maxTco2Per10kCny(), z.fromYear(), parks.stream().filter(p -> z.code().equals(p.zoneCode())).toList()));
		}
		return zones;
	}

	/** Enterprises within the caller's scope that match the query, by name. */
	public List<Enterprise> enterprises(EnterpriseQuery q) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "e.id");
		String text = q.text() == null || q.text().isBlank() ? null : "%" + q.text().strip() + "%";
		return jdbc.sql(ENTERPRISE_SELECT + """
				WHERE %s
				  AND (CAST(:text AS text) IS NULL OR e.name ILIKE :text OR e.uscc ILIKE :text)
				  AND (CAST(:county AS text) IS NULL OR e.county_code = :county)
				  AND (CAST(:industry AS text) IS NULL OR e.industry_code = :industry)
				  AND (CAST(:park AS bigint) IS NULL OR e.park_id = :park)
				  AND (CAST(:key AS boolean) IS NULL OR e.key_energy_unit = :key)
				ORDER BY e.county_code, e.name
				""".formatted(scope.sql()))
			.params(scope.params())
			.param("text", text).param("county", blankToNull(q.countyCode())).param("industry", blankToNull(q.industryCode()))
			.param("park", q.parkId()).param("key", q.keyEnergyUnit())
			.query(Registry::enterprise).list();
	}

	/** One enterprise; not found when it lies outside the caller's scope. */
	public Enterprise enterprise(long id) {
		Enterprise e = find(id).orElseThrow(() -> new NotFoundException("enterprise " + id));
		if (!AccessScope.current().canRead(owner(e))) {
			throw new NotFoundException("enterprise " + id);
		}
		return e;
	}

	@Transactional
	public Enterprise register(EnterpriseForm form) {
		Valid v = validate(form, null);
		AccessScope.current().requireManage(new Owner(v.countyCode, v.parkId, null));
		if (jdbc.sql("SELECT count(*) FROM enterprise WHERE uscc = :u").param("u", v.uscc.value()).query(Long.class).single() > 0) {
			throw new RuleViolationException("an enterprise with unified social credit code " + v.uscc + " is already registered", true);
		}
		long id = jdbc.sql("""
				INSERT INTO enterprise (uscc, name, county_code, industry_code, park_id, key_energy_unit, annual_energy_tce,
				                        created_at, updated_at)
				VALUES (:uscc, :name, :county, :industry, :park, :key, :tce, :now, :now) RETURNING id
				""")
			.param("uscc", v.uscc.value()).param("name", v.name).param("county", v.countyCode).param("industry", v.industryCode)
			.param("park", v.parkId).param("key", v.keyEnergyUnit).param("tce", v.annualEnergyTce)
			.param("now", now())
			.query(Long.class).single();
		Enterprise created = find(id).orElseThrow();
		audit.record("enterprise.registered", "enterprise", id, null, created);
		log.info("Registered enterprise {} ({}) in county {}", id, v.uscc, v.countyCode);
		return created;
	}

	@Transactional
	public Enterprise update(long id, EnterpriseForm form) {
		Enterprise before = enterprise(id);
		AccessScope.current().requireManage(owner(before));
		Valid v = validate(form, id);
		AccessScope.current().requireManage(new Owner(v.countyCode, v.parkId, id));
		if (jdbc.sql("SELECT count(*) FROM enterprise WHERE uscc = :u AND id <> :id").param("u", v.uscc.value()).param("id", id)
			.query(Long.class).single() > 0) {
			throw new RuleViolationException("another enterprise has unified social credit code " + v.uscc, true);
		}
		jdbc.sql("""
				UPDATE enterprise SET uscc = :uscc, name = :name, county_code = :county, industry_code = :industry,
				       park_id = :park, key_energy_unit = :key, annual_energy_tce = :tce, updated_at = :now WHERE id = :id
				""")
			.param("uscc", v.uscc.value()).param("name", v.name).param("county", v.countyCode).param("industry", v.industryCode)
			.param("park", v.parkId).param("key", v.keyEnergyUnit).param("tce", v.annualEnergyTce).param("now", now())
			.param("id", id).update();
		Enterprise after = find(id).orElseThrow();
		audit.record("enterprise.updated", "enterprise", id, before, after);
		if (!before.countyCode().equals(after.countyCode()) || !Objects.equals(before.parkId(), after.parkId())
				|| !before.industryCode().equals(after.industryCode())) {
			// in this transaction: the modules' copies of the owner columns move with it, or nothing moves
			events.publishEvent(new EnterpriseMoved(id, before.countyCode(), before.parkId(), before.industryCode(),
					after.countyCode(), after.parkId(), after.industryCode()));
			log.info("Enterprise {} moved from county {} park {} industry {} to county {} park {} industry {}", id,
					before.countyCode(), before.parkId(), before.industryCode(), after.countyCode(), after.parkId(), after.industryCode());
		}
		return after;
	}

	/**
	 * Records that an enterprise was registered earlier than it was entered here (records brought over from an earlier
	 * register, the demo's made-up history): its {@code createdAt}, from which its months to report count. For the
	 * city only; the time may only move back (a registration cannot be made later than it was entered); audited.
	 */
	/** The earliest date a registration may be dated back to: 2000-01-01, Beijing time (no report period lies before). */
	static final java.time.Instant EARLIEST_REGISTRATION = java.time.Instant.parse("1999-12-31T16:00:00Z");

	@Transactional
	public Enterprise registeredSince(long id, java.time.Instant registeredAt) {
		Enterprise before = enterprise(id);
		if (!AccessScope.current().isCityWide()) {
			throw new org.springframework.security.access.AccessDeniedException(AccessScope.current().actor()
					+ ": only the city dates an enterprise's registration");
		}
		if (registeredAt != null && registeredAt.isBefore(EARLIEST_REGISTRATION)) {
			throw new org.peakpilot.platform.InvalidInputException("registeredAt", "a registration is dated from "
					+ EARLIEST_REGISTRATION + " on");
		}
		if (registeredAt == null || registeredAt.isAfter(before.createdAt())) {
			throw new org.peakpilot.platform.InvalidInputException("registeredAt", "a registration can only be dated back, to before "
					+ before.createdAt());
		}
		jdbc.sql("UPDATE enterprise SET created_at = :at, updated_at = :now WHERE id = :id")
			.param("at", OffsetDateTime.ofInstant(registeredAt, clock.getZone())).param("now", now()).param("id", id).update();
		Enterprise after = find(id).orElseThrow();
		audit.record("enterprise.registration-dated", "enterprise", id, before, after);
		return after;
	}

	/**
	 * The ids of every key energy-using unit of the city, whatever the caller's scope: only ids, for counting how
	 * much of the expected data a city figure covers (how many key units' months are reported).
	 */
	public Set<Long> keyEnergyUnitIds() {
		return Set.copyOf(jdbc.sql("SELECT id FROM enterprise WHERE key_energy_unit").query(Long.class).list());
	}

	@Override
	public boolean isCounty(String countyCode) {
		return countyCode != null && counties().stream().anyMatch(c -> c.code().equals(countyCode));
	}

	@Override
	public boolean isPark(long parkId) {
		return jdbc.sql("SELECT count(*) FROM park WHERE id = :id").param("id", parkId).query(Long.class).single() > 0;
	}

	@Override
	public Optional<Owner> enterpriseOwner(long enterpriseId) {
		return find(enterpriseId).map(Registry::owner);
	}

	@Override
	public List<ScopeChoice> countyChoices() {
		return counties().stream().map(c -> new ScopeChoice(c.code(), c.nameZh(), c.code())).toList();
	}

	@Override
	public List<ScopeChoice> parkChoices() {
		Map<String, String> counties = new LinkedHashMap<>();
		counties().forEach(c -> counties.put(c.code(), c.nameZh()));
		return parks().stream()
			.map(p -> new ScopeChoice(String.valueOf(p.id()), p.nameZh(), counties.getOrDefault(p.countyCode(), p.countyCode())))
			.toList();
	}

	@Override
	public List<ScopeChoice> enterpriseChoices() {
		return enterprises(EnterpriseQuery.ALL).stream()
			.map(e -> new ScopeChoice(String.valueOf(e.id()), e.name(), e.uscc() + " · " + e.countyName()))
			.toList();
	}

	/** Loads divisions, parks and industries from the plan folder; rows are upserted by code. */
	@Transactional
	void loadReferenceData() {
		String city = plan.info().cityRegionCode();
		int regions = 0;
		for (CsvTable.Row row : table("divisions.csv").rows()) {
			RegionCode code = RegionCode.parse(row.require("code"));
			boolean isCity = code.value().equals(city);
			if (!isCity && !code.prefecture().value().equals(city)) {
				throw new IllegalStateException("divisions.csv line " + row.line() + ": " + code + " is not in city " + city);
			}
			if (isCity) {
				jdbc.sql("UPDATE region SET parent_code = NULL WHERE code = :c").param("c", code.value()).update();
			}
			jdbc.sql("""
					INSERT INTO region (code, name_zh, level, parent_code) VALUES (:c, :n, :l, :p)
					ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code
					""")
				.param("c", code.value()).param("n", row.require("name")).param("l", row.require("type"))
				.param("p", isCity ? null : city).update();
			regions++;
		}
		if (counties().isEmpty() || find(city).isEmpty()) {
			throw new IllegalStateException("divisions.csv must list the city " + city + " and its counties");
		}
		for (PlanModel.Zone zone : plan.zones()) {
			if (counties().stream().noneMatch(c -> c.nameZh().equals(zone.countyNameZh()))) {
				throw new IllegalStateException("zones.csv: zone " + zone.code() + " lies in '" + zone.countyNameZh()
						+ "', which is not a county name in divisions.csv");
			}
		}
		int parks = 0;
		Optional<Resource> parksFile = plan.planFile("parks.csv");
		if (parksFile.isPresent()) {
			List<String> zoneCodes = plan.zones().stream().map(PlanModel.Zone::code).toList();
			for (CsvTable.Row row : table("parks.csv").rows()) {
				String county = row.require("county_code");
				String zone = row.get("zone_code").isEmpty() ? null : row.get("zone_code");
				if (!isCounty(county)) {
					throw new IllegalStateException("parks.csv line " + row.line() + ": county_code " + county + " is not a county of the city");
				}
				if (zone != null && !zoneCodes.contains(zone)) {
					throw new IllegalStateException("parks.csv line " + row.line() + ": zone_code " + zone + " is not a zone of the plan");
				}
				jdbc.sql("""
						INSERT INTO park (code, name_zh, name_en, county_code, zone_code) VALUES (:c, :nz, :ne, :county, :zone)
						ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
						    county_code = EXCLUDED.county_code, zone_code = EXCLUDED.zone_code
						""")
					.param("c", row.require("code")).param("nz", row.require("name_zh")).param("ne", row.require("name_en"))
					.param("county", county).param("zone", zone).update();
				parks++;
			}
		}
		int industries = 0;
		for (CsvTable.Row row : table("industries.csv").rows()) {
			jdbc.sql("""
					INSERT INTO industry (code, name_zh, name_en, sector, source) VALUES (:c, :nz, :ne, :s, :src)
					ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
					    sector = EXCLUDED.sector, source = EXCLUDED.source
					""")
				.param("c", row.require("code")).param("nz", row.require("name_zh")).param("ne", row.require("name_en"))
				.param("s", row.require("sector")).param("src", row.require("source")).update();
			industries++;
		}
		log.info("Registry reference data: {} regions, {} parks, {} industries", regions, parks, industries);
	}

	private Optional<Region> find(String regionCode) {
		return regions().stream().filter(r -> r.code().equals(regionCode)).findFirst();
	}

	private CsvTable table(String name) {
		Resource r = plan.planFile(name).orElseThrow(() -> new IllegalStateException("the plan folder lacks " + name));
		try (var in = r.getInputStream()) {
			return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Valid(Uscc uscc, String name, String countyCode, String industryCode, Long parkId, boolean keyEnergyUnit,
			BigDecimal annualEnergyTce) {
	}

	private Valid validate(EnterpriseForm form, Long id) {
		List<InputError> errors = new ArrayList<>();
		Uscc uscc = null;
		String usccText = form.uscc() == null ? "" : form.uscc().strip().toUpperCase();
		String problem = Uscc.problemWith(usccText);
		if (problem != null) {
			errors.add(InputError.field("uscc", problem));
		}
		else {
			uscc = new Uscc(usccText);
		}
		String name = form.name() == null ? "" : form.name().strip();
		if (name.length() < EnterpriseForm.NAME_MIN || name.length() > EnterpriseForm.NAME_MAX) {
			errors.add(InputError.field("name", "the registered name has " + EnterpriseForm.NAME_MIN + " to " + EnterpriseForm.NAME_MAX
					+ " characters"));
		}
		String county = blankToNull(form.countyCode());
		if (county == null) {
			errors.add(InputError.field("countyCode", "the county is required"));
		}
		else if (!isCounty(county)) {
			errors.add(InputError.field("countyCode", "'" + county + "' is not a county-level division of this city (GB/T 2260)"));
		}
		String industry = blankToNull(form.industryCode());
		if (industry == null) {
			errors.add(InputError.field("industryCode", "the industry is required"));
		}
		else if (industries().stream().noneMatch(i -> i.code().equals(industry))) {
			errors.add(InputError.field("industryCode", "'" + industry + "' is not an industry code of the registry (GB/T 4754)"));
		}
		if (form.parkId() != null) {
			Optional<Park> park = parks().stream().filter(p -> p.id() == form.parkId()).findFirst();
			if (park.isEmpty()) {
				errors.add(InputError.field("parkId", "park " + form.parkId() + " does not exist"));
			}
			else if (county != null && !park.get().countyCode().equals(county)) {
				errors.add(InputError.field("parkId", "park " + park.get().nameZh() + " lies in county " + park.get().countyCode()
						+ ", not in " + county));
			}
		}
		if (form.keyEnergyUnit() == null) {
			errors.add(InputError.field("keyEnergyUnit", "say whether this is a key energy-using unit (≥ 5,000 tce a year)"));
		}
		BigDecimal tce = form.annualEnergyTce();
		if (tce != null) {
			if (tce.signum() < 0 || tce.compareTo(new BigDecimal(EnterpriseForm.ANNUAL_TCE_MAX)) > 0) {
				errors.add(InputError.field("annualEnergyTce", "annual energy use must lie between 0 and 1e9 tce"));
			}
			else if (form.keyEnergyUnit() != null && form.keyEnergyUnit() != (tce.compareTo(RegistryModel.KEY_ENERGY_UNIT_TCE) >= 0)) {
				errors.add(InputError.field("keyEnergyUnit", "an enterprise using " + tce.toPlainString()
						+ " tce a year " + (form.keyEnergyUnit() ? "is not" : "is") + " a key energy-using unit (threshold 5,000 tce)"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new Valid(uscc, name, county, industry, form.parkId(), form.keyEnergyUnit(), tce);
	}

	private Optional<Enterprise> find(long id) {
		return jdbc.sql(ENTERPRISE_SELECT + " WHERE e.id = :id").param("id", id).query(Registry::enterprise).optional();
	}

	private static Owner owner(Enterprise e) {
		return new Owner(e.countyCode(), e.parkId(), e.id());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static final String ENTERPRISE_SELECT = """
			SELECT e.*, r.name_zh AS county_name, i.name_zh AS industry_name, p.name_zh AS park_name
			FROM enterprise e
			JOIN region r ON r.code = e.county_code
			JOIN industry i ON i.code = e.industry_code
			LEFT JOIN park p ON p.id = e.park_id
			""";

	private static Park park(ResultSet rs, int n) throws SQLException {
		return new Park(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
				rs.getString("county_code"), rs.getString("zone_code"));
	}

	private static Enterprise enterprise(ResultSet rs, int n) throws SQLException {
		return new Enterprise(rs.getLong("id"), rs.getString("uscc"), rs.getString("name"), rs.getString("county_code"),
				rs.getString("county_name"), rs.getString("industry_code"), rs.getString("industry_name"),
				rs.getObject("park_id", Long.class), rs.getString("park_name"), rs.getBoolean("key_energy_unit"),
				rs.getBigDecimal("annual_energy_tce"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}
}
