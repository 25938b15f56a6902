package org.peakpilot.monitoring.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Factor;
import org.peakpilot.monitoring.internal.Meters;
import org.peakpilot.monitoring.internal.BackfillForm;
import org.peakpilot.monitoring.internal.IncomingReading;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.MeterKind;
import org.peakpilot.monitoring.internal.Range;
import org.peakpilot.monitoring.internal.ReplacementForm;
import org.peakpilot.monitoring.internal.MonitoringViews;
import org.peakpilot.monitoring.internal.MonitoringWorkbooks;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.GroupedDecimalEditor;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.registry.Registry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Meter pages: the registration form, a meter's page (its state, exchanges and the exchange form, its gaps of the
 * last week and the back-fill form), the Excel template and import of meters, and the Excel export of an
 * enterprise's daily energy.
 */
@Controller
class MeterPages {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	static final int GAP_DAYS = 7;

	private final Meters meters;
	private final Readings readings;
	private final MonitoringViews views;
	private final MonitoringWorkbooks workbooks;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final java.time.Clock clock;

	MeterPages(Meters meters, Readings readings, MonitoringViews views, MonitoringWorkbooks workbooks, Registry registry,
			EmissionsAccounting accounting, java.time.Clock clock) {
		this.meters = meters;
		this.readings = readings;
		this.views = views;
		this.workbooks = workbooks;
		this.registry = registry;
		this.accounting = accounting;
		this.clock = clock;
	}

	/** What the registration form posts, bound by Spring: a value that does not convert is an error naming its field. */
	record MeterInput(String code, String name, String facility, String energyCode, String unit, MeterKind kind,
			BigDecimal multiplier, Integer intervalMinutes, String productCode,
			BigDecimal maxPerInterval, BigDecimal counterMax) {

		MeterForm form() {
			return new MeterForm(code, name, facility, energyCode, unit, kind, multiplier, intervalMinutes, productCode, maxPerInterval,
					counterMax, null);
		}
	}

	/** The registration form as shown: the text of each field, a value that did not convert as it was typed. */
	record MeterFields(String code, String name, String facility, String energyCode, String unit, String kind, String multiplier,
			String intervalMinutes, String productCode, String maxPerInterval, String counterMax) {

		static MeterFields empty() {
			return new MeterFields("", "", "", "ELECTRICITY", "kWh", "COUNTER", "1", "15", "", "", "");
		}

		static MeterFields shown(BindingResult posted) {
			return new MeterFields(text(posted, "code"), text(posted, "name"), text(posted, "facility"), text(posted, "energyCode"),
					text(posted, "unit"), text(posted, "kind"), text(posted, "multiplier"), text(posted, "intervalMinutes"),
					text(posted, "productCode"), text(posted, "maxPerInterval"), text(posted, "counterMax"));
		}

		private static String text(BindingResult posted, String field) {
			Object value = posted.getFieldValue(field);
			if (value instanceof BigDecimal d) {
				// plain notation only for a sane exponent: 1e999999999 written out would fill the heap
				return Math.abs(d.scale()) <= 40 ? d.toPlainString() : d.toString();
			}
			return value == null ? "" : value.toString();
		}
	}

	/** Decimals on this page's forms may carry thousands separators (1,234.5), as the hand parsing allowed. */
	@InitBinder
	void decimals(WebDataBinder binder) {
		binder.registerCustomEditor(BigDecimal.class, new GroupedDecimalEditor());
	}

	@GetMapping("/monitoring/enterprises/{enterpriseId}/meters/new")
	String newMeter(@PathVariable long enterpriseId, Model model) {
		return form(enterpriseId, MeterFields.empty(), model);
	}

