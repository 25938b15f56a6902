package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.Factor;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored results computed again: when a new version of a factor is published (the reports that used it), or for a
 * whole year at the city administrator's request. The old results stay as history; the city inventory follows.
 */
@Component
public class Restatements {

	private static final Logger log = LoggerFactory.getLogger(Restatements.class);

	private final FactorLibrary library;
	private final AuditLog audit;
	private final Clock clock;
	private final MonthlyReports reports;
	private final StoredResults stored;
	private final BulkRecompute bulk;
	private final CityInventory cityInventory;
	private final String gridRegion;
	private final int bulkRestatementFrom;

	Restatements(FactorLibrary library, AuditLog audit, Clock clock, MonthlyReports reports, StoredResults stored,
			BulkRecompute bulk, CityInventory cityInventory, AccountingSettings settings,
			@Value("${peakpilot.accounting.bulk-restatement-from:10}") int bulkRestatementFrom) {
		this.library = library;
		this.audit = audit;
		this.clock = clock;
		this.reports = reports;
		this.stored = stored;
		this.bulk = bulk;
		this.cityInventory = cityInventory;
		this.gridRegion = settings.gridRegion();
		this.bulkRestatementFrom = bulkRestatementFrom;
	}

	/** A new version of a factor: the value and its provenance; fields left null keep the previous version's. */
	@Schema(description = "A new version of a factor; fields left out keep the previous version's · 因子新版本（未给出的字段沿用上一版本）")
	public record NewVersion(
			@Schema(minimum = "0", maximum = AccountingBounds.FACTOR_VALUE_LIMIT, example = "0.5366",
					description = "The new value, in the factor's unit per its activity unit (e.g. tCO2/MWh); absent: unchanged · 新数值（按因子单位）") BigDecimal value,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = AccountingBounds.TEXT_MAX, example = "生态环境部 2024 年全国电力平均二氧化碳排放因子",
					description = "Where the new value comes from (document, announcement) · 数据来源") String source,
			@Schema(example = "VERIFIED_SECONDARY", description = "How far the value is verified; absent: read from a [tag] at the start of source · 核验标记") Factor.Tag tag,
			@Schema(example = "2024-01-01", description = "First day the version applies (Beijing date); absent: the previous version's · 生效日期") LocalDate effectiveFrom,
			@Schema(example = "2024-12-31", description = "Last day the version applies, not before effectiveFrom; absent: open-ended "
					+ "(or the previous version's when effectiveFrom is absent too) · 失效日期") LocalDate effectiveTo,
			@Schema(maxLength = AccountingBounds.TEXT_MAX, example = "new year's factor", description = "Why the version is published · 变更说明") String changeNote) {
	}

	/**
	 * Publishes a new version of a factor (e.g. next year's grid factor value once announced). The old version
	 * stays, with the figures it produced. The reports whose current results used the factor, from the version's first
	 * year on, are restated where a figure changed: one by one, or in one pass from
	 * {@code peakpilot.accounting.bulk-restatement-from} reports on (default 10, see bench/README.md); both store the
	 * same rows and audit records.
	 */
	@Transactional
	public Factor publish(String code, NewVersion change) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		Factor previous = library.history(code).get(0);
		List<InputError> errors = new ArrayList<>();
		BigDecimal value = change.value() == null ? previous.value() : change.value();
		if (value == null || value.signum() < 0) {
			errors.add(InputError.field("value", "a non-negative value is required"));
		}
		if (change.source() == null || change.source().isBlank()) {
			errors.add(InputError.field("source", "name the source of the new value (document, announcement)"));
		}
		InputBounds.atMost(errors, "value", value, AccountingBounds.FACTOR_VALUE_MAX);
		InputBounds.length(errors, "source", change.source(), AccountingBounds.TEXT_MAX);
		InputBounds.length(errors, "changeNote", change.changeNote(), AccountingBounds.TEXT_MAX);
		LocalDate from = change.effectiveFrom() == null ? previous.effectiveFrom() : change.effectiveFrom();
		LocalDate to = change.effectiveFrom() == null && change.effectiveTo() == null ? previous.effectiveTo() : change.effectiveTo();
		if (to != null && to.isBefore(from)) {
			errors.add(InputError.field("effectiveTo", "the end lies before the start"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Factor next = new Factor(previous.code(), previous.version() + 1, previous.kind(), previous.nameZh(), previous.nameEn(),
				value, previous.unit(), previous.activityUnit(), previous.ncv(), previous.ncvUnit(), previous.carbonContentTcPerTj(),
				previous.oxidationRate(), previous.kind() == Factor.Kind.ENERGY ? value : previous.tcePerUnit(), previous.regionCode(),
				previous.year(), previous.sector(), previous.methodNote(), change.source().strip(),
				change.tag() == null ? Factor.Tag.of(change.source()) : change.tag(), from, to, AccessScope.current().actor(),
				clock.instant(), change.changeNote());
		library.insert(next);
		audit.record("factor.published", "factor", next.code() + "/v" + next.version(), previous, next);
		List<Long> touched = stored.currentlyUsing(next.code(), next.effectiveFrom().getYear());
		Set<Integer> years = touched.size() < bulkRestatementFrom ? reports.restate(next, touched, library.current(), gridRegion)
				: bulk.restate(next, touched, gridRegion);
		years.forEach(cityInventory::followVerifiedFigures);
		log.info("Published factor {} version {}; reports of {} restated", next.code(), next.version(), years);
		return next;
	}

	/**
	 * Recomputes every report of a year (all statuses) from its stored lines with the factors in force, in one
	 * pass: the current results are superseded and kept as history, the new ones name the factor versions used
	 * and the reason. Gives the figures the per-report path gives; one audit record for the year. For the city
	 * administrator. Returns the number of reports recomputed.
	 */
	@Transactional
	public int recomputeYear(int year, String reason) {
		AccessScope.current().requireRole(Role.CITY_ADMIN);
		int recomputed = bulk.year(year, reason, gridRegion);
		cityInventory.followVerifiedFigures(year);
		return recomputed;
	}
}
