package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.CacheInvalidation;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Metering points (计量点): registration and change by the enterprise itself or an officer who manages it, every
 * change audited; and an in-memory index of each enterprise's meters by code for the ingest path, read again after
 * a change on any instance (the cache topic {@value #CACHE_TOPIC}, {@link CacheInvalidation}) and at least every
 * 30 seconds.
 */
@Component
public class Meters {

	/** The allowed intervals, minutes (MeterForm documents them as its allowable values). */
	static final Set<Integer> INTERVALS = Set.of(1, 5, 15, 60);
	private static final Duration INDEX_TTL = Duration.ofSeconds(30);
	/** The cache topic of the meters' index: bumped by every change of a meter. */
	static final String CACHE_TOPIC = "monitoring.meters";
	private static final int CODE_MAX = MeterForm.CODE_MAX;

	private final JdbcClient jdbc;
	private final CacheInvalidation caches;
	private final Registry registry;
	private final EnergyConversions conversions;
	private final AuditLog audit;
	private final Clock clock;
	private final Map<Long, EnterpriseMeters> index = new ConcurrentHashMap<>();

	/** One enterprise's meters by code and by id, as the ingest path looks them up. */
	record EnterpriseMeters(Map<String, Meter> byCode, Map<Long, Meter> byId, Instant loadedAt, long version) {
	}

	Meters(JdbcClient jdbc, CacheInvalidation caches, Registry registry, EnergyConversions conversions, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.registry = registry;
		this.conversions = conversions;
		this.audit = audit;
		this.clock = clock;
	}

	public List<Meter> list(Long enterpriseId) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		return jdbc.sql("SELECT * FROM monitoring_meter WHERE %s AND (CAST(:e AS bigint) IS NULL OR enterprise_id = :e) ORDER BY enterprise_id, code"
			.formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId).query(Meters::meter).list();
	}

	public Meter get(long id) {
		Meter m = find(id).orElseThrow(() -> new NotFoundException("meter " + id));
		if (!AccessScope.current().canRead(owner(m))) {
			throw new NotFoundException("meter " + id);
		}
		return m;
	}

	Optional<Meter> find(long id) {
		return jdbc.sql("SELECT * FROM monitoring_meter WHERE id = :id").param("id", id).query(Meters::meter).optional();
	}

	@Transactional
	public Meter register(long enterpriseId, MeterForm form) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		Owner owner = new Owner(e.countyCode(), e.parkId(), e.id());
		requireManageMeters(owner);
		validate(form, true);
		if (jdbc.sql("SELECT count(*) FROM monitoring_meter WHERE enterprise_id = :e AND code = :c").param("e", enterpriseId)
			.param("c", form.code().strip()).query(Long.class).single() > 0) {
			throw new InvalidInputException("code", "meter code '" + form.code().strip() + "' is already used by this enterprise");
		}
		Instant now = clock.instant();
		forget(enterpriseId);
		long id = jdbc.sql("""
				INSERT INTO monitoring_meter (enterprise_id, county_code, park_id, industry_code, code, name, facility, energy_code,
				    unit, kind, multiplier, interval_minutes, product_code, max_per_interval, counter_max, active,
				    created_by, created_at, updated_at)
				VALUES (:e, :county, :park, :industry, :code, :name, :facility, :energy, :unit, :kind, :mult, :interval, :product,
				    :max, :counterMax, :active, :by, :now, :now) RETURNING id
				""")
			.param("e", enterpriseId).param("county", e.countyCode()).param("park", e.parkId()).param("industry", e.industryCode())
			.params(columns(form)).param("by", AccessScope.current().actor()).param("now", OffsetDateTime.ofInstant(now, ZoneId.of("UTC")))
			.query(Long.class).single();
		Meter m = find(id).orElseThrow();
		audit.record("meter.registered", "meter", id, null, m);
		return m;
	}

	@Transactional
	public Meter update(long id, MeterForm form) {
		Meter before = get(id);
		requireManageMeters(owner(before));
		validate(form, false);
		boolean hasReadings = jdbc.sql("SELECT EXISTS (SELECT 1 FROM monitoring_reading WHERE meter_id = :id)").param("id", id)
			.query(Boolean.class).single();
		if (hasReadings && (changed(form.kind(), before.kind()) || changed(form.energyCode(), before.energyCode())
				|| changed(form.unit(), before.unit()) || changed(form.multiplier(), before.multiplier())
				|| changed(form.intervalMinutes(), before.intervalMinutes()))) {
			throw new RuleViolationException("meter " + before.code() + " has readings: its kind, energy, unit, multiplier and interval "
					+ "stay as they are (register an exchange, or a new meter)", true);
		}
		MeterForm merged = new MeterForm(or(form.code(), before.code()), or(form.name(), before.name()),
				form.facility() == null ? before.facility() : form.facility(), or(form.energyCode(), before.energyCode()),
				or(form.unit(), before.unit()), form.kind() == null ? before.kind() : form.kind(),
				form.multiplier() == null ? before.multiplier() : form.multiplier(),
				form.intervalMinutes() == null ? before.intervalMinutes() : form.intervalMinutes(),
				form.productCode() == null ? before.productCode() : form.productCode(),
				form.maxPerInterval() == null ? before.maxPerInterval() : form.maxPerInterval(),
				form.counterMax() == null ? before.counterMax() : form.counterMax(), form.active() == null ? before.active() : form.active());
		validate(merged, true);
		if (!merged.code().strip().equals(before.code()) && jdbc.sql("SELECT count(*) FROM monitoring_meter WHERE enterprise_id = :e AND code = :c")
			.param("e", before.enterpriseId()).param("c", merged.code().strip()).query(Long.class).single() > 0) {
			throw new InvalidInputException("code", "meter code '" + merged.code().strip() + "' is already used by this enterprise");
		}
		forget(before.enterpriseId());
		jdbc.sql("""
				UPDATE monitoring_meter SET code = :code, name = :name, facility = :facility, energy_code = :energy, unit = :unit,
				    kind = :kind, multiplier = :mult, interval_minutes = :interval, product_code = :product, max_per_interval = :max,
				    counter_max = :counterMax, active = :active, updated_at = :now WHERE id = :id
				""")
			.params(columns(merged)).param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneId.of("UTC"))).param("id", id).update();
		Meter after = find(id).orElseThrow();
		audit.record("meter.changed", "meter", id, before, after);
		return after;
	}

	/**
	 * Drops the enterprise's meters from the ingest index of every instance (they are read again on next use) once the
	 * current transaction commits; called before its meters are changed.
	 */
	void forget(long enterpriseId) {
		caches.invalidate(CACHE_TOPIC);
		index.remove(enterpriseId);
	}

	/** The enterprise's meters for the ingest path (no scope check: the caller has checked the sender). */
	EnterpriseMeters ofEnterprise(long enterpriseId) {
		EnterpriseMeters m = index.get(enterpriseId);
		long version = caches.version(CACHE_TOPIC);
		if (m == null || m.version() != version || m.loadedAt().plus(INDEX_TTL).isBefore(clock.instant())) {
			List<Meter> meters = jdbc.sql("SELECT * FROM monitoring_meter WHERE enterprise_id = :e").param("e", enterpriseId)
				.query(Meters::meter).list();
			m = new EnterpriseMeters(meters.stream().collect(Collectors.toUnmodifiableMap(Meter::code, Function.identity())),
					meters.stream().collect(Collectors.toUnmodifiableMap(Meter::id, Function.identity())), clock.instant(), version);
			index.put(enterpriseId, m);
		}
		return m;
	}

	/** The meter with this id whichever enterprise owns it (no scope check). */
	Optional<Meter> anyEnterprise(long meterId) {
		return find(meterId);
	}

	static Owner owner(Meter m) {
		return new Owner(m.countyCode(), m.parkId(), m.enterpriseId());
	}

	/** The enterprise itself, or an officer who manages it (city, its county, its park). */
	static void requireManageMeters(Owner owner) {
		AccessScope scope = AccessScope.current();
		boolean ok = scope.canManage(owner) || (scope.hasRole(Role.ENTERPRISE_USER) && scope.canRead(owner));
		if (!ok) {
			throw new AccessDeniedException(scope.actor() + " may not register or change this enterprise's meters");
		}
	}

	void validate(MeterForm f, boolean complete) {
		List<InputError> errors = new ArrayList<>();
		if (complete || f.code() != null) {
			if (blank(f.code())) {
				errors.add(InputError.field("code", "a meter code is required"));
			}
			else if (f.code().strip().length() > CODE_MAX || !f.code().strip().matches(MeterForm.CODE_PATTERN)) {
				errors.add(InputError.field("code", "at most " + CODE_MAX + " letters, digits and . _ : / -"));
			}
		}
		if (complete && blank(f.name())) {
			errors.add(InputError.field("name", "a name is required"));
		}
		InputBounds.length(errors, "name", f.name(), MonitoringBounds.NAME_MAX);
		InputBounds.length(errors, "facility", f.facility(), MonitoringBounds.FACILITY_MAX);
		InputBounds.length(errors, "productCode", f.productCode(), MonitoringBounds.PRODUCT_CODE_MAX);
		if (complete && f.kind() == null) {
			errors.add(InputError.field("kind", "COUNTER (cumulative register) or INTERVAL (quantity per interval)"));
		}
		InputBounds.positive(errors, "multiplier", f.multiplier(), MonitoringBounds.MULTIPLIER_MAX);
		if (complete && (f.intervalMinutes() == null || !INTERVALS.contains(f.intervalMinutes()))) {
			errors.add(InputError.field("intervalMinutes", "1, 5, 15 or 60"));
		}
		if (complete && (f.maxPerInterval() == null || f.maxPerInterval().signum() <= 0)) {
			errors.add(InputError.field("maxPerInterval",
					"the largest quantity one interval can hold (the meter's range, after the multiplier) is required and positive"));
		}
		else {
			InputBounds.positive(errors, "maxPerInterval", f.maxPerInterval(), MonitoringBounds.QUANTITY_MAX);
		}
		InputBounds.positive(errors, "counterMax", f.counterMax(), MonitoringBounds.REGISTER_MAX);
		if (f.counterMax() != null && f.kind() == MeterKind.INTERVAL) {
			errors.add(InputError.field("counterMax", "only a cumulative register (COUNTER) rolls over"));
		}
		if (complete) {
			if (!InputBounds.length(errors, "energyCode", f.energyCode(), MonitoringBounds.ENERGY_CODE_MAX)
					|| !InputBounds.length(errors, "unit", f.unit(), MonitoringBounds.UNIT_MAX)) {
				// named above
			}
			else if (blank(f.energyCode()) || blank(f.unit())) {
				errors.add(InputError.field(blank(f.energyCode()) ? "energyCode" : "unit",
						"energy (ELECTRICITY, HEAT or a fuel code of the factor library) and unit are required"));
			}
			else {
				try {
					conversions.of(f.energyCode().strip(), f.unit().strip(), clock.instant().atZone(ZoneId.of("Asia/Shanghai")).getYear());
				}
				catch (InvalidInputException ex) {
					ex.errors().forEach(err -> errors.add(InputError.field(err.field().endsWith("unit") ? "unit" : "energyCode", err.message())));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private static Map<String, Object> columns(MeterForm f) {
		Map<String, Object> p = new java.util.HashMap<>();
		p.put("code", f.code().strip());
		p.put("name", f.name().strip());
		p.put("facility", blank(f.facility()) ? null : f.facility().strip());
		p.put("energy", f.energyCode().strip());
		p.put("unit", f.unit().strip());
		p.put("kind", f.kind().name());
		p.put("mult", f.multiplier() == null ? BigDecimal.ONE : f.multiplier());
		p.put("interval", f.intervalMinutes());
		p.put("product", blank(f.productCode()) ? null : f.productCode().strip());
		p.put("max", f.maxPerInterval());
		p.put("counterMax", f.counterMax());
		p.put("active", f.active() == null || f.active());
		return p;
	}

	static Meter meter(ResultSet rs, int n) throws SQLException {
		return new Meter(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("county_code"), (Long) rs.getObject("park_id", Long.class),
				rs.getString("industry_code"), rs.getString("code"), rs.getString("name"), rs.getString("facility"),
				rs.getString("energy_code"), rs.getString("unit"), MeterKind.valueOf(rs.getString("kind")),
				rs.getBigDecimal("multiplier").stripTrailingZeros(), rs.getInt("interval_minutes"), rs.getString("product_code"),
				rs.getBigDecimal("max_per_interval").stripTrailingZeros(),
				rs.getBigDecimal("counter_max") == null ? null : rs.getBigDecimal("counter_max").stripTrailingZeros(),
				rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static boolean changed(Object requested, Object current) {
		if (requested == null) {
			return false;
		}
		if (requested instanceof BigDecimal a && current instanceof BigDecimal b) {
			return a.compareTo(b) != 0;
		}
		return !requested.toString().strip().equals(current.toString());
	}

	private static String or(String a, String b) {
		return blank(a) ? b : a;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
