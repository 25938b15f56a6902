package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Product;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the alarm rules over the recent rollups and raises alarms (idempotent: one alarm per meter, kind and
 * period). The rules:
 * <ul>
 * <li>THRESHOLD_INTERVAL / THRESHOLD_DAY: a quarter hour (an hour, for hourly meters) or a Beijing day above the
 * meter's limit (monitoring_alarm_rule).</li>
 * <li>OFFLINE: an active meter without a reading for more than N of its intervals (N per meter, default
 * {@code peakpilot.monitoring.alarms.offline-intervals}); one alarm per outage, keyed by the last reading before
 * it. Judged by arrival, not by the readings' own timestamps: a catch-up that delivers old intervals quickly is
 * online while it does. When a later reading is stored the alarm closes itself as RECOVERED, with its gap (the
 * intervals in it and how many were resent) recorded. A meter that has never reported is offline once its N intervals
 * have passed since its registration, with an alarm that says so.</li>
 * <li>SPIKE: a quarter hour (hour) far above the same time of day over the previous days ({@link SpikeRule}).</li>
 * <li>UNIT_ENERGY (单耗): per enterprise, product and complete month, the metered energy of the meters carrying
 * the product's code in tce ÷ the month's production from the enterprise's accounting report, in kgce per
 * product unit, above the national baseline (基准水平) of {@link EfficiencyLevels} (the limit standard's level 3
 * where no baseline is known).</li>
 * </ul>
 * The scheduled round runs as the system actor {@code system:alarm-rules}; the job is off with
 * {@code peakpilot.monitoring.alarms.scheduled=false}.
 */
@Component
public class AlarmRules {

	private static final Logger log = LoggerFactory.getLogger(AlarmRules.class);
	private static final MathContext MC = MathContext.DECIMAL64;
	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final Meters meters;
	private final EnergyConversions conversions;
	private final EfficiencyLevels levels;
	private final EmissionsAccounting accounting;
	private final AuditLog audit;
	private final Clock clock;
	private final boolean scheduled;
	private final Duration lookback;
	private final int defaultOfflineIntervals;
	private final int profileDays;
	private final SpikeRule spikeRule;
	private final BigDecimal spikeFloorShare;
	private final int unitEnergyMonths;

