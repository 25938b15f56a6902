package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.monitoring.ElectricityHours;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Large loads in dirty windows (高碳时段大负荷提醒): every hour (and on demand) looks at each enterprise's last
 * {@value #SCAN_HOURS} full hours of metered electricity and flags an hour whose kWh is at or above the enterprise's
 * threshold — its fixed threshold if set, else the 90th percentile (nearest rank) of its hourly kWh over the
 * {@value #BASELINE_DAYS} days before the scanned hours, with at least {@value #BASELINE_MIN_HOURS} hours of data —
 * while the hour lies in the dirty window of its day: the top quartile of the seasonal profile the green windows
 * show ({@link WindowMath#classify}). Stored once per enterprise and hour (ON CONFLICT DO NOTHING), so a rerun, a
 * second instance or an overlapping scan adds nothing.
 */
@Component
public class DirtyWindowAlerts {

	private static final Logger log = LoggerFactory.getLogger(DirtyWindowAlerts.class);
	public static final int SCAN_HOURS = 48;
	public static final int BASELINE_DAYS = 30;
	public static final int BASELINE_MIN_HOURS = 24;

	private final JdbcClient jdbc;
	private final Registry registry;
	private final EnergyMonitoring monitoring;
	private final IntensityViews views;
	private final GreenWindows windows;
	private final LoadSettings settings;
	private final Clock clock;
	private final boolean scheduled;

	DirtyWindowAlerts(JdbcClient jdbc, Registry registry, EnergyMonitoring monitoring, IntensityViews views, GreenWindows windows,
			LoadSettings settings, Clock clock, @Value("${peakpilot.power.dirty-window-alerts.scheduled:true}") boolean scheduled) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.monitoring = monitoring;
		this.views = views;
		this.windows = windows;
		this.settings = settings;
		this.clock = clock;
		this.scheduled = scheduled;
	}

	// One alert.
	public record DirtyWindowAlert(long id, long enterpriseId, Instant hour, String zone, BigDecimal loadKwh, BigDecimal thresholdKwh,
			String thresholdKind, BigDecimal profileGPerKwh, BigDecimal dirtyFromGPerKwh, boolean synthetic, Instant raisedAt) {
	}

	// Hourly: one instance scans; lockAtLeastFor against an instance whose clock lags by seconds.
	@SchedulerLock(name = "power.dirtyWindowAlerts", lockAtMostFor = "PT50M", lockAtLeastFor = "PT1M")
	@Scheduled(cron = "${peakpilot.power.dirty-window-alerts.cron:0 20 * * * *}", zone = "Asia/Shanghai")
	void onSchedule() {
		if (!scheduled) {
			return;
		}
		try {
			int n = SystemActor.call("power-dirty-windows", this::scanAll);
			if (n > 0) {
				log.info("Raised {} dirty-window alerts", n);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dirty-window scan failed, will retry next hour: {}", ex.getMessage());
		}
	}

	/** Scans every enterprise in the caller's scope (the job runs city-wide); returns the alerts newly stored. */
	public int scanAll() {
		int n = 0;
		for (RegistryModel.Enterprise e : registry.enterprises(RegistryModel.EnterpriseQuery.ALL)) {
			n += scan(e);
		}
		return n;
	}

	/** Scans one enterprise (read through the registry: 404 outside the caller's scope); returns the alerts newly stored. */
	public int scan(long enterpriseId) {
		return scan(registry.enterprise(enterpriseId));
	}

	int scan(RegistryModel.Enterprise e) {
		Instant now = clock.instant();
		Instant end = now.truncatedTo(ChronoUnit.HOURS);
		Instant start = end.minus(SCAN_HOURS, ChronoUnit.HOURS);
		ElectricityHours metered = monitoring.electricityByHour(e.id(), start.minus(BASELINE_DAYS, ChronoUnit.DAYS), end);
		if (metered.hours().isEmpty()) {
			return 0;
		}
		LoadSettings.LoadSetting setting = settings.of(e.id());
		BigDecimal threshold = setting.alertThresholdKwh();
		String kind = "FIXED";
		if (threshold == null) {
			List<BigDecimal> baseline = metered.hours().stream().filter(h -> h.hour().isBefore(start)).map(ElectricityHours.Hour::kwh).toList();
			if (baseline.size() < BASELINE_MIN_HOURS) {
				return 0;
			}
			threshold = WindowMath.p90(baseline);
			kind = "P90";
		}
		if (threshold.signum() <= 0) {
			return 0;
		}
		String zone = windows.zoneOf(e, now);
		Map<Integer, IntensityViews.Profile> profiles = new HashMap<>();
		Map<Integer, WindowMath.Classes> classes = new HashMap<>();
		int stored = 0;
		for (ElectricityHours.Hour h : metered.hours()) {
			if (h.hour().isBefore(start) || h.kwh().compareTo(threshold) < 0) {
				continue;
			}
			int month = h.hour().atZone(IntensityViews.BEIJING).getMonthValue();
			int hod = h.hour().atZone(IntensityViews.BEIJING).getHour();
			IntensityViews.Profile p = profiles.computeIfAbsent(month, m -> views.profile(zone, m, now, GreenWindows.PROFILE_YEARS));
			WindowMath.Classes c = classes.computeIfAbsent(month, m -> WindowMath.classify(p.gPerKwh()));
			if (!c.dirty().contains(hod)) {
				continue;
			}
			stored += jdbc.sql("""
					INSERT INTO power_dirty_window_alert (enterprise_id, hour_start, zone_code, load_kwh, threshold_kwh, threshold_kind,
					  profile_g_per_kwh, dirty_from_g_per_kwh, synthetic, raised_at)
					VALUES (:e, :h, :z, :load, :threshold, :kind, :g, :from, :synthetic, :now)
					ON CONFLICT (enterprise_id, hour_start) DO NOTHING""")
				.param("e", e.id()).param("h", utc(h.hour())).param("z", zone).param("load", h.kwh()).param("threshold", threshold)
				.param("kind", kind).param("g", p.gPerKwh().get(hod)).param("from", c.dirtyFrom()).param("synthetic", p.synthetic())
				.param("now", utc(now)).update();
		}
		return stored;
	}

	/** The alerts of these enterprises, newest hour first, at most {@code limit}. */
	public List<DirtyWindowAlert> of(Set<Long> enterpriseIds, int limit) {
		if (enterpriseIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT id, enterprise_id, hour_start, zone_code, load_kwh, threshold_kwh, threshold_kind, profile_g_per_kwh,
				       dirty_from_g_per_kwh, synthetic, raised_at
				FROM power_dirty_window_alert WHERE enterprise_id IN (:ids) ORDER BY hour_start DESC, enterprise_id LIMIT :limit""")
			.param("ids", new ArrayList<>(enterpriseIds)).param("limit", limit)
			.query((rs, n) -> new DirtyWindowAlert(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
					rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
					rs.getBoolean(10), rs.getObject(11, OffsetDateTime.class).toInstant()))
			.list();
	}

	/** How many alerts each of these enterprises has. */
	public Map<Long, Long> counts(Set<Long> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("SELECT enterprise_id, count(*) FROM power_dirty_window_alert WHERE enterprise_id IN (:ids) GROUP BY 1")
			.param("ids", new ArrayList<>(enterpriseIds)).query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list().stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static OffsetDateTime utc(Instant i) {
		return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
	}
}