	@PostMapping("/monitoring/enterprises/{enterpriseId}/meters")
	String register(@PathVariable long enterpriseId, @ModelAttribute MeterInput input, BindingResult posted, Model model) {
		// caught here, not by PageErrorAdvice: the form is shown again with what was typed, on this response
		try {
			if (posted.hasErrors()) {
				throw InvalidInputException.of(posted);
			}
			Meter m = meters.register(enterpriseId, input.form());
			return "redirect:/monitoring/meters/" + m.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return form(enterpriseId, MeterFields.shown(posted), model);
	}

	private String form(long enterpriseId, MeterFields fields, Model model) {
		model.addAttribute("e", registry.enterprise(enterpriseId));
		model.addAttribute("f", fields);
		model.addAttribute("fuels", accounting.factors(new EmissionsAccounting.FactorQuery(Factor.Kind.FUEL, null, false)));
		return "monitoring/meter-form";
	}

	@GetMapping("/monitoring/meters/{id}")
	String meter(@PathVariable long id, Model model) {
		Meter m = meters.get(id);
		model.addAttribute("m", m);
		model.addAttribute("state", readings.meterState(id));
		model.addAttribute("e", registry.enterprise(m.enterpriseId()));
		model.addAttribute("exchanges", readings.exchanges(id));
		Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES);
		model.addAttribute("gaps", readings.gaps(id, to.minus(GAP_DAYS, ChronoUnit.DAYS), to));
		model.addAttribute("gapDays", GAP_DAYS);
		return "monitoring/meter";
	}

	/** What the exchange form posts; a reading that is no number comes back to the meter's page naming its field. */
	record ExchangeFields(String replacedAt, BigDecimal oldFinal,
			BigDecimal newInitial, String reason) {
	}

	@PostMapping("/monitoring/meters/{id}/exchanges")
	@BackTo(value = "/monitoring/meters/{id}#exchanges", rule = "exchange")
	String exchange(@PathVariable long id, @ModelAttribute ExchangeFields fields, RedirectAttributes redirect) {
		readings.registerExchange(id, new ReplacementForm(fields.replacedAt(), fields.oldFinal(), fields.newInitial(), fields.reason()));
		redirect.addFlashAttribute("done", "exchanged");
		return "redirect:/monitoring/meters/" + id + "#exchanges";
	}

	/** Back-fill lines "time,value", one per line, as read on site. */
	@PostMapping("/monitoring/meters/{id}/backfill")
	@BackTo(value = "/monitoring/meters/{id}#gaps", rule = "backfill", keep = { "lines", "reason" })
	String backfill(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String lines,
			RedirectAttributes redirect) {
		List<IncomingReading> readings = new ArrayList<>();
		if (lines != null) {
			for (String line : lines.split("\\R")) {
				if (line.isBlank()) {
					continue;
				}
				String[] parts = line.strip().split("\\s*[,，\\t]\\s*", 2);
				readings.add(new IncomingReading(null, id, parts[0], parts.length > 1 ? parts[1] : null, null));
			}
		}
		this.readings.backfill(id, new BackfillForm(reason, readings));
		redirect.addFlashAttribute("done", "backfilled");
		return "redirect:/monitoring/meters/" + id + "#gaps";
	}

	// ---- Excel

	@GetMapping("/monitoring/meters/template.xlsx")
	ResponseEntity<byte[]> template() {
		return xlsx("meters-template.xlsx", workbooks.meterTemplate());
	}

	@PostMapping("/monitoring/enterprises/{enterpriseId}/meters/import")
	String importMeters(@PathVariable long enterpriseId, @RequestParam(name = "file", required = false) MultipartFile file, Model model)
			throws IOException {
		model.addAttribute("e", registry.enterprise(enterpriseId));
		// caught here, not by PageErrorAdvice: the import page shows the file's errors by row and column on this response
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "choose an Excel file (.xlsx) to upload");
			}
			model.addAttribute("imported", workbooks.importMeters(enterpriseId, file.getBytes()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return "monitoring/meter-import";
	}

	@GetMapping("/monitoring/enterprises/{enterpriseId}/daily-energy.xlsx")
	ResponseEntity<byte[]> dailyEnergy(@PathVariable long enterpriseId, @RequestParam(defaultValue = "MONTH") Range range,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		LocalDate d = date == null ? views.today() : date;
		return xlsx("daily-energy-" + enterpriseId + "-" + range.first(d) + ".xlsx", workbooks.dailyEnergy(enterpriseId, range, QueryLimits.date("date", d)));
	}

	static ResponseEntity<byte[]> xlsx(String filename, byte[] body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.contentType(MediaType.parseMediaType(XLSX))
			.body(body);
	}
}
