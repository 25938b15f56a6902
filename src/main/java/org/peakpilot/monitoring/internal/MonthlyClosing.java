package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.monitoring.ClosingOutcome;
import org.peakpilot.monitoring.MeteredEnergy;
import org.peakpilot.monitoring.MonthClosed;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The monthly closing (月度结算): an enterprise's metered energy of a month that is over, per energy code and unit
 * from the month rollups, becomes the activity lines (FUEL, ELECTRICITY, HEAT) of a DRAFT accounting report, which
 * the enterprise then confirms or corrects and submits as usual. Metering drafts only: it writes a report when there
 * is none, or when the report is still a draft (or returned) whose lines are exactly the ones metering wrote last;
 * anything the enterprise entered, changed or submitted is kept and only compared. Products and output values of
 * the enterprise stay as they are. Every run is recorded (monitoring_month_close, audit log) and published as
 * {@link MonthClosed}.
 * <p>
 * Monitoring calls the accounting entry point directly: accounting must not depend on monitoring (monitoring
 * already depends on accounting for its conversions), so the "metered energy drafts the report" reaction lives on
 * this side and the event is for everyone else.
 */
@Component
public class MonthlyClosing {

	private static final Logger log = LoggerFactory.getLogger(MonthlyClosing.class);
	private static final MathContext MC = MathContext.DECIMAL64;
	static final String LABEL = "计量 metered";

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final EnergyConversions conversions;
	private final RollupJob rollups;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final JsonMapper json;
	private final Clock clock;
	private final boolean scheduled;
	private final int closingDay;
	private final BigDecimal tolerancePercent;

