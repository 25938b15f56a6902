package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.monitoring.ElectricityHours;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.springframework.stereotype.Component;

/**
 * Green windows (绿色用电时段): for the coming days, each hour's expected consumption intensity from the seasonal
 * profile (the hour-of-day average of the same calendar month over the last {@value #PROFILE_YEARS} years of data, of
 * the county's zone where it has data, else of the provincial grid) — a profile, not a forecast of the dispatch — with
 * the cleanest and dirtiest quarter of each day, and what shifting a share of the enterprise's flexible load from the
 * dirty to the green hours would save ({@link WindowMath}). The enterprise's load by hour of day is its average
 * metered kWh over the last {@value #LOAD_DAYS} days.
 */
@Component
public class GreenWindows {

	public static final int PROFILE_YEARS = 3;
	public static final int LOAD_DAYS = 30;
	public static final int DAYS_MAX = 7;

	private final Registry registry;
	private final EnergyMonitoring monitoring;
	private final IntensityViews views;
	private final Zones zones;
	private final LoadSettings settings;
	private final Clock clock;

	GreenWindows(Registry registry, EnergyMonitoring monitoring, IntensityViews views, Zones zones, LoadSettings settings, Clock clock) {
		this.registry = registry;
		this.monitoring = monitoring;
		this.views = views;
		this.zones = zones;
		this.settings = settings;
		this.clock = clock;
	}

	// The class of an hour in its day's profile.
	public enum WindowClass {
		GREEN, NORMAL, DIRTY
	}

	// One hour of a coming day: Beijing hour 0–23, expected gCO2/kWh (null: no data), class, and whether it is past.
	public record WindowHour(int hour, Instant start, BigDecimal gPerKwh, WindowClass windowClass, boolean past) {
	}

	// One coming day with its hours, green mean, dirty threshold, kWh moved and kgCO2 saved per day.
	public record WindowDay(LocalDate day, String zone, List<WindowHour> hours, List<Integer> greenHours, List<Integer> dirtyHours,
			BigDecimal greenMeanGPerKwh, BigDecimal dirtyFromGPerKwh, BigDecimal shiftedKwh, BigDecimal savingKg) {
	}

	// The answer.
	public record Windows(RegistryModel.Enterprise enterprise, Instant computedAt, String zone, boolean countyZone, int meters,
			BigDecimal flexibleSharePct, boolean shareStored, List<BigDecimal> loadKwhByHour, int loadHours, List<WindowDay> days,
			BigDecimal totalSavingKg, boolean synthetic, boolean modelled) {
	}

	public Windows of(long enterpriseId, int days, BigDecimal shareOverride) {
		if (days < 1 || days > DAYS_MAX) {
			throw new InvalidInputException("days", "days is 1 to " + DAYS_MAX);
		}
		if (shareOverride != null && (shareOverride.signum() < 0 || shareOverride.compareTo(LoadSettings.SHARE_MAX) > 0)) {
			throw new InvalidInputException("share", "the share is a percentage from 0 to 100");
		}
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		Instant now = clock.instant();
		LoadSettings.LoadSetting setting = settings.of(enterpriseId);
		BigDecimal sharePct = shareOverride != null ? shareOverride : setting.flexibleSharePct();
		BigDecimal share = sharePct.divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);

		Instant hourNow = now.truncatedTo(ChronoUnit.HOURS);
		ElectricityHours metered = monitoring.electricityByHour(enterpriseId, hourNow.minus(LOAD_DAYS, ChronoUnit.DAYS), hourNow);
		List<BigDecimal> load = loadByHourOfDay(metered);

		String zone = zoneOf(e, now);
		Map<Integer, IntensityViews.Profile> profiles = new HashMap<>();
		List<WindowDay> out = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		boolean synthetic = false, modelled = false;
		LocalDate today = now.atZone(IntensityViews.BEIJING).toLocalDate();
		for (int d = 0; d < days; d++) {
			LocalDate day = today.plusDays(d);
			IntensityViews.Profile p = profiles.computeIfAbsent(day.getMonthValue(), m -> views.profile(zone, m, now, PROFILE_YEARS));
			synthetic |= p.synthetic();
			modelled |= p.modelled();
			WindowMath.Classes c = WindowMath.classify(p.gPerKwh());
			List<WindowHour> hours = new ArrayList<>();
			for (int h = 0; h < 24; h++) {
				ZonedDateTime start = day.atStartOfDay(IntensityViews.BEIJING).plusHours(h);
				WindowClass k = c.green().contains(h) ? WindowClass.GREEN : c.dirty().contains(h) ? WindowClass.DIRTY : WindowClass.NORMAL;
				hours.add(new WindowHour(h, start.toInstant(), p.gPerKwh().get(h), k, start.toInstant().plus(1, ChronoUnit.HOURS).isBefore(now)
						|| start.toInstant().plus(1, ChronoUnit.HOURS).equals(now)));
			}
			BigDecimal shifted = WindowMath.shiftedKwh(load, c, share);
			BigDecimal saving = metered.hours().isEmpty() ? null : WindowMath.savingKg(p.gPerKwh(), load, c, share);
			if (saving != null) {
				total = total.add(saving);
			}
			out.add(new WindowDay(day, zone, hours, c.green(), c.dirty(), c.greenMean(), c.dirtyFrom(), metered.hours().isEmpty() ? null : shifted,
					saving));
		}
		return new Windows(e, now, zone, !zone.equals(zones.gridZone()), metered.meters(), sharePct, setting.stored() && shareOverride == null,
				load, metered.hours().size(), out, metered.hours().isEmpty() ? null : Rounding.stored(total), synthetic, modelled);
	}

	/** The county's zone when its profile of this month has every hour of the day, else the grid. */
	String zoneOf(RegistryModel.Enterprise e, Instant now) {
		int month = now.atZone(IntensityViews.BEIJING).getMonthValue();
		IntensityViews.Profile county = views.profile(e.countyCode(), month, now, PROFILE_YEARS);
		return county.complete() ? e.countyCode() : zones.gridZone();
	}

	/** The average kWh of each Beijing hour of day over the hours that have readings (null for an hour without any). */
	static List<BigDecimal> loadByHourOfDay(ElectricityHours metered) {
		BigDecimal[] sum = new BigDecimal[24];
		int[] n = new int[24];
		for (ElectricityHours.Hour h : metered.hours()) {
			int hod = h.hour().atZone(IntensityViews.BEIJING).getHour();
			sum[hod] = sum[hod] == null ? h.kwh() : sum[hod].add(h.kwh());
			n[hod]++;
		}
		List<BigDecimal> avg = new ArrayList<>();
		for (int h = 0; h < 24; h++) {
			avg.add(n[h] == 0 ? null : Rounding.stored(sum[h].divide(BigDecimal.valueOf(n[h]), MathContext.DECIMAL64)));
		}
		return avg;
	}
}
