package org.peakpilot.monitoring.web;

import java.math.BigDecimal;
import org.peakpilot.monitoring.internal.Batches;
import org.peakpilot.monitoring.Gateway;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.monitoring.internal.Gateways;
import org.peakpilot.monitoring.internal.CitySummary;
import org.peakpilot.monitoring.internal.Correction;
import org.peakpilot.monitoring.internal.EnergyLine;
import org.peakpilot.monitoring.internal.EnterpriseMonth;
import org.peakpilot.monitoring.internal.EnterpriseSeries;
import org.peakpilot.monitoring.internal.Grain;
import org.peakpilot.monitoring.internal.MeterPoint;
import org.peakpilot.monitoring.internal.MeterSeries;
import org.peakpilot.monitoring.internal.MeterState;
import org.peakpilot.monitoring.internal.QuarantineStatus;
import org.peakpilot.monitoring.internal.Range;
import org.peakpilot.monitoring.internal.TotalPoint;
import org.peakpilot.monitoring.internal.MonitoringViews;
import org.peakpilot.monitoring.internal.Quarantine;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
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
 * The monitoring pages: the office's live view (refreshed by htmx polling), an enterprise's page (meters, online
 * status, completeness, month-to-date energy, quarantine, gateways), and the load curves of an enterprise or a
 * meter. Scope is the entry point's: a page outside the caller's scope is not found.
 */
@Controller
class MonitoringPages {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** Roles that see the office's live view (of their scope). */
	static final Role[] OFFICE = { Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER };

	private final Gateways gateways;
	private final Readings readings;
	private final Quarantine quarantine;
	private final MonitoringViews views;
	private final Registry registry;
	private final JsonMapper json;
	private final Batches batches;

	MonitoringPages(Gateways gateways, Readings readings, Quarantine quarantine, MonitoringViews views, Registry registry,
			JsonMapper json, Batches batches) {
		this.batches = batches;
		this.gateways = gateways;
		this.readings = readings;
		this.quarantine = quarantine;
		this.views = views;
		this.registry = registry;
		this.json = json;
	}

	/** The office goes to the live view, an enterprise user to the enterprise's own page. */
	@GetMapping("/monitoring")
	String start() {
		AccessScope scope = AccessScope.current();
		if (scope.hasRole(Role.ENTERPRISE_USER) && scope.enterprises().size() == 1) {
			return "redirect:/monitoring/enterprises/" + scope.enterprises().iterator().next();
		}
		return "redirect:/monitoring/live";
	}

	// ---- the live view

	@GetMapping("/monitoring/live")
	String live(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model, Locale locale) {
		AccessScope.current().requireRole(OFFICE);
		livePanel(date, model, locale);
		model.addAttribute("months", views.monthToDate(null));
		return "monitoring/live";
	}

	/** The part of the live view that htmx fetches every few seconds. */
	@GetMapping("/monitoring/live/panel")
	String livePanel(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model, Locale locale) {
		AccessScope.current().requireRole(OFFICE);
		// without a date the view follows the newest data, also across midnight and with a catch-up behind the clock
		boolean following = date == null;
		java.util.Optional<LocalDate> latest = following ? views.latestDataDay() : java.util.Optional.empty();
		LocalDate day = following ? latest.orElseGet(views::today) : date;
		CitySummary s = views.citySummary(QueryLimits.date("date", day));
		// a new day whose first intervals are not rolled up yet: a note instead of empty charts
		boolean newDay = following && latest.isPresent() && s.byCounty().isEmpty();
		boolean en = "en".equals(locale.getLanguage());
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("counties", s.byCounty().stream().map(c -> Map.of("name", en ? c.nameEn() : c.nameZh(), "tce", c.tce(), "co2", c.co2T())).toList());
		chart.put("industries", s.byIndustry().stream().map(c -> Map.of("name", c.key() + " " + (en ? c.nameEn() : c.nameZh()), "tce", c.tce(),
				"co2", c.co2T())).toList());
		model.addAttribute("s", s);
		model.addAttribute("day", day);
		model.addAttribute("isToday", day.equals(views.today()));
		model.addAttribute("following", following);
		model.addAttribute("newDay", newDay);
		chart.put("newDay", newDay);
		model.addAttribute("updatedAt", s.at().atZone(BEIJING).toLocalTime().withNano(0));
		model.addAttribute("liveJson", script(chart));
		names(model, locale);
		return "monitoring/live :: panel";
	}