	MonthlyClosing(JdbcClient jdbc, TransactionTemplate tx, Registry registry, EmissionsAccounting accounting,
			EnergyConversions conversions, RollupJob rollups, AuditLog audit, ApplicationEventPublisher events, JsonMapper json,
			Clock clock, @Value("${peakpilot.monitoring.closing.scheduled:true}") boolean scheduled,
			@Value("${peakpilot.monitoring.closing.day-of-month:2}") int closingDay,
			@Value("${peakpilot.monitoring.closing.tolerance-percent:5}") BigDecimal tolerancePercent) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.registry = registry;
		this.accounting = accounting;
		this.conversions = conversions;
		this.rollups = rollups;
		this.audit = audit;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.scheduled = scheduled;
		this.closingDay = closingDay;
		this.tolerancePercent = tolerancePercent;
	}

	public BigDecimal tolerancePercent() {
		return tolerancePercent;
	}

	/**
	 * Every day (by default at 02:30 Beijing time), from the configured day of the month on, closes the previous
	 * month of every enterprise with meters that has not been closed yet, as the system actor
	 * {@code system:monthly-closing} (city-wide: it drafts reports of every enterprise, which accounting allows the
	 * office only).
	 */
	// Daily: one instance closes; lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "monitoring.monthlyClosing", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.monitoring.closing.cron:0 30 2 * * *}", zone = "Asia/Shanghai")
	void onSchedule() {
		if (!scheduled || LocalDate.now(clock.withZone(ReadingIngest.BEIJING)).getDayOfMonth() < closingDay) {
			return;
		}
		YearMonth previous = YearMonth.now(clock.withZone(ReadingIngest.BEIJING)).minusMonths(1);
		try {
			List<MonthClosing> closed = SystemActor.call("monthly-closing", () -> closeAll(previous, false));
			if (!closed.isEmpty()) {
				log.info("Closed {} for {} enterprises", previous, closed.size());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Monthly closing of {} failed, will retry tomorrow: {}", previous, ex.getMessage());
		}
	}

	/** Closes a month for every enterprise with meters (city-wide callers); {@code again} also re-closes closed ones. */
	public List<MonthClosing> closeAll(YearMonth ym, boolean again) {
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + ": closing every enterprise's month is for the city office");
		}
		List<Long> enterprises = jdbc.sql("""
				SELECT DISTINCT m.enterprise_id FROM monitoring_meter m
				WHERE :again OR NOT EXISTS (SELECT 1 FROM monitoring_month_close c WHERE c.enterprise_id = m.enterprise_id
				                                AND c.year = :y AND c.month = :m)
				ORDER BY 1
				""").param("again", again).param("y", ym.getYear()).param("m", ym.getMonthValue()).query(Long.class).list();
		List<MonthClosing> closed = new ArrayList<>();
		for (long e : enterprises) {
			try {
				closed.add(close(e, ym));
			}
			catch (RuntimeException ex) {
				log.warn("Monthly closing of {} for enterprise {} failed: {}", ym, e, ex.getMessage());
			}
		}
		return closed;
	}

	/** Closes one enterprise's month: the city office, or the enterprise's own user. */
	public MonthClosing close(long enterpriseId, YearMonth ym) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		AccessScope scope = AccessScope.current();
		Owner owner = new Owner(e.countyCode(), e.parkId(), e.id());
		if (!(scope.isCityWide() || (scope.hasRole(Role.ENTERPRISE_USER) && scope.canRead(owner)))) {
			throw new AccessDeniedException(scope.actor() + " may not close this enterprise's month (the office or the enterprise does)");
		}
		Instant end = ym.plusMonths(1).atDay(1).atStartOfDay(ReadingIngest.BEIJING).toInstant();
		if (end.isAfter(clock.instant())) {
			throw new RuleViolationException(ym + " is not over yet", false);
		}
		rollups.rollUpPending();
		return tx.execute(s -> closeInTransaction(e, ym));
	}

	private MonthClosing closeInTransaction(RegistryModel.Enterprise e, YearMonth ym) {
		List<MeteredEnergy> metered = metered(e.id(), ym);
		List<Calculation.Line> lines = metered.stream().filter(m -> m.quantity().signum() > 0).map(MonthlyClosing::line).toList();
		Optional<Report> report = accounting.report(e.id(), ym.getYear(), ym.getMonthValue());
		Optional<Previous> previous = jdbc.sql("SELECT id, drafted_lines::text AS drafted, drafted_at FROM monitoring_month_close WHERE enterprise_id = :e AND year = :y AND month = :m")
			.param("e", e.id()).param("y", ym.getYear()).param("m", ym.getMonthValue())
			.query((rs, n) -> new Previous(rs.getLong("id"), rs.getString("drafted"), Gateways.instant(rs, "drafted_at"))).optional();
		List<String> drafted = previous.map(p -> p.drafted() == null ? null : List.of(json.readValue(p.drafted(), String[].class)))
			.orElse(null);
		ClosingOutcome outcome;
		String note;
		Long reportId = report.map(Report::id).orElse(null);
		List<String> written = drafted;
		Instant draftedAt = previous.map(Previous::draftedAt).orElse(null);
		if (lines.isEmpty()) {
			outcome = ClosingOutcome.NO_DATA;
			note = "no metered energy in " + ym;
		}
		else if (report.isEmpty()) {
			Report saved = accounting.saveReport(e.id(), ym.getYear(), ym.getMonthValue(),
					new ReportContent(null, null, reportLines(lines), List.of()));
			outcome = ClosingOutcome.DRAFTED;
			note = "draft report created from " + lines.size() + " metered energies";
			reportId = saved.id();
			written = keys(lines);
			draftedAt = clock.instant();
		}
		else {
			Report r = report.get();
			List<String> current = keys(r.content().lines().stream().map(ReportLine::line).toList());
			boolean metering = r.editable() && drafted != null && current.equals(drafted);
			if (!metering) {
				outcome = ClosingOutcome.KEPT;
				note = r.editable() ? "the report holds lines the enterprise entered: kept, compared only"
						: "the report is " + r.status() + ": kept, compared only";
			}
			else if (current.equals(keys(lines))) {
				outcome = ClosingOutcome.UNCHANGED;
				note = "the metered draft is up to date";
			}
			else {
				accounting.saveReport(e.id(), ym.getYear(), ym.getMonthValue(), new ReportContent(r.content().outputValue10kCny(),
						r.content().valueAdded10kCny(), reportLines(lines), r.content().products()));
				outcome = ClosingOutcome.REDRAFTED;
				note = "the metered draft was updated with the current rollups";
				written = keys(lines);
				draftedAt = clock.instant();
			}
		}
		Instant now = clock.instant();
		long id = jdbc.sql("""
				INSERT INTO monitoring_month_close (enterprise_id, county_code, park_id, industry_code, year, month, outcome, report_id, note,
				    drafted_lines, drafted_at, closed_by, closed_at)
				VALUES (:e, :county, :park, :industry, :y, :m, :outcome, :report, :note, CAST(:drafted AS jsonb), :draftedAt, :by, :now)
				ON CONFLICT (enterprise_id, year, month) DO UPDATE SET outcome = EXCLUDED.outcome, report_id = EXCLUDED.report_id,
				    note = EXCLUDED.note, drafted_lines = EXCLUDED.drafted_lines, drafted_at = EXCLUDED.drafted_at,
				    closed_by = EXCLUDED.closed_by, closed_at = EXCLUDED.closed_at
				RETURNING id
				""")
			.param("e", e.id()).param("county", e.countyCode()).param("park", e.parkId()).param("industry", e.industryCode())
			.param("y", ym.getYear()).param("m", ym.getMonthValue()).param("outcome", outcome.name()).param("report", reportId)
			.param("note", note).param("drafted", written == null ? null : json.writeValueAsString(written))
			.param("draftedAt", Gateways.utc(draftedAt)).param("by", AccessScope.current().actor()).param("now", Gateways.utc(now))
			.query(Long.class).single();
		jdbc.sql("DELETE FROM monitoring_month_close_line WHERE close_id = :id").param("id", id).update();
		for (int i = 0; i < metered.size(); i++) {
			MeteredEnergy m = metered.get(i);
			jdbc.sql("""
					INSERT INTO monitoring_month_close_line (close_id, line_no, energy_code, unit, quantity, tce, meters, readings, excluded)
					VALUES (:id, :n, :code, :unit, :q, :tce, :meters, :readings, :excluded)
					""").param("id", id).param("n", i).param("code", m.energyCode()).param("unit", m.unit()).param("q", m.quantity())
				.param("tce", m.tce().value()).param("meters", m.meters()).param("readings", m.readings()).param("excluded", m.excluded()).update();
		}
		MonthClosing closing = closing(id);
		audit.record("month.closed", "month-close", e.id() + "/" + ym, null, closing);
		Tce totalTce = metered.stream().map(MeteredEnergy::tce).reduce(Tce.ZERO, Tce::plus);
		events.publishEvent(new MonthClosed(e.id(), e.countyCode(), ym.getYear(), ym.getMonthValue(), metered, totalTce, outcome, reportId));
		log.info("Closed {} of enterprise {}: {} (report {})", ym, e.id(), outcome, reportId);
		return closing;
	}

	private record Previous(long id, String drafted, Instant draftedAt) {
	}

	/** The metered energy of an enterprise's month per energy code and unit, from the month rollups of all its meters. */
	List<MeteredEnergy> metered(long enterpriseId, YearMonth ym) {
		Instant start = ym.atDay(1).atStartOfDay(ReadingIngest.BEIJING).toInstant();
		return jdbc.sql("""
				SELECT m.energy_code, m.unit, sum(r.quantity) AS quantity, count(DISTINCT m.id) AS meters, sum(r.readings) AS readings,
				       sum(r.excluded) AS excluded
				FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
				WHERE m.enterprise_id = :e AND r.grain = 'M' AND r.period_start = :s
				GROUP BY m.energy_code, m.unit ORDER BY m.energy_code, m.unit
				""").param("e", enterpriseId).param("s", Gateways.utc(start))
			.query((rs, n) -> {
				BigDecimal q = rs.getBigDecimal("quantity").stripTrailingZeros();
				Tce tce = Tce.of(conversions.of(rs.getString("energy_code"), rs.getString("unit"), ym.getYear()).tce(q));
				return new MeteredEnergy(rs.getString("energy_code"), rs.getString("unit"), q, tce, rs.getInt("meters"), rs.getInt("readings"),
						rs.getInt("excluded"));
			}).list();
	}

	private static Calculation.Line line(MeteredEnergy m) {
		LineType type = switch (m.energyCode()) {
			case EnergyConversions.ELECTRICITY -> LineType.ELECTRICITY;
			case EnergyConversions.HEAT -> LineType.HEAT;
			default -> LineType.FUEL;
		};
		return new Calculation.Line(type, type == LineType.FUEL ? m.energyCode() : null, m.quantity(), m.unit(), null, null, null, null,
				null, null, null, null, null, LABEL + " (" + m.meters() + ")");
	}

	private static List<ReportLine> reportLines(List<Calculation.Line> lines) {
		return lines.stream().map(l -> new ReportLine(l, EnergyUse.ENERGY)).toList();
	}

	/** What identifies a line's energy and quantity, for telling a still-metered draft from a changed one. */
	private static List<String> keys(List<Calculation.Line> lines) {
		return lines.stream().map(l -> l.type() + "|" + (l.factorCode() == null ? "" : l.factorCode()) + "|"
				+ l.quantity().stripTrailingZeros().toPlainString() + "|" + l.unit() + "|" + (l.label() == null ? "" : l.label())).sorted().toList();
	}

	MonthClosing closing(long id) {
		List<MeteredEnergy> lines = jdbc.sql("SELECT * FROM monitoring_month_close_line WHERE close_id = :id ORDER BY line_no").param("id", id)
			.query((rs, n) -> new MeteredEnergy(rs.getString("energy_code"), rs.getString("unit"), rs.getBigDecimal("quantity").stripTrailingZeros(),
					Tce.of(rs.getBigDecimal("tce")), rs.getInt("meters"), rs.getInt("readings"), rs.getInt("excluded")))
			.list();
		return jdbc.sql("SELECT * FROM monitoring_month_close WHERE id = :id").param("id", id)
			.query((rs, n) -> new MonthClosing(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getInt("year"), rs.getInt("month"),
					ClosingOutcome.valueOf(rs.getString("outcome")), rs.getObject("report_id", Long.class), rs.getString("note"), lines,
					Gateways.instant(rs, "drafted_at"), rs.getString("closed_by"), Gateways.instant(rs, "closed_at")))
			.single();
	}

	/**
	 * Metered versus reported energy of the closed months within the caller's scope (of a year, optionally one month
	 * and one enterprise): metered from the current rollups, reported from the current report (any status).
	 */
	public List<MonthComparison> compare(int year, Integer month, Long enterpriseId) {
		AccessScope.SqlCondition scope = AccessScope.current().where("county_code", "park_id", "enterprise_id");
		List<long[]> closings = jdbc.sql("""
				SELECT id, enterprise_id, month FROM monitoring_month_close
				WHERE %s AND year = :y AND (CAST(:m AS int) IS NULL OR month = :m) AND (CAST(:e AS bigint) IS NULL OR enterprise_id = :e)
				ORDER BY month DESC, enterprise_id
				""".formatted(scope.sql()))
			.params(scope.params()).param("y", year).param("m", month).param("e", enterpriseId)
			.query((rs, n) -> new long[] { rs.getLong("id"), rs.getLong("enterprise_id"), rs.getInt("month") }).list();
		List<MonthComparison> out = new ArrayList<>();
		for (long[] c : closings) {
			out.add(compare(closing(c[0]), YearMonth.of(year, (int) c[2])));
		}
		return out;
	}

	private MonthComparison compare(MonthClosing closing, YearMonth ym) {
		RegistryModel.Enterprise e = registry.enterprise(closing.enterpriseId());
		Map<String, Side> metered = new LinkedHashMap<>();
		for (MeteredEnergy m : metered(e.id(), ym)) {
			metered.computeIfAbsent(m.energyCode(), k -> new Side()).add(m.quantity(), m.unit(), m.tce().value());
		}
		Optional<Report> report = accounting.report(e.id(), ym.getYear(), ym.getMonthValue());
		Map<String, Side> reported = new LinkedHashMap<>();
		report.ifPresent(r -> {
			Map<Integer, BigDecimal> tceByLine = new java.util.HashMap<>();
			r.results().forEach(x -> tceByLine.put(x.lineNo(), x.tce().value()));
			List<ReportLine> lines = r.content().lines();
			for (int i = 0; i < lines.size(); i++) {
				Calculation.Line l = lines.get(i).line();
				String key = switch (l.type()) {
					case ELECTRICITY -> EnergyConversions.ELECTRICITY;
					case HEAT -> EnergyConversions.HEAT;
					case FUEL -> l.factorCode();
					default -> null;
				};
				if (key != null) {
					reported.computeIfAbsent(key, k -> new Side()).add(l.quantity(), l.unit(), tceByLine.getOrDefault(i, BigDecimal.ZERO));
				}
			}
		});
		List<String> codes = new ArrayList<>(metered.keySet());
		reported.keySet().stream().filter(k -> !metered.containsKey(k)).forEach(codes::add);
		List<EnergyComparison> energies = new ArrayList<>();
		BigDecimal meteredTce = BigDecimal.ZERO;
		BigDecimal reportedTce = BigDecimal.ZERO;
		for (String code : codes) {
			Side m = metered.getOrDefault(code, new Side());
			Side r = reported.getOrDefault(code, new Side());
			meteredTce = meteredTce.add(m.tce);
			reportedTce = reportedTce.add(r.tce);
			BigDecimal diff = percent(m.tce, r.tce);
			energies.add(new EnergyComparison(code, m.unit(), m.quantity(), Rounding.stored(m.tce), r.unit(), r.quantity(),
					Rounding.stored(r.tce), diff, flagged(m.tce, r.tce, diff)));
		}
		BigDecimal diff = report.isEmpty() ? null : percent(meteredTce, reportedTce);
		boolean flagged = report.isEmpty() ? meteredTce.signum() != 0 : flagged(meteredTce, reportedTce, diff)
				|| energies.stream().anyMatch(EnergyComparison::flagged);
		return new MonthComparison(e.id(), e.countyCode(), ym.getYear(), ym.getMonthValue(), closing.outcome(),
				report.map(Report::id).orElse(null), report.map(r -> r.status().name()).orElse(null),
				Rounding.stored(meteredTce), report.isEmpty() ? null : Rounding.stored(reportedTce), diff, flagged,
				tolerancePercent, energies);
	}

	/**
	 * (reported − metered) ÷ metered in percent, two decimals; null when nothing was metered. A share, not a
	 * quantity, so deliberately outside the shared rounding policy: the tolerance compares the two decimals shown.
	 */
	static BigDecimal percent(BigDecimal metered, BigDecimal reported) {
		if (metered.signum() == 0) {
			return null;
		}
		return reported.subtract(metered).multiply(BigDecimal.valueOf(100)).divide(metered, MC).setScale(2, RoundingMode.HALF_EVEN);
	}

	private boolean flagged(BigDecimal metered, BigDecimal reported, BigDecimal diff) {
		if (diff == null) {
			return reported.signum() != 0;
		}
		return diff.abs().compareTo(tolerancePercent) > 0;
	}

	/** One side of a comparison: tce, and the quantity while every line has the same unit. */
	private static final class Side {
		BigDecimal tce = BigDecimal.ZERO;
		BigDecimal quantity = BigDecimal.ZERO;
		String unit;
		boolean mixed;

		void add(BigDecimal q, String u, BigDecimal t) {
			tce = tce.add(t);
			if (unit == null && !mixed) {
				unit = u;
			}
			else if (unit != null && !unit.equals(u)) {
				mixed = true;
				unit = null;
			}
			quantity = quantity.add(q);
		}

		String unit() {
			return mixed ? null : unit;
		}

		BigDecimal quantity() {
			return mixed || unit == null ? null : quantity.stripTrailingZeros();
		}
	}
}
