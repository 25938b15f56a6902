package org.peakpilot.inclusive.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.peakpilot.inclusive.internal.OfficeFigures;
import org.peakpilot.inclusive.internal.OfficeFigures.Dashboard;
import org.peakpilot.inclusive.internal.OfficeFigures.DayMode;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/**
 * The office's dashboard of the carbon-inclusive scheme (碳普惠运营看板, city-wide staff only): the month's users,
 * active users, trips and gCO2 per mode and day (ECharts), scenes and check-ins, carbon tickets issued and retired,
 * events neutralised, the last ledger reconciliation; the two Excel exports (trips per day and mode, the ledger's
 * transactions of a period, both bounded); the line on the work page.
 */
@Controller
class InclusiveOfficePages {

	private final OfficeFigures figures;
	private final MessageSource messages;
	private final JsonMapper json;
	private final List<String> indicators;

	InclusiveOfficePages(OfficeFigures figures, MessageSource messages, JsonMapper json,
			@Value("${peakpilot.inclusive.green-travel-indicators:24,25}") List<String> indicators) {
		this.figures = figures;
		this.messages = messages;
		this.json = json;
		this.indicators = indicators;
	}

	static void requireOffice() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	@GetMapping("/inclusive/office")
	String dashboard(@RequestParam(required = false) YearMonth month, Model model, Locale locale) {
		requireOffice();
		Dashboard d = figures.dashboard(month);
		model.addAttribute("d", d);
		model.addAttribute("modeNames", modeNames(d.modes().stream().map(OfficeFigures.ModeTotal::mode).toList(), locale));
		model.addAttribute("chartJson", json.writeValueAsString(chart(d, locale)).replace("</", "<\\/"));
		model.addAttribute("settleDays", figures.settleDays());
		model.addAttribute("tripsMaxDays", OfficeFigures.TRIPS_EXPORT_MAX_DAYS);
		model.addAttribute("ledgerMaxDays", OfficeFigures.LEDGER_EXPORT_MAX_DAYS);
		model.addAttribute("ledgerMaxRows", OfficeFigures.LEDGER_EXPORT_MAX_ROWS);
		model.addAttribute("monthFirst", d.month().atDay(1));
		model.addAttribute("monthLast", d.month().atEndOfMonth());
		model.addAttribute("indicators", indicators);
		return "inclusive/office/dashboard";
	}

	@GetMapping("/inclusive/office/work-summary")
	String workSummary(Model model, Locale locale) {
		requireOffice();
		LocalDate today = figures.today();
		long trips = figures.tripsPerDay(today.withDayOfMonth(1), today).stream().mapToLong(DayMode::trips).sum();
		OfficeFigures.LastReconciliation r = figures.lastReconciliation();
		model.addAttribute("trips", trips);
		model.addAttribute("state", messages.getMessage(r.at() == null ? "inclusive.office.work.never"
				: r.ok() ? "inclusive.office.work.ok" : "inclusive.office.work.broken", null, locale));
		return "inclusive/office/fragments :: work-summary";
	}

	@GetMapping("/inclusive/office/export/trips")
	ResponseEntity<byte[]> exportTrips(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale) {
		requireOffice();
		List<DayMode> rows = figures.tripRows(from, to);
		Map<String, String> names = modeNames(rows.stream().map(DayMode::mode).toList(), locale);
		return file("inclusive-trips-" + from + "-" + to + ".xlsx", InclusiveOfficeWorkbook.trips(from, to, rows, m -> names.getOrDefault(m, m)));
	}

	@GetMapping("/inclusive/office/export/ledger")
	ResponseEntity<byte[]> exportLedger(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		requireOffice();
		return file("inclusive-ledger-" + from + "-" + to + ".xlsx", InclusiveOfficeWorkbook.ledger(from, to, figures.ledgerRows(from, to)));
	}

	private static ResponseEntity<byte[]> file(String name, byte[] bytes) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.contentType(MediaType.parseMediaType(InclusiveOfficeWorkbook.XLSX))
			.body(bytes);
	}

	/** Each mode's label in the reader's language (the citizen pages' {@code inclusive.citizen.mode.*}), else its code. */
	Map<String, String> modeNames(List<String> modes, Locale locale) {
		Map<String, String> names = new LinkedHashMap<>();
		for (String m : new TreeSet<>(modes)) {
			names.put(m, messages.getMessage("inclusive.citizen.mode." + m, null, m, locale));
		}
		return names;
	}

	/** The two charts' data: days, and per mode the trips and gCO2 of each day (0 where none). */
	private Map<String, Object> chart(Dashboard d, Locale locale) {
		Map<String, String> names = modeNames(d.modes().stream().map(OfficeFigures.ModeTotal::mode).toList(), locale);
		Map<String, long[][]> byMode = new LinkedHashMap<>();
		Map<LocalDate, Integer> index = new LinkedHashMap<>();
		for (LocalDate day : d.days()) {
			index.put(day, index.size());
		}
		for (String m : names.keySet()) {
			byMode.put(m, new long[2][d.days().size()]);
		}
		for (DayMode x : d.perDay()) {
			Integer i = index.get(x.day());
			if (i != null) {
				byMode.get(x.mode())[0][i] = x.trips();
				byMode.get(x.mode())[1][i] = x.gco2();
			}
		}
		List<Map<String, Object>> series = new ArrayList<>();
		byMode.forEach((m, v) -> series.add(Map.of("mode", m, "name", names.get(m), "trips", v[0], "gco2", v[1])));
		return Map.of("days", d.days().stream().map(day -> day.toString().substring(5)).toList(), "series", series,
				"unitTrips", messages.getMessage("inclusive.office.chart.unitTrips", null, locale),
				"unitGco2", messages.getMessage("inclusive.office.chart.unitGco2", null, locale));
	}
}
