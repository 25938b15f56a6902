package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.inclusive.internal.Methodology.Basis;
import org.peakpilot.inclusive.internal.Methodology.Factor;
import org.peakpilot.inclusive.internal.Methodology.Kind;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.CacheInvalidation;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.StartupLock;
import org.peakpilot.shared.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The methodology versions (方法学): seeded from the plan folder's {@code inclusive-methodologies.csv} (a version
 * missing from the database is inserted at start; one present is never touched), new versions entered by the office,
 * never an edit. Versions are cached (they never change) and re-read when a version is added on any instance (the
 * cache topic {@value #CACHE_TOPIC}, {@link CacheInvalidation}), and at least every {@value #CACHE_SECONDS} s.
 */
@Component
public class Methodologies implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Methodologies.class);

	static final String FILE = "inclusive-methodologies.csv";
	static final int CACHE_SECONDS = 30;
	/** The cache topic of the methodology versions: bumped by every version added. */
	static final String CACHE_TOPIC = "inclusive.methodologies";
	public static final String CODE_PATTERN = "^[A-Z][A-Z0-9-]{2,23}$";
	public static final int NAME_MAX = 200;
	public static final int SOURCE_MAX = 1000;
	public static final int TAG_MAX = 200;
	public static final int NOTE_MAX = 2000;
	/** The largest figure accepted, g/pkm or g per trip or visit (NUMERIC(12,4)). */
	public static final BigDecimal FIGURE_MAX = new BigDecimal("99999999");

	/** One mode's figures as entered. */
	public record FactorForm(TripMode mode, Basis basis, BigDecimal baseline, String baselineSource, String baselineTag,
			BigDecimal value, String valueSource, String valueTag, String borrowedFrom) {
	}

	/** A new version as entered: code (existing: next version; new: version 1), names, first day, factors. */
	public record MethodologyForm(String code, Kind kind, String nameZh, String nameEn, LocalDate validFrom, String note,
			List<FactorForm> factors) {
	}

	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final AuditLog audit;
	private final Clock clock;
	private final CacheInvalidation caches;
	private volatile Cache cache;

	private record Cache(long loadedAtMillis, long version, Map<String, List<Methodology>> byCode, Map<Long, Methodology> byId) {
	}

	private final StartupLock startup;

	Methodologies(JdbcClient jdbc, CacheInvalidation caches, PilotPlan plan, AuditLog audit, Clock clock, StartupLock startup) {
		this.startup = startup;
		this.jdbc = jdbc;
		this.caches = caches;
		this.plan = plan;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		// two instances starting at once: the second waits for the first's commit and finds the seeds (issue 16)
		startup.exclusively("inclusive.methodologies", () -> seed(plan.planText(FILE)));
	}

	void seed(Optional<String> file) {
		if (file.isEmpty()) {
			return;
		}
		String text = file.get();
		int added = 0;
		for (MethodologyForm form : parse(text)) {
			added += insertSeed(form) ? 1 : 0;
		}
		if (added > 0) {
			log.info("Seeded {} methodology versions from the plan's {}", added, FILE);
			cache = null;
		}
	}

	/** The CSV's rows grouped into versions; a bad row stops the start naming file, line and column. */
	static List<MethodologyForm> parse(String text) {
		Map<String, MethodologyForm> forms = new LinkedHashMap<>();
		try {
			for (CsvTable.Row r : CsvTable.parse(text).rows()) {
				String code = r.require("code");
				if (!code.matches(CODE_PATTERN)) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'code' '" + code + "' does not match " + CODE_PATTERN);
				}
				int version = Integer.parseInt(r.require("version"));
				String key = code + "|" + version;
				MethodologyForm form = forms.computeIfAbsent(key, k -> new MethodologyForm(code + "#" + version,
						Kind.valueOf(r.require("kind")), r.require("name_zh"), r.require("name_en"),
						LocalDate.parse(r.require("valid_from")), null, new ArrayList<>()));
				String valueTag = r.require("value_tag");
				if (!valueTag.startsWith("[")) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'value_tag' must start with a verification tag such as [not found]");
				}
				form.factors().add(new FactorForm(TripMode.valueOf(r.require("mode")), Basis.valueOf(r.require("basis")),
						decimal(r.get("baseline_g_per_pkm")), blank(r.get("baseline_source")), blank(r.get("baseline_tag")),
						decimal(r.get("value_g")), r.require("value_source"), valueTag, blank(r.get("borrowed_from"))));
			}
		}
		catch (IllegalArgumentException | java.time.format.DateTimeParseException ex) {
			throw new IllegalStateException(FILE + ": " + ex.getMessage(), ex);
		}
		return List.copyOf(forms.values());
	}

	private boolean insertSeed(MethodologyForm form) {
		String[] codeVersion = form.code().split("#");
		String code = codeVersion[0];
		int version = Integer.parseInt(codeVersion[1]);
		boolean exists = jdbc.sql("SELECT count(*) FROM inclusive_methodology WHERE code = :c AND version = :v")
			.param("c", code).param("v", version).query(Long.class).single() > 0;
		if (exists) {
			return false;
		}
		List<InputError> errors = validate(form.factors(), form.kind());
		if (!errors.isEmpty()) {
			throw new IllegalStateException(FILE + ": " + code + " V" + version + ": " + errors);
		}
		insert(code, version, form, "plan");
		return true;
	}

	private long insert(String code, int version, MethodologyForm form, String actor) {
		caches.invalidate(CACHE_TOPIC);
		long id = jdbc.sql("""
				INSERT INTO inclusive_methodology (code, version, kind, name_zh, name_en, valid_from, note, created_by, created_at)
				VALUES (:code, :version, :kind, :zh, :en, :from, :note, :by, :at) RETURNING id
				""").param("code", code).param("version", version).param("kind", form.kind().name())
			.param("zh", form.nameZh()).param("en", form.nameEn()).param("from", form.validFrom()).param("note", form.note())
			.param("by", actor).param("at", OffsetDateTime.now(clock)).query(Long.class).single();
		for (FactorForm f : form.factors()) {
			jdbc.sql("""
					INSERT INTO inclusive_methodology_factor (methodology_id, mode, basis, baseline_g_per_pkm, baseline_source,
					  baseline_tag, value_g, value_source, value_tag, borrowed_from)
					VALUES (:m, :mode, :basis, :b, :bs, :bt, :v, :vs, :vt, :from)
					""").param("m", id).param("mode", f.mode().name()).param("basis", f.basis().name())
				.param("b", f.baseline()).param("bs", f.baselineSource()).param("bt", f.baselineTag())
				.param("v", f.value()).param("vs", f.valueSource()).param("vt", f.valueTag()).param("from", f.borrowedFrom())
				.update();
		}
		return id;
	}

	/**
	 * Adds a version (the office): the next version of an existing code (same kind) or version 1 of a new code. Its
	 * first day may not lie before the latest version's. Nothing is ever edited.
	 */
	@Transactional
	public Methodology create(MethodologyForm form) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		List<InputError> errors = new ArrayList<>();
		String code = form.code() == null ? "" : form.code().strip();
		if (!code.matches(CODE_PATTERN)) {
			errors.add(InputError.field("code", "a code of 3 to 24 capitals, digits and '-', e.g. LS-CM-001"));
		}
		if (form.kind() == null) {
			errors.add(InputError.field("kind", "TRAVEL or CHECK_IN"));
		}
		text(errors, "nameZh", form.nameZh(), NAME_MAX, true);
		text(errors, "nameEn", form.nameEn(), NAME_MAX, true);
		text(errors, "note", form.note(), NOTE_MAX, false);
		if (form.validFrom() == null || form.validFrom().getYear() < 2000 || form.validFrom().getYear() > 2100) {
			errors.add(InputError.field("validFrom", "a first day between 2000 and 2100"));
		}
		if (form.factors() == null || form.factors().isEmpty() || form.factors().size() > TripMode.values().length) {
			errors.add(InputError.field("factors", "one to " + TripMode.values().length + " modes"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		errors.addAll(validate(form.factors(), form.kind()));
		// the version number is taken under a lock on the code so that two offices cannot both make V2
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('inclusive_methodology:' || :c))").param("c", code).query(Object.class).list();
		List<Methodology> versions = versions(code, true);
		Methodology latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
		if (latest != null && latest.kind() != form.kind()) {
			errors.add(InputError.field("kind", code + " is a " + latest.kind() + " methodology"));
		}
		if (latest != null && form.validFrom().isBefore(latest.validFrom())) {
			errors.add(InputError.field("validFrom", "must not lie before " + latest.validFrom() + ", the first day of " + latest.label()));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int version = latest == null ? 1 : latest.version() + 1;
		if (version > 999) {
			throw new InvalidInputException("code", code + " has 999 versions");
		}
		MethodologyForm clean = new MethodologyForm(code, form.kind(), form.nameZh().strip(), form.nameEn().strip(),
				form.validFrom(), blank(form.note()), form.factors().stream().map(Methodologies::clean).toList());
		long id = insert(code, version, clean, AccessScope.current().actor());
		cache = null;
		Methodology created = byId(id);
		audit.record("inclusive.methodology.created", "inclusive-methodology", id, null, created.label());
		log.info("Methodology {} created by {}", created.label(), AccessScope.current().actor());
		return created;
	}

	private static FactorForm clean(FactorForm f) {
		return new FactorForm(f.mode(), f.basis(), f.baseline(), blank(f.baselineSource()), blank(f.baselineTag()), f.value(),
				blank(f.valueSource()), blank(f.valueTag()), blank(f.borrowedFrom()));
	}

	private static List<InputError> validate(List<FactorForm> factors, Kind kind) {
		List<InputError> errors = new ArrayList<>();
		java.util.Set<TripMode> seen = java.util.EnumSet.noneOf(TripMode.class);
		for (int i = 0; i < factors.size(); i++) {
			FactorForm f = factors.get(i);
			String at = "factors[" + i + "].";
			if (f == null) {
				errors.add(InputError.field("factors[" + i + "]", "a mode's figures"));
				continue;
			}
			if (f.mode() == null || !seen.add(f.mode())) {
				errors.add(InputError.field(at + "mode", "a mode, each at most once"));
			}
			else if ((kind == Kind.CHECK_IN) != (f.mode() == TripMode.VISIT)) {
				errors.add(InputError.field(at + "mode", kind == Kind.CHECK_IN ? "a check-in methodology has the mode VISIT only" : "VISIT belongs to check-in methodologies"));
			}
			if (f.basis() == null) {
				errors.add(InputError.field(at + "basis", "BASELINE_MINUS_MODE, REDUCTION_PER_PKM, PER_TRIP or PER_VISIT"));
			}
			else if ((f.basis() == Basis.PER_VISIT) != (f.mode() == TripMode.VISIT)) {
				errors.add(InputError.field(at + "basis", "PER_VISIT is the basis of VISIT and of VISIT only"));
			}
			figure(errors, at + "baseline", f.baseline());
			figure(errors, at + "value", f.value());
			if (f.basis() == Basis.BASELINE_MINUS_MODE) {
				if (f.baseline() == null) {
					errors.add(InputError.field(at + "baseline", "the baseline g/pkm (motorised modes) is needed by BASELINE_MINUS_MODE"));
				}
				text(errors, at + "baselineSource", f.baselineSource(), SOURCE_MAX, f.baseline() != null);
				text(errors, at + "baselineTag", f.baselineTag(), TAG_MAX, f.baseline() != null);
			}
			else if (f.baseline() != null) {
				errors.add(InputError.field(at + "baseline", "only BASELINE_MINUS_MODE has a baseline"));
			}
			text(errors, at + "valueSource", f.valueSource(), SOURCE_MAX, true);
			text(errors, at + "valueTag", f.valueTag(), TAG_MAX, true);
			text(errors, at + "borrowedFrom", f.borrowedFrom(), 40, false);
		}
		return errors;
	}

	private static void figure(List<InputError> errors, String field, BigDecimal v) {
		if (v != null && (v.signum() < 0 || v.compareTo(FIGURE_MAX) > 0 || Math.max(v.stripTrailingZeros().scale(), 0) > 4)) {
			errors.add(InputError.field(field, "a figure from 0 to " + FIGURE_MAX.toPlainString() + " with at most 4 decimals"));
		}
	}

	private static void text(List<InputError> errors, String field, String v, int max, boolean required) {
		if (v == null || v.isBlank()) {
			if (required) {
				errors.add(InputError.field(field, "required"));
			}
		}
		else if (v.strip().length() > max) {
			errors.add(InputError.field(field, "at most " + max + " characters"));
		}
	}

	/** Every version of every methodology, by code then version. */
	public List<Methodology> all() {
		return cache().byCode().values().stream().flatMap(List::stream).toList();
	}

	/** The versions of a code, oldest first (empty when unknown). */
	public List<Methodology> versions(String code) {
		return versions(code, false);
	}

	private List<Methodology> versions(String code, boolean fresh) {
		if (fresh) {
			return load(code);
		}
		return cache().byCode().getOrDefault(code, List.of());
	}

	public Methodology byId(long id) {
		Methodology m = cache().byId().get(id);
		if (m == null) {
			cache = null;
			m = cache().byId().get(id);
		}
		if (m == null) {
			throw new NotFoundException("methodology " + id);
		}
		return m;
	}

	/** The version of the code in force on a Beijing day: the latest whose first day is on or before it. */
	public Optional<Methodology> inForce(String code, LocalDate day) {
		List<Methodology> versions = versions(code);
		for (int i = versions.size() - 1; i >= 0; i--) {
			if (!versions.get(i).validFrom().isAfter(day)) {
				return Optional.of(versions.get(i));
			}
		}
		return Optional.empty();
	}

	/** The travel methodology trips are credited by (the first TRAVEL code, LS-CM-001 for Leshan). */
	public Optional<String> travelCode() {
		return all().stream().filter(m -> m.kind() == Kind.TRAVEL).map(Methodology::code).min(Comparator.naturalOrder());
	}

	/** How many trips and check-ins a version computed (shown on the office page; counted on demand). */
	public long used(long id) {
		return jdbc.sql("SELECT (SELECT count(*) FROM inclusive_trip WHERE methodology_id = :id) + (SELECT count(*) FROM inclusive_check_in WHERE methodology_id = :id)")
			.param("id", id).query(Long.class).single();
	}

	private Cache cache() {
		Cache c = cache;
		long version = caches.version(CACHE_TOPIC);
		if (c == null || c.version() != version || clock.millis() - c.loadedAtMillis() > CACHE_SECONDS * 1000L) {
			Map<String, List<Methodology>> byCode = new LinkedHashMap<>();
			Map<Long, Methodology> byId = new java.util.HashMap<>();
			for (Methodology m : load(null)) {
				byCode.computeIfAbsent(m.code(), k -> new ArrayList<>()).add(m);
				byId.put(m.id(), m);
			}
			c = new Cache(clock.millis(), version, byCode, byId);
			cache = c;
		}
		return c;
	}

	private List<Methodology> load(String code) {
		Map<Long, List<Factor>> factors = new java.util.HashMap<>();
		jdbc.sql("SELECT f.* FROM inclusive_methodology_factor f JOIN inclusive_methodology m ON m.id = f.methodology_id WHERE (:c::text IS NULL OR m.code = :c) ORDER BY f.mode")
			.param("c", code).query(rs -> {
				factors.computeIfAbsent(rs.getLong("methodology_id"), k -> new ArrayList<>()).add(factor(rs));
			});
		return jdbc.sql("SELECT * FROM inclusive_methodology WHERE (:c::text IS NULL OR code = :c) ORDER BY code, version")
			.param("c", code)
			.query((rs, n) -> new Methodology(rs.getLong("id"), rs.getString("code"), rs.getInt("version"),
					Kind.valueOf(rs.getString("kind")), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getObject("valid_from", LocalDate.class), rs.getString("note"), rs.getString("created_by"),
					rs.getObject("created_at", OffsetDateTime.class), List.copyOf(factors.getOrDefault(rs.getLong("id"), List.of()))))
			.list();
	}

	private static Factor factor(ResultSet rs) throws SQLException {
		return new Factor(TripMode.valueOf(rs.getString("mode")), Basis.valueOf(rs.getString("basis")),
				strip(rs.getBigDecimal("baseline_g_per_pkm")), rs.getString("baseline_source"), rs.getString("baseline_tag"),
				strip(rs.getBigDecimal("value_g")), rs.getString("value_source"), rs.getString("value_tag"), rs.getString("borrowed_from"));
	}

	private static BigDecimal strip(BigDecimal v) {
		return v == null ? null : v.stripTrailingZeros();
	}

	private static BigDecimal decimal(String text) {
		return text.isEmpty() ? null : new BigDecimal(text);
	}

	private static String blank(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