	// ---- an enterprise

	@GetMapping("/monitoring/enterprises/{id}")
	String enterprise(@PathVariable long id, @RequestParam(defaultValue = "14") int days, Model model) {
		RegistryModel.Enterprise e = registry.enterprise(id);
		List<MeterState> states = views.meterStates(id);
		model.addAttribute("e", e);
		model.addAttribute("states", states);
		model.addAttribute("online", states.stream().filter(MeterState::online).count());
		model.addAttribute("days", days == 31 ? 31 : 14);
		model.addAttribute("completeness", views.completeness(id, days == 31 ? 31 : 14));
		EnterpriseMonth month = views.monthToDate(id).stream().findFirst().orElse(null);
		model.addAttribute("month", month);
		model.addAttribute("monthLabel", java.time.YearMonth.from(views.today()));
		model.addAttribute("quarantine", quarantine.list(id, QuarantineStatus.OPEN, 50));
		model.addAttribute("openQuarantine", quarantine.countOpen(id));
		model.addAttribute("gateways", gateways.list(id));
		AccessScope scope = AccessScope.current();
		model.addAttribute("canManage", scope.hasRole(Role.ENTERPRISE_USER) || scope.hasRole(OFFICE));
		return "monitoring/enterprise";
	}

	@PostMapping("/monitoring/enterprises/{id}/gateways")
	@BackTo("/monitoring/enterprises/{id}#gateways")
	String createGateway(@PathVariable long id, @RequestParam(required = false) String name, RedirectAttributes redirect) {
		redirect.addFlashAttribute("created", gateways.create(id, name));
		return "redirect:/monitoring/enterprises/" + id + "#gateways";
	}

	@PostMapping("/monitoring/enterprises/{id}/gateways/{gatewayId}/revoke")
	String revokeGateway(@PathVariable long id, @PathVariable long gatewayId, RedirectAttributes redirect) {
		gateways.list(id).stream().filter(g -> g.id() == gatewayId).findFirst()
			.orElseThrow(() -> new org.peakpilot.platform.NotFoundException("gateway " + gatewayId));
		gateways.revoke(gatewayId);
		redirect.addFlashAttribute("done", "revoked");
		return "redirect:/monitoring/enterprises/" + id + "#gateways";
	}

	/** Looks up what a batch of one of the enterprise's gateways produced, by the batch id the gateway sent. */
	@GetMapping("/monitoring/enterprises/{id}/batches")
	String batches(@PathVariable long id, @RequestParam(required = false) Long gatewayId, @RequestParam(required = false) String batchId,
			Model model) {
		RegistryModel.Enterprise e = registry.enterprise(id);
		List<Gateway> list = gateways.list(id);
		model.addAttribute("e", e);
		model.addAttribute("gateways", list);
		model.addAttribute("gatewayId", gatewayId);
		model.addAttribute("batchId", batchId == null ? "" : batchId.strip());
		if (gatewayId != null && batchId != null && !batchId.isBlank()) {
			if (list.stream().noneMatch(g -> g.id() == gatewayId)) {
				throw new org.peakpilot.platform.NotFoundException("gateway " + gatewayId);
			}
			model.addAttribute("found", batches.find(gatewayId, batchId));
		}
		return "monitoring/batch";
	}

	@PostMapping("/monitoring/enterprises/{id}/gateways/{gatewayId}/marks")
	@BackTo("/monitoring/enterprises/{id}#gateways")
	String gatewayMarks(@PathVariable long id, @PathVariable long gatewayId, @RequestParam(required = false) String timestampMarks,
			RedirectAttributes redirect) {
		gateways.list(id).stream().filter(g -> g.id() == gatewayId).findFirst()
			.orElseThrow(() -> new org.peakpilot.platform.NotFoundException("gateway " + gatewayId));
		gateways.updateMarks(gatewayId, timestampMarks);
		redirect.addFlashAttribute("done", "marks");
		return "redirect:/monitoring/enterprises/" + id + "#gateways";
	}