	AlarmRules(JdbcClient jdbc, TransactionTemplate tx, Meters meters, EnergyConversions conversions, EfficiencyLevels levels,
			EmissionsAccounting accounting, AuditLog audit, Clock clock,
			@Value("${peakpilot.monitoring.alarms.scheduled:true}") boolean scheduled,
			@Value("${peakpilot.monitoring.alarms.lookback:P2D}") Duration lookback,
			@Value("${peakpilot.monitoring.alarms.offline-intervals:4}") int defaultOfflineIntervals,
			@Value("${peakpilot.monitoring.alarms.spike.profile-days:14}") int profileDays,
			@Value("${peakpilot.monitoring.alarms.spike.min-days:7}") int minDays,
			@Value("${peakpilot.monitoring.alarms.spike.k:5}") BigDecimal k,
			@Value("${peakpilot.monitoring.alarms.spike.relative:0.5}") BigDecimal relative,
			@Value("${peakpilot.monitoring.alarms.spike.floor-share:0.02}") BigDecimal spikeFloorShare,
			@Value("${peakpilot.monitoring.alarms.unit-energy-months:3}") int unitEnergyMonths) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.meters = meters;
		this.conversions = conversions;
		this.levels = levels;
		this.accounting = accounting;
		this.audit = audit;
		this.clock = clock;
		this.scheduled = scheduled;
		this.lookback = lookback;
		this.defaultOfflineIntervals = defaultOfflineIntervals;
		this.profileDays = profileDays;
		this.spikeRule = new SpikeRule(k, relative, minDays);
		this.spikeFloorShare = spikeFloorShare;
		this.unitEnergyMonths = unitEnergyMonths;
	}

	// Two rounds at once could raise the same alarm twice (check, then insert): one instance evaluates at a time. The
	// lock is held for at least the delay, so the instances together evaluate once per delay, not once each: the
	// instance that ran keeps running (its next tick comes after the delay), the others skip while it lives.
	@SchedulerLock(name = "monitoring.alarmRules", lockAtMostFor = "PT30M", lockAtLeastFor = "${peakpilot.monitoring.alarms.delay:PT5M}")
	@Scheduled(fixedDelayString = "${peakpilot.monitoring.alarms.delay:PT5M}", initialDelayString = "PT1M")
	void onSchedule() {
		if (!scheduled) {
			return;
		}
		try {
			AlarmRound r = SystemActor.call("alarm-rules", this::evaluate);
			if (r.thresholds() + r.offline() + r.resolved() + r.spikes() + r.unitEnergy() > 0) {
				log.info("Alarm rules: {}", r);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Alarm round failed, will retry: {}", ex.getMessage());
		}
	}

	/** One round over all meters; for the office or a system actor, since it writes every enterprise's alarms. */
	public AlarmRound evaluate() {
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + ": the alarm rules run for the whole city");
		}
		Instant now = clock.instant();
		Instant from = now.minus(lookback);
		int thresholds = tx.execute(s -> thresholds(from, now));
		int[] offline = tx.execute(s -> offline(now, from));
		int spikes = 0;
		for (long meterId : spikeCandidates(from)) {
			Meter m = meters.find(meterId).orElseThrow();
			spikes += tx.execute(s -> spikes(m, from, now));
		}
		int unitEnergy = 0;
		YearMonth current = YearMonth.now(clock.withZone(ReadingIngest.BEIJING));
		for (int i = 1; i <= unitEnergyMonths; i++) {
			YearMonth ym = current.minusMonths(i);
			unitEnergy += tx.execute(s -> unitEnergy(ym, now));
		}
		return new AlarmRound(thresholds, offline[0], offline[1], spikes, unitEnergy);
	}

	private int thresholds(Instant from, Instant now) {
		String insert = """
				INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail,
				    observed, threshold, unit, raised_at)
				SELECT m.enterprise_id, m.county_code, m.park_id, m.industry_code, m.id, :kind, r.period_start,
				       'quantity ' || trim_scale(r.quantity) || ' ' || m.unit || ' above the limit ' || trim_scale(x.%1$s) || ' ' || m.unit
				       || :per, r.quantity, x.%1$s, m.unit, :now
				FROM monitoring_alarm_rule x JOIN monitoring_meter m ON m.id = x.meter_id
				JOIN monitoring_rollup r ON r.meter_id = m.id AND r.grain = %2$s
				WHERE x.%1$s IS NOT NULL AND m.active AND r.period_start >= :from AND r.quantity > x.%1$s
				ON CONFLICT DO NOTHING
				""";
		int n = jdbc.sql(insert.formatted("interval_limit", "CASE WHEN m.interval_minutes = 60 THEN 'H' ELSE 'Q' END"))
			.param("kind", "THRESHOLD_INTERVAL").param("per", " per interval").param("from", Gateways.utc(from))
			.param("now", Gateways.utc(now)).update();
		n += jdbc.sql(insert.formatted("day_limit", "'D'")).param("kind", "THRESHOLD_DAY").param("per", " per day")
			.param("from", Gateways.utc(RollupJob.dayStart(from))).param("now", Gateways.utc(now)).update();
		return n;
	}

	/**
	 * Raises OFFLINE alarms for active meters from which nothing has arrived for their offline intervals (judged by
	 * arrival, monitoring_meter_status.last_arrival_at, so that a catch-up delivering old intervals quickly is never
	 * offline; a meter whose readings wait for the rollup has just sent), and closes as RECOVERED the open or
	 * acknowledged ones whose meter sent a later reading, recording the gap; returns both counts. A meter that has
	 * never reported counts from its registration (created_at): its alarm is keyed there, marked never_reported, and
	 * recovers with its first reading whatever that reading's time; its gap starts at the interval boundary at or
	 * before the registration.
	 */
	private int[] offline(Instant now, Instant from) {
		int raised = jdbc.sql("""
				INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail,
				    observed, threshold, unit, raised_at, never_reported)
				SELECT enterprise_id, county_code, park_id, industry_code, id, 'OFFLINE', since,
				       CASE WHEN never_reported THEN 'never reported since its registration at ' ELSE 'no reading since ' END
				       || to_char(since AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || ' (Beijing time)',
				       floor(extract(epoch FROM (CAST(:now AS timestamptz) - since)) / 60 / interval_minutes), n, 'intervals', :now,
				       never_reported
				FROM (SELECT m.*, coalesce(st.last_ts, m.created_at) AS since, coalesce(st.last_arrival_at, m.created_at) AS arrived,
				             coalesce(x.offline_intervals, :n) AS n, st.meter_id IS NULL AS never_reported
				      FROM monitoring_meter m
				      LEFT JOIN monitoring_alarm_rule x ON x.meter_id = m.id
				      LEFT JOIN monitoring_meter_status st ON st.meter_id = m.id
				      WHERE m.active AND NOT EXISTS (SELECT 1 FROM monitoring_rollup_pending p WHERE p.meter_id = m.id)) s
				WHERE CAST(:now AS timestamptz) - arrived > make_interval(mins => n * interval_minutes)
				ON CONFLICT DO NOTHING
				""").param("now", Gateways.utc(now)).param("n", defaultOfflineIntervals).update();
		// gap_to: the interval end at which the first later reading arrived; the intervals between the last reading
		// before the silence and gap_to (neither counted) and how many of them are present, i.e. were resent
		List<Long> recovered = jdbc.sql("""
				WITH back AS (
				    SELECT a.id, a.meter_id, m.interval_minutes AS minutes,
				           CASE WHEN a.never_reported
				                THEN to_timestamp(floor(extract(epoch FROM a.period_ts) / (m.interval_minutes * 60)) * m.interval_minutes * 60)
				                ELSE a.period_ts END AS gap_from,
				           (SELECT min(r.received_at) FROM monitoring_reading r
				            WHERE r.meter_id = a.meter_id AND (a.never_reported OR r.ts > a.period_ts)) AS arrived
				    FROM monitoring_alarm a JOIN monitoring_meter m ON m.id = a.meter_id
				    WHERE a.kind = 'OFFLINE' AND a.status IN ('OPEN', 'ACKNOWLEDGED')
				      AND EXISTS (SELECT 1 FROM monitoring_reading r WHERE r.meter_id = a.meter_id AND (a.never_reported OR r.ts > a.period_ts))),
				gap AS (
				    SELECT id, meter_id, gap_from, minutes,
				           GREATEST(gap_from, to_timestamp(floor(extract(epoch FROM arrived) / (minutes * 60)) * minutes * 60)) AS gap_to
				    FROM back)
				UPDATE monitoring_alarm a SET status = 'RECOVERED', resolved_at = coalesce(a.resolved_at, :now),
				       gap_from = g.gap_from, gap_to = g.gap_to,
				       gap_intervals = GREATEST(0, floor(extract(epoch FROM (g.gap_to - g.gap_from)) / 60 / g.minutes) - 1),
				       backfilled_intervals = (SELECT count(*) FROM monitoring_reading r
				                               WHERE r.meter_id = g.meter_id AND r.ts > g.gap_from AND r.ts < g.gap_to)
				FROM gap g WHERE a.id = g.id
				RETURNING a.id
				""").param("now", Gateways.utc(now)).query(Long.class).list();
		for (long id : recovered) {
			audit.record("alarm.recovered", "alarm", id, null, java.util.Map.of("recoveredAt", now.toString(), "reason", "readings again"));
		}
		// intervals resent after the recovery still count as back-filled (within the look-back)
		jdbc.sql("""
				UPDATE monitoring_alarm a SET backfilled_intervals = (SELECT count(*) FROM monitoring_reading r
				    WHERE r.meter_id = a.meter_id AND r.ts > a.gap_from AND r.ts < a.gap_to)
				WHERE a.kind = 'OFFLINE' AND a.status = 'RECOVERED' AND a.resolved_at >= :from AND a.backfilled_intervals < a.gap_intervals
				""").param("from", Gateways.utc(from)).update();
		return new int[] { raised, recovered.size() };
	}

	private List<Long> spikeCandidates(Instant from) {
		return jdbc.sql("""
				SELECT DISTINCT r.meter_id FROM monitoring_rollup r JOIN monitoring_meter m ON m.id = r.meter_id
				LEFT JOIN monitoring_alarm_rule x ON x.meter_id = m.id
				WHERE r.grain = CASE WHEN m.interval_minutes = 60 THEN 'H' ELSE 'Q' END AND r.period_start >= :from
				  AND m.active AND coalesce(x.spike_enabled, TRUE) ORDER BY 1
				""").param("from", Gateways.utc(from)).query(Long.class).list();
	}

	private int spikes(Meter m, Instant from, Instant now) {
		String grain = m.intervalMinutes() == 60 ? "H" : "Q";
		int minutes = m.intervalMinutes() == 60 ? 60 : 15;
		Map<Instant, BigDecimal> series = new LinkedHashMap<>();
		jdbc.sql("SELECT period_start, quantity FROM monitoring_rollup WHERE meter_id = :m AND grain = :g AND period_start >= :f ORDER BY period_start")
			.param("m", m.id()).param("g", grain).param("f", Gateways.utc(from.minus(Duration.ofDays(profileDays))))
			.query((rs, n) -> series.put(Gateways.instant(rs, "period_start"), rs.getBigDecimal("quantity"))).list();
		BigDecimal floor = m.maxPerInterval().multiply(BigDecimal.valueOf(Math.max(1, minutes / m.intervalMinutes())))
			.multiply(spikeFloorShare, MC);
		int raised = 0;
		for (Map.Entry<Instant, BigDecimal> e : series.entrySet()) {
			if (e.getKey().isBefore(from)) {
				continue;
			}
			List<BigDecimal> profile = new ArrayList<>(profileDays);
			for (int d = 1; d <= profileDays; d++) {
				BigDecimal v = series.get(e.getKey().minus(Duration.ofDays(d)));
				if (v != null) {
					profile.add(v);
				}
			}
			Optional<SpikeRule.Verdict> verdict = spikeRule.judge(e.getValue(), profile, floor);
			if (verdict.isPresent() && verdict.get().spike()) {
				SpikeRule.Verdict v = verdict.get();
				raised += jdbc.sql("""
						INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, detail,
						    observed, threshold, unit, raised_at)
						VALUES (:e, :county, :park, :industry, :m, 'SPIKE', :ts, :detail, :observed, :threshold, :unit, :now)
						ON CONFLICT DO NOTHING
						""")
					.param("e", m.enterpriseId()).param("county", m.countyCode()).param("park", m.parkId()).param("industry", m.industryCode())
					.param("m", m.id()).param("ts", Gateways.utc(e.getKey()))
					.param("detail", "quantity " + plain(e.getValue()) + " " + m.unit() + " above " + plain(v.threshold()) + " (median "
							+ plain(v.median()) + ", MAD " + plain(v.mad()) + " of the same time on " + v.days() + " of the previous "
							+ profileDays + " days)")
					.param("observed", Rounding.stored(e.getValue())).param("threshold", Rounding.stored(v.threshold()))
					.param("unit", m.unit()).param("now", Gateways.utc(now)).update();
			}
		}
		return raised;
	}

	/** A product of an enterprise and the meters that carry its code. */
	private record ProductMeters(long enterpriseId, String countyCode, Long parkId, String industryCode, String meterProductCode,
			List<Meter> meters) {
	}

	private int unitEnergy(YearMonth ym, Instant now) {
		Instant monthStart = ym.atDay(1).atStartOfDay(ReadingIngest.BEIJING).toInstant();
		Map<String, ProductMeters> groups = new LinkedHashMap<>();
		for (Meter m : jdbc.sql("SELECT * FROM monitoring_meter WHERE product_code IS NOT NULL ORDER BY enterprise_id, product_code, id")
			.query(Meters::meter).list()) {
			groups.computeIfAbsent(m.enterpriseId() + "|" + m.productCode(), k -> new ProductMeters(m.enterpriseId(), m.countyCode(),
					m.parkId(), m.industryCode(), m.productCode(), new ArrayList<>())).meters().add(m);
		}
		Map<Long, Optional<Report>> reports = new HashMap<>();
		int raised = 0;
		for (ProductMeters g : groups.values()) {
			Optional<EfficiencyLevel> level = levels.forProduct(g.meterProductCode());
			if (level.isEmpty() || EfficiencyLevels.reference(level.get()) == null) {
				continue;
			}
			EfficiencyLevel l = level.get();
			String product = l.productCode();
			BigDecimal production = reports.computeIfAbsent(g.enterpriseId(), e -> accounting.report(e, ym.getYear(), ym.getMonthValue()))
				.flatMap(r -> r.content().products().stream().filter(p -> p.productCode().equals(product)).findFirst())
				.map(ProductLine::quantity).orElse(null);
			if (production == null || production.signum() <= 0) {
				continue;
			}
			BigDecimal tce = BigDecimal.ZERO;
			for (Meter m : g.meters()) {
				BigDecimal q = jdbc.sql("SELECT quantity FROM monitoring_rollup WHERE meter_id = :m AND grain = 'M' AND period_start = :s")
					.param("m", m.id()).param("s", Gateways.utc(monthStart)).query(BigDecimal.class).optional().orElse(null);
				if (q != null) {
					tce = tce.add(conversions.of(m.energyCode(), m.unit(), ym.getYear()).tce(q));
				}
			}
			if (tce.signum() == 0) {
				continue;
			}
			String productUnit = accounting.products().stream().filter(p -> p.code().equals(product)).map(Product::unit)
				.findFirst().orElse(null);
			BigDecimal perUnit = kgcePerUnit(tce, production, productUnit, l.unit());
			if (perUnit == null) {
				log.warn("Unit energy of enterprise {}: product {} in {} cannot be compared in {}", g.enterpriseId(), product, productUnit,
						l.unit());
				continue;
			}
			BigDecimal reference = EfficiencyLevels.reference(l);
			if (perUnit.compareTo(reference) <= 0) {
				continue;
			}
			boolean baseline = EfficiencyLevels.referenceIsBaseline(l);
			String refCode = baseline ? l.code() : l.limitCode();
			String refTag = baseline ? l.tag() : l.limitTag();
			String detail = "%s: %s tce ÷ %s %s = %s %s, above the %s %s %s [%s]%s%s%s".formatted(l.name(), plain(Rounding.stored(tce)),
					plain(production), productUnit, plain(perUnit), l.unit(), baseline ? "baseline (基准水平)" : "limit (限定值, " + l.limitStandard() + ")",
					plain(reference), l.unit(), refTag,
					l.benchmark() == null ? "" : "; benchmark (标杆水平) " + plain(l.benchmark()),
					baseline && l.limitLevel3() != null ? "; limit " + l.limitStandard() + " level 3 " + plain(l.limitLevel3())
							+ (perUnit.compareTo(l.limitLevel3()) > 0 ? " also exceeded" : "") : "",
					l.code().equals(g.meterProductCode()) ? "" : "; the meters name no class of " + product + ": the most lenient class is used");
			raised += jdbc.sql("""
					INSERT INTO monitoring_alarm (enterprise_id, county_code, park_id, industry_code, meter_id, kind, period_ts, subject,
					    detail, observed, threshold, unit, reference_code, reference_tag, raised_at)
					VALUES (:e, :county, :park, :industry, NULL, 'UNIT_ENERGY', :ts, :subject, :detail, :observed, :threshold, :unit,
					    :ref, :tag, :now)
					ON CONFLICT DO NOTHING
					""")
				.param("e", g.enterpriseId()).param("county", g.countyCode()).param("park", g.parkId()).param("industry", g.industryCode())
				.param("ts", Gateways.utc(monthStart)).param("subject", l.code()).param("detail", detail).param("observed", perUnit)
				.param("threshold", reference).param("unit", l.unit()).param("ref", refCode).param("tag", refTag).param("now", Gateways.utc(now))
				.update();
		}
		return raised;
	}

	/**
	 * tce ÷ production in the level's unit: kgce per t, m2 or kg. 1 tce = 1000 kgce; a product counted in t
	 * compared per kg divides by 1000 kg/t once more (so kgce/kg = tce/t).
	 */
	static BigDecimal kgcePerUnit(BigDecimal tce, BigDecimal production, String productUnit, String levelUnit) {
		if (productUnit == null || !levelUnit.startsWith("kgce/")) {
			return null;
		}
		String per = levelUnit.substring("kgce/".length());
		BigDecimal quantity;
		if (per.equals(productUnit)) {
			quantity = production;
		}
		else if (per.equals("kg") && productUnit.equals("t")) {
			quantity = production.multiply(THOUSAND);
		}
		else {
			return null;
		}
		return Rounding.stored(tce.multiply(THOUSAND).divide(quantity, MC));
	}

	private static String plain(BigDecimal v) {
		return v.round(new MathContext(10)).stripTrailingZeros().toPlainString();
	}
}
