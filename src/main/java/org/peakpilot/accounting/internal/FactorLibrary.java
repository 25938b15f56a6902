package org.peakpilot.accounting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EmissionsAccounting.FactorQuery;
import org.peakpilot.accounting.Factor;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.CacheInvalidation;
import org.peakpilot.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The factor store: the versions in {@code accounting_factor}, read by the per-report path one question at a time
 * ({@link #current()}), by the bulk recompute whole ({@link #all()}), and by the result history per code. Publishing a
 * new version, which restates reports, is {@link Restatements#publish}.
 */
@Component
public class FactorLibrary {

	private static final Logger log = LoggerFactory.getLogger(FactorLibrary.class);

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final FactorFiles files;
	private final CacheInvalidation caches;

	FactorLibrary(JdbcClient jdbc, AuditLog audit, Clock clock, ResourceLoader resources, CacheInvalidation caches,
			@Value("${peakpilot.accounting.factor-location:classpath:factors/}") String factorLocation) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.audit = audit;
		this.clock = clock;
		this.files = new FactorFiles(resources, factorLocation);
	}

	/** Factors in their newest versions (or every version), by kind and code. */
	public List<Factor> factors(FactorQuery q) {
		String text = q.text() == null || q.text().isBlank() ? null : "%" + q.text().strip() + "%";
		return jdbc.sql("""
				SELECT * FROM accounting_factor f
				WHERE (CAST(:kind AS text) IS NULL OR kind = :kind)
				  AND (CAST(:text AS text) IS NULL OR code ILIKE :text OR name_zh ILIKE :text OR name_en ILIKE :text)
				  AND (:all OR version = (SELECT max(version) FROM accounting_factor g WHERE g.code = f.code))
				ORDER BY kind, code, version DESC
				""")
			.param("kind", q.kind() == null ? null : q.kind().name()).param("text", text).param("all", q.allVersions())
			.query(FactorLibrary::row).list();
	}

	/** Every version of one factor, newest first. */
	public List<Factor> history(String code) {
		List<Factor> versions = jdbc.sql("SELECT * FROM accounting_factor WHERE code = :c ORDER BY version DESC")
			.param("c", code.toUpperCase(Locale.ROOT)).query(FactorLibrary::row).list();
		if (versions.isEmpty()) {
			throw new NotFoundException("factor " + code);
		}
		return versions;
	}

	/** Loads the reference factors as version 1 when the library is empty. */
	@Transactional
	public void loadReferenceFactors() {
		long existing = jdbc.sql("SELECT count(*) FROM accounting_factor").query(Long.class).single();
		if (existing > 0) {
			return;
		}
		List<Factor> factors = files.read(AccessScope.current().actor(), clock.instant());
		factors.forEach(this::insert);
		audit.record("factors.loaded", "factor-library", "v1", null, java.util.Map.of("factors", factors.size()));
		log.info("Loaded {} reference factors", factors.size());
	}

	/** The factor choice of the per-report path, reading the library as it is now. */
	public Calculator.Factors current() {
		return new DatabaseFactors();
	}

	/** The whole library (every version of every factor) with the rule in force, as the bulk recompute reads it. */
	FactorsInForce all() {
		return FactorsInForce.of(jdbc.sql("SELECT * FROM accounting_factor").query(FactorLibrary::row).list());
	}

	/** Every version of the given codes. */
	List<Factor> versionsOf(String[] codes) {
		return jdbc.sql("SELECT * FROM accounting_factor WHERE code = ANY(:codes)").param("codes", codes)
			.query(FactorLibrary::row).list();
	}

	/**
	 * The library as it is now, one question at a time: loads the candidate versions (every version of the code,
	 * or of the region's grid factors) and asks {@link FactorsInForce}, the rule the bulk recompute asks too.
	 */
	private final class DatabaseFactors implements Calculator.Factors {
		@Override
		public Optional<Factor> inForce(String code, int year) {
			return FactorsInForce.of(jdbc.sql("SELECT * FROM accounting_factor WHERE code = :c").param("c", code)
				.query(FactorLibrary::row).list()).inForce(code, year);
		}

		@Override
		public Optional<Factor> grid(String region, int year) {
			return FactorsInForce.of(jdbc.sql("""
					SELECT * FROM accounting_factor
					WHERE code IN (SELECT code FROM accounting_factor WHERE kind = 'GRID' AND region_code = :r)
					""").param("r", region).query(FactorLibrary::row).list()).grid(region, year);
		}
	}

	void insert(Factor f) {
		caches.invalidate(EmissionsAccounting.FACTOR_CACHE_TOPIC);
		jdbc.sql("""
				INSERT INTO accounting_factor (code, version, kind, name_zh, name_en, value, unit, activity_unit, ncv, ncv_unit,
				    carbon_content_tc_per_tj, oxidation_rate, tce_per_unit, region_code, year, sector, method_note, source, tag,
				    effective_from, effective_to, published_by, published_at, change_note)
				VALUES (:code, :version, :kind, :nz, :ne, :value, :unit, :au, :ncv, :ncvu, :cc, :ox, :tce, :region, :year, :sector,
				    :note, :source, :tag, :from, :to, :by, :at, :change)
				""")
			.param("code", f.code()).param("version", f.version()).param("kind", f.kind().name()).param("nz", f.nameZh())
			.param("ne", f.nameEn()).param("value", f.value()).param("unit", f.unit()).param("au", f.activityUnit())
			.param("ncv", f.ncv()).param("ncvu", f.ncvUnit()).param("cc", f.carbonContentTcPerTj()).param("ox", f.oxidationRate())
			.param("tce", f.tcePerUnit()).param("region", f.regionCode()).param("year", f.year()).param("sector", f.sector())
			.param("note", f.methodNote()).param("source", f.source()).param("tag", f.tag().name())
			.param("from", f.effectiveFrom()).param("to", f.effectiveTo()).param("by", f.publishedBy())
			.param("at", OffsetDateTime.ofInstant(f.publishedAt(), clock.getZone())).param("change", f.changeNote())
			.update();
	}

	/** A factor row as every path reads it. */
	static Factor row(ResultSet rs, int n) throws SQLException {
		return new Factor(rs.getString("code"), rs.getInt("version"), Factor.Kind.valueOf(rs.getString("kind")),
				rs.getString("name_zh"), rs.getString("name_en"), Calculator.strip(rs.getBigDecimal("value")), rs.getString("unit"),
				rs.getString("activity_unit"), Calculator.strip(rs.getBigDecimal("ncv")), rs.getString("ncv_unit"),
				Calculator.strip(rs.getBigDecimal("carbon_content_tc_per_tj")), Calculator.strip(rs.getBigDecimal("oxidation_rate")),
				Calculator.strip(rs.getBigDecimal("tce_per_unit")), rs.getString("region_code"), rs.getObject("year", Integer.class),
				rs.getString("sector"), rs.getString("method_note"), rs.getString("source"), Factor.Tag.valueOf(rs.getString("tag")),
				rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
				rs.getString("published_by"), rs.getObject("published_at", OffsetDateTime.class).toInstant(),
				rs.getString("change_note"));
	}
}