	@PostMapping("/monitoring/quarantine/{id}/replay")
	String replay(@PathVariable long id, @RequestParam(required = false) String meter, @RequestParam(required = false) String ts,
			@RequestParam(required = false) String value, @RequestParam(required = false) String unit,
			@RequestParam(required = false) String comment, RedirectAttributes redirect) {
		Long enterpriseId = quarantine.get(id).enterpriseId();
		// caught here, not by PageErrorAdvice: the way back is the quarantined reading's enterprise, not a path variable
		try {
			readings.replay(id, new Correction(blank(meter), blank(ts), blank(value), blank(unit), comment));
			redirect.addFlashAttribute("done", "replayed");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", ex.errors());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("errors", List.of(InputError.field("quarantine", ex.getMessage())));
		}
		return enterpriseId == null ? "redirect:/monitoring/live" : "redirect:/monitoring/enterprises/" + enterpriseId + "#quarantine";
	}

	@PostMapping("/monitoring/quarantine/{id}/discard")
	String discard(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
		Long enterpriseId = quarantine.get(id).enterpriseId();
		// caught here, not by PageErrorAdvice: the way back is the quarantined reading's enterprise, not a path variable
		try {
			readings.discard(id, comment);
			redirect.addFlashAttribute("done", "discarded");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", ex.errors());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("errors", List.of(InputError.field("quarantine", ex.getMessage())));
		}
		return enterpriseId == null ? "redirect:/monitoring/live" : "redirect:/monitoring/enterprises/" + enterpriseId + "#quarantine";
	}

	// ---- curves

	@GetMapping("/monitoring/enterprises/{id}/curve")
	String enterpriseCurve(@PathVariable long id, @RequestParam(defaultValue = "DAY") Range range,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
		RegistryModel.Enterprise e = registry.enterprise(id);
		LocalDate d = date == null ? views.today() : date;
		EnterpriseSeries s = views.enterpriseSeries(id, range, QueryLimits.date("date", d), null);
		List<Map<String, Object>> lines = new ArrayList<>();
		for (EnergyLine line : s.lines()) {
			lines.add(line(line.energyCode() + " (" + line.unit() + ")", line.unit(), s.periods(), line.points()));
		}
		Map<Instant, TotalPoint> totals = new HashMap<>();
		s.totals().forEach(t -> totals.put(t.start(), t));
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("labels", labels(s.periods(), s.grain()));
		chart.put("lines", lines);
		chart.put("totalTce", s.periods().stream().map(p -> totals.containsKey(p) ? totals.get(p).tce() : null).toList());
		chart.put("totalCo2", s.periods().stream().map(p -> totals.containsKey(p) ? totals.get(p).co2T() : null).toList());
		model.addAttribute("title", e.name());
		model.addAttribute("e", e);
		model.addAttribute("base", "/monitoring/enterprises/" + id + "/curve");
		model.addAttribute("sumTce", s.totals().stream().map(TotalPoint::tce).reduce(BigDecimal.ZERO, BigDecimal::add));
		model.addAttribute("sumCo2", s.totals().stream().map(TotalPoint::co2T).reduce(BigDecimal.ZERO, BigDecimal::add));
		curveModel(model, range, d, s.grain(), s.conversions(), chart);
		return "monitoring/curve";
	}

