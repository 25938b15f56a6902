package org.peakpilot.power.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.power.internal.DirtyWindowAlerts;
import org.peakpilot.power.internal.GreenWindows;
import org.peakpilot.power.internal.HourlyCarbon;
import org.peakpilot.power.internal.IntensityViews;
import org.peakpilot.power.internal.LoadSettings;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Enterprises' carbon by hour (企业逐时碳排放) and their green windows (绿色用电时段): the list of enterprises in the
 * caller's scope with their dirty-window alerts, one enterprise's hourly carbon over a range (default the last full
 * month), its green windows with the flexible share it or the office sets.
 */
@Controller
class EnterpriseCarbonPages {

	private final Registry registry;
	private final HourlyCarbon carbon;
	private final GreenWindows windows;
	private final LoadSettings settings;
	private final DirtyWindowAlerts alerts;
	private final JsonMapper json;
	private final Clock clock;

	EnterpriseCarbonPages(Registry registry, HourlyCarbon carbon, GreenWindows windows, LoadSettings settings, DirtyWindowAlerts alerts,
			JsonMapper json, Clock clock) {
		this.registry = registry;
		this.carbon = carbon;
		this.windows = windows;
		this.settings = settings;
		this.alerts = alerts;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/power/enterprises")
	String list(Model model) {
		List<RegistryModel.Enterprise> enterprises = registry.enterprises(RegistryModel.EnterpriseQuery.ALL);
		Set<Long> ids = enterprises.stream().map(RegistryModel.Enterprise::id).collect(Collectors.toSet());
		Map<Long, String> names = enterprises.stream().collect(Collectors.toMap(RegistryModel.Enterprise::id, RegistryModel.Enterprise::name));
		model.addAttribute("enterprises", enterprises);
		model.addAttribute("alertCounts", alerts.counts(ids));
		model.addAttribute("alerts", alerts.of(ids, 50));
		model.addAttribute("names", names);
		return "power/enterprises";
	}

	@GetMapping("/power/enterprises/{id}")
	String hourly(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
		Instant[] range = range(from, to, clock.instant());
		HourlyCarbon.EnterpriseCarbon c = carbon.of(id, range[0], range[1]);
		model.addAttribute("c", c);
		model.addAttribute("fromDate", range[0].atZone(IntensityViews.BEIJING).toLocalDate());
		model.addAttribute("toDate", range[1].atZone(IntensityViews.BEIJING).toLocalDate());
		model.addAttribute("alerts", alerts.of(Set.of(id), 20));
		boolean byHour = c.hours().size() <= 7 * 24;
		model.addAttribute("byHour", byHour);
		model.addAttribute("chartJson", PowerMapPages.safe(json.writeValueAsString(chart(c, byHour))));
		model.addAttribute("missingHours", c.hours().stream().filter(h -> !h.flags().isEmpty()).limit(200).toList());
		return "power/enterprise-hourly";
	}

	@GetMapping("/power/enterprises/{id}/windows")
	String windows(@PathVariable long id, @RequestParam(required = false) Integer days, Model model) {
		GreenWindows.Windows w = windows.of(id, days == null ? 3 : days, null);
		model.addAttribute("w", w);
		model.addAttribute("profileYears", String.valueOf(GreenWindows.PROFILE_YEARS));
		model.addAttribute("canChange", settings.canChange(w.enterprise()));
		model.addAttribute("setting", settings.of(id));
		model.addAttribute("alerts", alerts.of(Set.of(id), 20));
		model.addAttribute("windowsJson", PowerMapPages.safe(json.writeValueAsString(windowsChart(w))));
		return "power/windows";
	}

	@PostMapping("/power/enterprises/{id}/windows/share")
	@BackTo(value = "/power/enterprises/{id}/windows#share-form", keep = { "flexibleSharePct", "alertThresholdKwh" })
	String saveShare(@PathVariable long id, @RequestParam(required = false) BigDecimal flexibleSharePct,
			@RequestParam(required = false) BigDecimal alertThresholdKwh, RedirectAttributes redirect) {
		settings.save(id, flexibleSharePct, alertThresholdKwh);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/power/enterprises/" + id + "/windows";
	}

	/** The page's range: Beijing dates, {@code to} exclusive; default the last full month. */
	static Instant[] range(LocalDate from, LocalDate to, Instant now) {
		if (from == null && to == null) {
			return HourlyCarbon.lastFullMonth(now);
		}
		if (from == null || to == null) {
			throw new InvalidInputException(from == null ? "from" : "to", "give both from and to (Beijing dates, to exclusive), or neither");
		}
		if (from.getYear() < PowerMapPages.YEAR_MIN || from.getYear() > PowerMapPages.YEAR_MAX) {
			throw new InvalidInputException("from", "from lies in " + PowerMapPages.YEAR_MIN + "–" + PowerMapPages.YEAR_MAX);
		}
		if (to.getYear() < PowerMapPages.YEAR_MIN || to.getYear() > PowerMapPages.YEAR_MAX + 1) {
			throw new InvalidInputException("to", "to lies in " + PowerMapPages.YEAR_MIN + "–" + PowerMapPages.YEAR_MAX);
		}
		Instant f = from.atStartOfDay(IntensityViews.BEIJING).toInstant();
		Instant t = to.atStartOfDay(IntensityViews.BEIJING).toInstant();
		HourlyCarbon.requireRange(f, t);
		return new Instant[] { f, t };
	}

	static Map<String, Object> chart(HourlyCarbon.EnterpriseCarbon c, boolean byHour) {
		List<String> labels = new ArrayList<>();
		List<BigDecimal> hourly = new ArrayList<>(), yearly = new ArrayList<>(), kwh = new ArrayList<>();
		List<Integer> missing = new ArrayList<>();
		if (byHour) {
			for (HourlyCarbon.CarbonHour h : c.hours()) {
				labels.add(h.hour().atZone(IntensityViews.BEIJING).toLocalDateTime().toString().replace('T', ' ').substring(5, 16));
				hourly.add(h.hourlyKg());
				yearly.add(h.yearlyKg());
				kwh.add(h.kwh());
				missing.add(h.flags().isEmpty() ? 0 : 1);
			}
		}
		else {
			for (HourlyCarbon.CarbonDay d : c.days()) {
				labels.add(d.day().toString());
				hourly.add(d.hourlyKg());
				yearly.add(d.yearlyKg());
				kwh.add(d.kwh());
				missing.add(d.missingHours());
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("byHour", byHour);
		m.put("labels", labels);
		m.put("hourlyKg", hourly);
		m.put("yearlyKg", yearly);
		m.put("kwh", kwh);
		m.put("missing", missing);
		return m;
	}

	static Map<String, Object> windowsChart(GreenWindows.Windows w) {
		List<String> labels = new ArrayList<>();
		List<BigDecimal> values = new ArrayList<>();
		List<String> classes = new ArrayList<>();
		for (GreenWindows.WindowDay d : w.days()) {
			for (GreenWindows.WindowHour h : d.hours()) {
				labels.add(d.day().toString().substring(5) + " " + (h.hour() < 10 ? "0" : "") + h.hour() + ":00");
				values.add(h.gPerKwh());
				classes.add(h.windowClass().name());
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("labels", labels);
		m.put("values", values);
		m.put("classes", classes);
		m.put("load", w.loadKwhByHour());
		return m;
	}

	static long hoursBetween(Instant a, Instant b) {
		return ChronoUnit.HOURS.between(a, b);
	}
}
