package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.peakpilot.accounting.Factor;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.StartupLock;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.shared.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The zero-carbon events' own footprint factors (travel per pkm, room-nights, meals, materials, waste: what the
 * accounting library does not hold), versioned. Version 1 of each code comes from the plan folder's
 * {@code event-factors.csv} (figures of ../shared/reference with their tags; a mode without a verified figure has an
 * empty value, so its lines stay "not assessed"). The office may enter a later version as a <em>sourced default</em>:
 * a value with its source text, always flagged unverified. Venue energy is not here: electricity and fuels are
 * computed by {@code EmissionsAccounting}'s calculator.
 */
@Component
@Order(25)
public class EventFactors implements ApplicationRunner {

	static final String FILE = "event-factors.csv";

	/** The largest factor the office may enter, kgCO2 per activity unit. */
	public static final String VALUE_MAX = "1000000";
	/** The longest source text. */
	public static final int SOURCE_MAX = 1000;

	private static final Logger log = LoggerFactory.getLogger(EventFactors.class);

	/** Where a factor version comes from. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "ZeroCarbonEventFactorOrigin", description = "REFERENCE file or office SOURCED_DEFAULT · 因子来源")
	public enum Origin {
		/** The plan folder's file: figures of the reference data with their tags. */
		REFERENCE,
		/** Entered by the office with its source; never counted as verified. */
		SOURCED_DEFAULT
	}

	/** One version of a footprint factor; {@code kgCo2PerUnit} null: no factor, lines are not assessed. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "ZeroCarbonEventFactor", description = "A footprint factor version · 活动碳足迹因子版本")
	public record EventFactor(
			@io.swagger.v3.oas.annotations.media.Schema(example = "TRAVEL-CAR", description = "Code · 因子代码") String code,
			@io.swagger.v3.oas.annotations.media.Schema(example = "1", description = "Version · 版本") int version,
			@io.swagger.v3.oas.annotations.media.Schema(description = "MEE 2019 category · 排放类别") EventCategory category,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Name in Chinese · 中文名称") String nameZh,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Name in English · 英文名称") String nameEn,
			@io.swagger.v3.oas.annotations.media.Schema(example = "pkm", description = "Activity unit · 活动单位") String unit,
			@io.swagger.v3.oas.annotations.media.Schema(example = "0.2718", description = "kgCO2 per unit; absent: no factor, lines not assessed · 每单位千克二氧化碳（空为无因子）") BigDecimal kgCo2PerUnit,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Source with its verification tag · 来源及核验标记") String source,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Whether verified (office defaults never) · 是否已核验（办公室缺省值均为未核验）") boolean verified,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Origin · 来源类型") Origin origin,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Who entered it · 录入人") String enteredBy,
			@io.swagger.v3.oas.annotations.media.Schema(description = "When · 录入时间") Instant enteredAt) {

		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

		public boolean assessed() {
			return kgCo2PerUnit != null;
		}
	}

	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final AuditLog audit;
	private final Clock clock;

	private final StartupLock startup;

	EventFactors(JdbcClient jdbc, PilotPlan plan, AuditLog audit, Clock clock, StartupLock startup) {
		this.startup = startup;
		this.jdbc = jdbc;
		this.plan = plan;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		// two instances starting at once: the second waits and finds the factors (issue 16)
		startup.exclusively("inclusive.eventFactors", () -> SystemActor.run("event-factor-loader", this::loadReferenceFactors));
	}

	/** Inserts version 1 of every code of the plan's file that the table does not hold yet (idempotent). */
	@Transactional
	public void loadReferenceFactors() {
		Optional<String> file = plan.planText(FILE);
		if (file.isEmpty()) {
			return;
		}
		String text = file.get();
		int added = 0;
		for (EventFactor f : parse(text, clock.instant())) {
			added += jdbc.sql("""
					INSERT INTO inclusive_event_factor (code, version, category, name_zh, name_en, unit, kg_co2_per_unit, source,
					    verified, origin, entered_by, entered_at)
					VALUES (:code, 1, :category, :zh, :en, :unit, :value, :source, :verified, 'REFERENCE', 'plan', :at)
					ON CONFLICT (code, version) DO NOTHING
					""")
				.param("code", f.code()).param("category", f.category().name()).param("zh", f.nameZh()).param("en", f.nameEn())
				.param("unit", f.unit()).param("value", f.kgCo2PerUnit()).param("source", f.source()).param("verified", f.verified())
				.param("at", OffsetDateTime.ofInstant(f.enteredAt(), clock.getZone())).update();
		}
		if (added > 0) {
			log.info("Loaded {} zero-carbon event factors from {}", added, FILE);
		}
	}

	/** Parses the file; a bad row stops the start naming the file, line and column. */
	static List<EventFactor> parse(String text, Instant at) {
		List<EventFactor> out = new ArrayList<>();
		Set<String> codes = new LinkedHashSet<>();
		try {
			for (CsvTable.Row r : CsvTable.parse(text).rows()) {
				String code = r.require("code");
				if (!code.matches("[A-Z][A-Z0-9-]{1,39}") || !codes.add(code)) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'code' '" + code + "' is malformed or repeated");
				}
				EventCategory category;
				try {
					category = EventCategory.valueOf(r.require("category"));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'category' must be one of TRAVEL, ACCOMMODATION, CATERING, MATERIALS, WASTE");
				}
				if (category == EventCategory.VENUE_ENERGY) {
					throw new IllegalArgumentException("line " + r.line() + ": venue energy is computed by the accounting library");
				}
				String source = r.require("source");
				Factor.Tag tag = Factor.Tag.of(source);
				if (tag == Factor.Tag.UNTAGGED) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'source' must start with a verification tag such as [not found]");
				}
				String valueText = r.get("kg_co2_per_unit");
				BigDecimal value = null;
				if (!valueText.isEmpty()) {
					try {
						value = new BigDecimal(valueText);
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException("line " + r.line() + ": column 'kg_co2_per_unit' is not a number");
					}
					if (value.signum() < 0 || !tag.verified()) {
						throw new IllegalArgumentException("line " + r.line() + ": a value needs a verified tag ([verified-secondary], [computed], "
								+ "[convention]) and must not be negative; leave it empty otherwise");
					}
				}
				out.add(new EventFactor(code, 1, category, r.require("name_zh"), r.require("name_en"), r.require("unit"), value, source,
						value != null && tag.verified(), Origin.REFERENCE, "plan", at));
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(FILE + ": " + ex.getMessage(), ex);
		}
		return out;
	}

	/** Every code in its newest version, in the order of category and code. */
	public List<EventFactor> current() {
		return jdbc.sql("""
				SELECT * FROM inclusive_event_factor f
				WHERE version = (SELECT max(version) FROM inclusive_event_factor g WHERE g.code = f.code)
				ORDER BY CASE category WHEN 'TRAVEL' THEN 1 WHEN 'ACCOMMODATION' THEN 2 WHEN 'CATERING' THEN 3
				    WHEN 'MATERIALS' THEN 4 ELSE 5 END, code
				""").query(EventFactors::row).list();
	}

	/** The newest version of a code, if the code exists. */
	public Optional<EventFactor> current(String code) {
		return jdbc.sql("SELECT * FROM inclusive_event_factor WHERE code = :c ORDER BY version DESC LIMIT 1")
			.param("c", code).query(EventFactors::row).optional();
	}

	/** Every version of a code, newest first. */
	public List<EventFactor> history(String code) {
		List<EventFactor> versions = jdbc.sql("SELECT * FROM inclusive_event_factor WHERE code = :c ORDER BY version DESC")
			.param("c", code == null ? "" : code.toUpperCase(Locale.ROOT)).query(EventFactors::row).list();
		if (versions.isEmpty()) {
			throw new NotFoundException("event factor " + code);
		}
		return versions;
	}

	/**
	 * The office enters a sourced default for a code: a new version with the value (kgCO2 per the code's unit) and its
	 * source text, flagged unverified. Lines entered afterwards use it; lines already entered keep theirs.
	 */
	@Transactional
	public EventFactor enterSourcedDefault(String code, BigDecimal kgCo2PerUnit, String source) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		List<InputError> errors = new ArrayList<>();
		if (kgCo2PerUnit == null) {
			errors.add(InputError.field("kgCo2PerUnit", "is required"));
		}
		else if (kgCo2PerUnit.signum() < 0 || kgCo2PerUnit.compareTo(new BigDecimal(VALUE_MAX)) > 0) {
			errors.add(InputError.field("kgCo2PerUnit", "must lie between 0 and " + VALUE_MAX + " kgCO2 per unit"));
		}
		else if (kgCo2PerUnit.stripTrailingZeros().scale() > 6) {
			errors.add(InputError.field("kgCo2PerUnit", "at most 6 decimals"));
		}
		String text = source == null ? "" : source.strip();
		if (text.isEmpty()) {
			errors.add(InputError.field("source", "is required: the document, table and page the value comes from"));
		}
		else if (text.length() > SOURCE_MAX) {
			errors.add(InputError.field("source", "at most " + SOURCE_MAX + " characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		EventFactor before = history(code).get(0);
		jdbc.sql("""
				INSERT INTO inclusive_event_factor (code, version, category, name_zh, name_en, unit, kg_co2_per_unit, source,
				    verified, origin, entered_by, entered_at)
				VALUES (:code, :version, :category, :zh, :en, :unit, :value, :source, FALSE, 'SOURCED_DEFAULT', :by, :at)
				""")
			.param("code", before.code()).param("version", before.version() + 1).param("category", before.category().name())
			.param("zh", before.nameZh()).param("en", before.nameEn()).param("unit", before.unit()).param("value", kgCo2PerUnit)
			.param("source", "[unverified] sourced default entered by the office: " + text).param("by", AccessScope.current().actor())
			.param("at", OffsetDateTime.ofInstant(clock.instant(), clock.getZone())).update();
		EventFactor after = history(code).get(0);
		audit.record("inclusive.event-factor-default", "inclusive-event-factor", after.code() + " v" + after.version(), before, after);
		return after;
	}

	static EventFactor row(ResultSet rs, int n) throws SQLException {
		return new EventFactor(rs.getString("code"), rs.getInt("version"), EventCategory.valueOf(rs.getString("category")),
				rs.getString("name_zh"), rs.getString("name_en"), rs.getString("unit"), rs.getBigDecimal("kg_co2_per_unit") == null ? null : rs.getBigDecimal("kg_co2_per_unit").stripTrailingZeros(),
				rs.getString("source"), rs.getBoolean("verified"), Origin.valueOf(rs.getString("origin")), rs.getString("entered_by"),
				rs.getObject("entered_at", OffsetDateTime.class).toInstant());
	}
}