	@GetMapping("/monitoring/meters/{id}/curve")
	String meterCurve(@PathVariable long id, @RequestParam(defaultValue = "DAY") Range range, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			Model model) {
		LocalDate d = date == null ? views.today() : date;
		MeterSeries s = readings.meterSeries(id, range, d);
		RegistryModel.Enterprise e = registry.enterprise(s.meter().enterpriseId());
		List<Instant> periods = periods(range, d, s.grain());
		Map<String, Object> chart = new LinkedHashMap<>();
		Map<String, Object> line = line(s.meter().code() + " " + s.meter().energyCode() + " (" + s.meter().unit() + ")", s.meter().unit(),
				periods, s.points());
		chart.put("labels", labels(periods, s.grain()));
		chart.put("lines", List.of(line));
		chart.put("totalTce", line.get("tce"));
		chart.put("totalCo2", line.get("co2"));
		model.addAttribute("title", s.meter().code() + " " + s.meter().name());
		model.addAttribute("e", e);
		model.addAttribute("meter", s.meter());
		model.addAttribute("base", "/monitoring/meters/" + id + "/curve");
		model.addAttribute("sumTce", s.points().stream().map(MeterPoint::tce).reduce(BigDecimal.ZERO, BigDecimal::add));
		model.addAttribute("sumCo2", s.points().stream().map(MeterPoint::co2T).reduce(BigDecimal.ZERO, BigDecimal::add));
		curveModel(model, range, d, s.grain(), s.conversions(), chart);
		return "monitoring/curve";
	}

	private void curveModel(Model model, Range range, LocalDate d, Grain grain, Object conversions, Map<String, Object> chart) {
		model.addAttribute("range", range);
		model.addAttribute("ranges", Range.values());
		model.addAttribute("date", d);
		model.addAttribute("first", range.first(d));
		model.addAttribute("last", range.end(d).minusDays(1));
		model.addAttribute("previous", range.first(d).minusDays(1));
		model.addAttribute("next", range.end(d));
		model.addAttribute("grain", grain);
		model.addAttribute("conversions", conversions);
		model.addAttribute("chartJson", script(chart));
	}

	private static Map<String, Object> line(String name, String unit, List<Instant> periods, List<MeterPoint> points) {
		Map<Instant, MeterPoint> byStart = new HashMap<>();
		points.forEach(p -> byStart.put(p.start(), p));
		List<BigDecimal> q = new ArrayList<>();
		List<BigDecimal> tce = new ArrayList<>();
		List<BigDecimal> co2 = new ArrayList<>();
		for (Instant p : periods) {
			MeterPoint m = byStart.get(p);
			q.add(m == null ? null : m.quantity());
			tce.add(m == null ? null : m.tce());
			co2.add(m == null ? null : m.co2T());
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("name", name);
		line.put("unit", unit);
		line.put("values", q);
		line.put("tce", tce);
		line.put("co2", co2);
		return line;
	}

	private static List<Instant> periods(Range range, LocalDate d, Grain grain) {
		List<Instant> out = new ArrayList<>();
		java.time.ZonedDateTime t = range.first(d).atStartOfDay(BEIJING);
		java.time.ZonedDateTime end = range.end(d).atStartOfDay(BEIJING);
		while (t.isBefore(end)) {
			out.add(t.toInstant());
			t = grain.next(t);
		}
		return out;
	}

	private static List<String> labels(List<Instant> periods, Grain grain) {
		DateTimeFormatter f = switch (grain) {
			case QUARTER -> DateTimeFormatter.ofPattern("HH:mm");
			case HOUR -> DateTimeFormatter.ofPattern("MM-dd HH:mm");
			case DAY -> DateTimeFormatter.ofPattern("MM-dd");
			case MONTH -> DateTimeFormatter.ofPattern("yyyy-MM");
		};
		return periods.stream().map(p -> p.atZone(BEIJING).format(f)).toList();
	}

	/** County and industry names by code, for the tables. */
	private void names(Model model, Locale locale) {
		Map<String, String> counties = new HashMap<>();
		registry.regions().forEach(r -> counties.put(r.code(), r.nameZh()));
		Map<String, String> industries = new HashMap<>();
		registry.industries().forEach(i -> industries.put(i.code(), i.code() + " " + i.name(locale)));
		model.addAttribute("countyNames", counties);
		model.addAttribute("industryNames", industries);
	}

	private String script(Object data) {
		return json.writeValueAsString(data).replace("</", "<\\/");
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
