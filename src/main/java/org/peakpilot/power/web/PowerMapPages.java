package org.peakpilot.power.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.power.IntensitySource;
import org.peakpilot.power.internal.IntensityViews;
import org.peakpilot.power.internal.IntensityViews.ZoneHour;
import org.peakpilot.power.internal.MapBoundaries;
import org.peakpilot.power.internal.Zones;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/**
 * The electricity-carbon map (电碳图谱): Leshan's counties coloured by one hour's consumption intensity (default the
 * latest hour with data; a county without its own figure shows the provincial grid's, marked so) and a heat map hour
 * of day × day of a year for the grid or a county. For staff at {@code /power}; the same from public data only at
 * {@code /public/power} (intensities are not enterprise data).
 */
@Controller
class PowerMapPages {

	static final int YEAR_MIN = 2000;
	static final int YEAR_MAX = 2100;

	private final IntensityViews views;
	private final Zones zones;
	private final MapBoundaries boundaries;
	private final JsonMapper json;
	private final Clock clock;

	PowerMapPages(IntensityViews views, Zones zones, MapBoundaries boundaries, JsonMapper json, Clock clock) {
		this.views = views;
		this.zones = zones;
		this.boundaries = boundaries;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/power")
	String map(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Integer hour, @RequestParam(required = false) String zone,
			@RequestParam(required = false) Integer year, Model model) {
		fill(model, date, hour, zone, year);
		model.addAttribute("geojson", boundaries.staffPath());
		model.addAttribute("publicPage", false);
		return "power/map";
	}

	@GetMapping("/public/power")
	String publicMap(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Integer hour, @RequestParam(required = false) String zone,
			@RequestParam(required = false) Integer year, Model model) {
		fill(model, date, hour, zone, year);
		model.addAttribute("geojson", boundaries.publicPath());
		model.addAttribute("bundledBoundaries", boundaries.publicIsBundled());
		model.addAttribute("publicPage", true);
		return "power/map";
	}

	// One county on the map.
	record CountyValue(String code, String name, BigDecimal value, boolean provincial, String source, boolean synthetic) {
	}

	private void fill(Model model, LocalDate date, Integer hour, String zone, Integer year) {
		String grid = zones.gridZone();
		List<Zones.Zone> counties = zones.counties();
		if (hour != null && (hour < 0 || hour > 23)) {
			throw new InvalidInputException("hour", "hour is 0 to 23 (Beijing time)");
		}
		if (date != null && (date.getYear() < YEAR_MIN || date.getYear() > YEAR_MAX)) {
			throw new InvalidInputException("date", "date lies in " + YEAR_MIN + "–" + YEAR_MAX);
		}
		if (year != null && (year < YEAR_MIN || year > YEAR_MAX)) {
			throw new InvalidInputException("year", "year is " + YEAR_MIN + " to " + YEAR_MAX);
		}
		if (zone != null && !zone.isBlank() && !zone.equals(grid) && counties.stream().noneMatch(z -> z.code().equals(zone))) {
			throw new InvalidInputException("zone", "zone is the grid (" + grid + ") or a county code of the city");
		}
		Instant now = clock.instant();
		Instant shown;
		if (date != null) {
			shown = date.atStartOfDay(IntensityViews.BEIJING).plusHours(hour == null ? 12 : hour).toInstant();
		}
		else {
			shown = views.latestHour(grid, now).orElse(null);
			if (shown != null && hour != null) {
				shown = shown.atZone(IntensityViews.BEIJING).withHour(hour).toInstant();
			}
		}
		Map<String, ZoneHour> atHour = shown == null ? Map.of() : views.atHour(shown);
		ZoneHour gridHour = atHour.get(grid);
		List<CountyValue> values = new ArrayList<>();
		boolean anySynthetic = gridHour != null && gridHour.synthetic();
		int provincial = 0;
		for (Zones.Zone c : counties) {
			ZoneHour own = atHour.get(c.code());
			ZoneHour used = own != null ? own : gridHour;
			if (own == null) {
				provincial++;
			}
			anySynthetic |= used != null && used.synthetic();
			values.add(new CountyValue(c.code(), c.nameZh(), used == null ? null : used.gPerKwh(), own == null,
					used == null ? null : used.source().name(), used != null && used.synthetic()));
		}
		ZonedDateTime shownLocal = shown == null ? null : shown.atZone(IntensityViews.BEIJING);
		model.addAttribute("grid", grid);
		model.addAttribute("gridHour", gridHour);
		model.addAttribute("shown", shown);
		model.addAttribute("shownDate", shownLocal == null ? null : shownLocal.toLocalDate());
		model.addAttribute("shownHour", shownLocal == null ? null : shownLocal.getHour());
		model.addAttribute("counties", values);
		model.addAttribute("provincialCount", provincial);
		model.addAttribute("zoneChoices", counties);

		// the heat map: the chosen zone (a county without figures in the year falls back to the grid, said so)
		int heatYear = year != null ? year : shownLocal != null ? shownLocal.getYear() : now.atZone(IntensityViews.BEIJING).getYear();
		String wanted = zone == null || zone.isBlank() ? grid : zone;
		List<ZoneHour> yearHours = views.year(wanted, heatYear);
		boolean fellBack = false;
		if (yearHours.isEmpty() && !wanted.equals(grid)) {
			yearHours = views.year(grid, heatYear);
			fellBack = true;
		}
		String heatZone = fellBack ? grid : wanted;
		model.addAttribute("heatYear", heatYear);
		model.addAttribute("heatZone", heatZone);
		model.addAttribute("heatZoneName", counties.stream().filter(z -> z.code().equals(heatZone)).map(Zones.Zone::nameZh).findFirst()
			.orElse(heatZone));
		model.addAttribute("wantedZone", wanted);
		model.addAttribute("heatFellBack", fellBack);
		model.addAttribute("heatYears", views.years(grid));
		long modelled = yearHours.stream().filter(h -> h.source() == IntensitySource.MODELLED).count();
		boolean heatSynthetic = yearHours.stream().anyMatch(ZoneHour::synthetic);
		model.addAttribute("heatHours", yearHours.size());
		model.addAttribute("heatModelled", modelled);
		model.addAttribute("heatSynthetic", heatSynthetic);
		model.addAttribute("anySynthetic", anySynthetic || heatSynthetic);

		Map<String, Object> map = new LinkedHashMap<>();
		map.put("counties", values);
		map.put("hour", shownLocal == null ? null : shownLocal.toLocalDateTime().toString());
		model.addAttribute("mapJson", safe(json.writeValueAsString(map)));
		model.addAttribute("heatJson", safe(json.writeValueAsString(heat(heatYear, yearHours))));
	}

	/** The heat map's cells: [day index from 0, Beijing hour, gCO2/kWh, 1 if modelled], the year's days and range. */
	static Map<String, Object> heat(int year, List<ZoneHour> hours) {
		LocalDate first = LocalDate.of(year, 1, 1);
		List<Object[]> cells = new ArrayList<>();
		BigDecimal min = null, max = null;
		for (ZoneHour h : hours) {
			ZonedDateTime t = h.hour().atZone(IntensityViews.BEIJING);
			long day = t.toLocalDate().toEpochDay() - first.toEpochDay();
			cells.add(new Object[] { day, t.getHour(), h.gPerKwh(), h.source() == IntensitySource.MODELLED ? 1 : 0 });
			min = min == null || h.gPerKwh().compareTo(min) < 0 ? h.gPerKwh() : min;
			max = max == null || h.gPerKwh().compareTo(max) > 0 ? h.gPerKwh() : max;
		}
		List<String> days = new ArrayList<>();
		for (LocalDate d = first; d.getYear() == year; d = d.plusDays(1)) {
			days.add(d.toString().substring(5));
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("year", year);
		m.put("days", days);
		m.put("cells", cells);
		m.put("min", min);
		m.put("max", max);
		return m;
	}

	/** JSON inside a script element: "</" cannot close it. */
	static String safe(String json) {
		return json.replace("</", "<\\/");
	}
}
