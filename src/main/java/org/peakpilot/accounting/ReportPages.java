package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.peakpilot.accounting.Calculation.Line;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.ReportModel.Content;
import org.peakpilot.accounting.ReportModel.EnergyUse;
import org.peakpilot.accounting.ReportModel.ProductLine;
import org.peakpilot.accounting.ReportModel.Report;
import org.peakpilot.accounting.ReportModel.ReportLine;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Report pages: the list (with overdue units for officers), a report with its results and workflow, and the entry form. */
@Controller
class ReportPages {

	/** Rows the entry form offers; a month rarely needs more lines. */
	static final int FORM_LINES = 15;

	private final EmissionsAccounting accounting;
	private final Registry registry;
	private final Clock clock;

	ReportPages(EmissionsAccounting accounting, Registry registry, Clock clock) {
		this.accounting = accounting;
		this.registry = registry;
		this.clock = clock;
	}

	/** Rows of the report list per page. */
	static final int PAGE_SIZE = 50;

	/**
	 * The reports within the caller's scope (every role sees its own: the enterprise its months, the verifier its
	 * enterprises', the county and park their enterprises'), filtered by year, status and enterprise, a page at a
	 * time; officers also see the overdue months; who may enter data gets the entry and import forms.
	 */
	@GetMapping("/accounting/reports")
	String reports(@RequestParam(required = false) Integer year, @RequestParam(required = false) ReportModel.Status status,
			@RequestParam(required = false) Long enterpriseId, @RequestParam(defaultValue = "0") int page, Model model) {
		// the year of the last month due: in January the reports of December are the ones being handled
		int y = year == null ? YearMonth.now(clock).minusMonths(1).getYear() : year;
		AccountingBounds.requireYear("year", y);
		if (enterpriseId != null) {
			registry.enterprise(enterpriseId); // not found outside the caller's scope
		}
		List<ReportModel.ReportRow> all = accounting.reports(enterpriseId, y, status);
		int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int p = Math.max(0, Math.min(page, pages - 1));
		model.addAttribute("year", y);
		model.addAttribute("status", status);
		model.addAttribute("enterpriseId", enterpriseId);
		model.addAttribute("statuses", ReportModel.Status.values());
		model.addAttribute("reports", all.subList(p * PAGE_SIZE, Math.min(all.size(), (p + 1) * PAGE_SIZE)));
		model.addAttribute("total", all.size());
		model.addAttribute("page", p);
		model.addAttribute("pages", pages);
		model.addAttribute("names", enterpriseNames());
		AccessScope scope = AccessScope.current();
		boolean officer = scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER);
		model.addAttribute("overdue", officer ? accounting.overdueReports(y).stream()
			.filter(o -> enterpriseId == null || o.enterpriseId() == enterpriseId).toList() : List.of());
		model.addAttribute("enterprises", registry.enterprises(org.peakpilot.registry.RegistryModel.EnterpriseQuery.ALL));
		model.addAttribute("canEnter", scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER));
		model.addAttribute("thisMonth", YearMonth.now(clock));
		return "accounting/reports";
	}

	@GetMapping("/accounting/reports/{id}")
	String report(@PathVariable long id, Model model) {
		Report r = accounting.report(id);
		AccessScope scope = AccessScope.current();
		model.addAttribute("r", r);
		model.addAttribute("enterprise", registry.enterprise(r.enterpriseId()));
		model.addAttribute("history", accounting.resultHistory(id));
		boolean enter = scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER);
		model.addAttribute("canEdit", enter && r.editable());
		model.addAttribute("canSubmit", enter && r.editable() && !r.content().lines().isEmpty());
		model.addAttribute("canVerify", scope.hasRole(Role.VERIFIER) && r.status() == ReportModel.Status.SUBMITTED);
		model.addAttribute("canLock", scope.isCityWide() && r.status() == ReportModel.Status.VERIFIED);
		model.addAttribute("canRevise", enter && r.status() == ReportModel.Status.LOCKED);
		return "accounting/report";
	}

	@GetMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/{month}/edit")
	String edit(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month, Model model) {
		Content content = accounting.report(enterpriseId, year, month).map(Report::content)
			.orElse(new Content(null, null, List.of(), List.of()));
		return form(enterpriseId, year, month, content, null, model);
	}

	@PostMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/{month}")
	String save(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month, HttpServletRequest request,
			Model model, RedirectAttributes redirect) {
		Content content = null;
		try {
			content = read(request);
			String reason = request.getParameter("reason");
			Report saved = reason == null ? accounting.saveReport(enterpriseId, year, month, content)
					: accounting.reviseReport(accounting.report(enterpriseId, year, month).orElseThrow().id(), reason, content);
			redirect.addFlashAttribute("saved", true);
			return "redirect:/accounting/reports/" + saved.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		catch (RuleViolationException ex) {
			model.addAttribute("errors", List.of(InputError.field("status", ex.getMessage())));
		}
		return form(enterpriseId, year, month, content == null ? new Content(null, null, List.of(), List.of()) : content,
				request.getParameter("reason"), model);
	}

	@PostMapping("/accounting/reports/{id}/{action}")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		try {
			switch (action) {
				case "submit" -> accounting.submitReport(id);
				case "verify" -> accounting.verifyReport(id);
				case "return" -> accounting.returnReport(id, comment);
				case "lock" -> accounting.lockReport(id);
				default -> throw new InvalidInputException("action", "unknown action " + action);
			}
			redirect.addFlashAttribute("done", action);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", ex.errors());
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("errors", List.of(InputError.field("status", ex.getMessage())));
		}
		return "redirect:/accounting/reports/" + id;
	}

	@GetMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/template.xlsx")
	org.springframework.http.ResponseEntity<byte[]> template(@PathVariable long enterpriseId, @PathVariable int year) {
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"reports-" + enterpriseId + "-" + year + ".xlsx\"")
			.contentType(org.springframework.http.MediaType.parseMediaType(
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(accounting.reportTemplate(enterpriseId, year));
	}

	@PostMapping("/accounting/reports/import")
	String importWorkbook(@RequestParam long enterpriseId, @RequestParam int year,
			@RequestParam(name = "file", required = false) org.springframework.web.multipart.MultipartFile file, Model model)
			throws java.io.IOException {
		model.addAttribute("enterprise", registry.enterprise(enterpriseId));
		model.addAttribute("year", year);
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "choose an Excel file (.xlsx) to upload");
			}
			if (file.getSize() > ReportWorkbook.MAX_BYTES) {
				throw new InvalidInputException("file", "the file has " + file.getSize() / 1024 + " KiB; at most "
						+ ReportWorkbook.MAX_BYTES / 1024 / 1024 + " MiB are accepted");
			}
			model.addAttribute("imported", accounting.importReports(enterpriseId, year, file.getBytes()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return "accounting/report-import";
	}

	private String form(long enterpriseId, int year, int month, Content content, String reason, Model model) {
		model.addAttribute("enterprise", registry.enterprise(enterpriseId));
		model.addAttribute("year", year);
		model.addAttribute("month", month);
		model.addAttribute("content", content);
		List<ReportLine> rows = new ArrayList<>(content.lines() == null ? List.of() : content.lines());
		while (rows.size() < FORM_LINES) {
			rows.add(null);
		}
		model.addAttribute("rows", rows);
		model.addAttribute("types", LineType.values());
		model.addAttribute("uses", EnergyUse.values());
		model.addAttribute("products", accounting.products());
		model.addAttribute("factors", accounting.factors(EmissionsAccounting.FactorQuery.CURRENT));
		Report existing = accounting.report(enterpriseId, year, month).orElse(null);
		model.addAttribute("revising", existing != null && existing.status() == ReportModel.Status.LOCKED);
		model.addAttribute("reason", reason);
		return "accounting/report-form";
	}

	/** Reads the form's numbered rows; a row without a type is empty and skipped. Bad numbers name the row. */
	private static Content read(HttpServletRequest request) {
		List<InputError> errors = new ArrayList<>();
		List<ReportLine> lines = new ArrayList<>();
		for (int i = 0; i < FORM_LINES; i++) {
			String type = request.getParameter("type" + i);
			if (type == null || type.isBlank()) {
				continue;
			}
			String at = "row " + (i + 1);
			LineType lineType = known(LineType.class, type, at, errors);
			String use = text(request, "use" + i);
			EnergyUse energyUse = use == null ? EnergyUse.ENERGY : known(EnergyUse.class, use, at, errors);
			if (lineType == null || energyUse == null) {
				continue;
			}
			Line line = new Line(lineType, text(request, "factor" + i), number(request, "quantity" + i, at, errors),
					text(request, "unit" + i), number(request, "ncv" + i, at, errors), number(request, "cc" + i, at, errors),
					number(request, "green" + i, at, errors), number(request, "fraction" + i, at, errors),
					number(request, "cao" + i, at, errors), number(request, "mgo" + i, at, errors), null, null, null,
					text(request, "label" + i));
			lines.add(new ReportLine(line, energyUse));
		}
		List<ProductLine> products = new ArrayList<>();
		for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
			if (p.getKey().startsWith("product_") && p.getValue().length > 0 && !p.getValue()[0].isBlank()) {
				products.add(new ProductLine(p.getKey().substring("product_".length()),
						number(request, p.getKey(), p.getKey().substring("product_".length()), errors)));
			}
		}
		BigDecimal output = number(request, "outputValue10kCny", "outputValue10kCny", errors);
		BigDecimal added = number(request, "valueAdded10kCny", "valueAdded10kCny", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return new Content(output, added, lines, products);
	}

	/** The constant of {@code type} named {@code name}, or null with an error naming the row. */
	private static <E extends Enum<E>> E known(Class<E> type, String name, String at, List<InputError> errors) {
		try {
			return Enum.valueOf(type, name.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add(InputError.field(at, "'" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "' is not one of "
					+ java.util.Arrays.toString(type.getEnumConstants())));
			return null;
		}
	}

	private static String text(HttpServletRequest request, String name) {
		String v = request.getParameter(name);
		return v == null || v.isBlank() ? null : v.strip();
	}

	private static BigDecimal number(HttpServletRequest request, String name, String at, List<InputError> errors) {
		String v = text(request, name);
		if (v == null) {
			return null;
		}
		try {
			BigDecimal number = new BigDecimal(v.replace(",", ""));
			if (number.signum() != 0 && (number.precision() - number.scale() > 20 || number.scale() > 20)) {
				// 1e999999999 is a number, but one the form could not even show again
				errors.add(InputError.field(at, InputBounds.shown(number) + " is out of any range"));
				return null;
			}
			return number;
		}
		catch (NumberFormatException ex) {
			errors.add(InputError.field(at, "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "' is not a number"));
			return null;
		}
	}

	private Map<Long, String> enterpriseNames() {
		Map<Long, String> names = new java.util.HashMap<>();
		registry.enterprises(org.peakpilot.registry.RegistryModel.EnterpriseQuery.ALL).forEach(e -> names.put(e.id(), e.name()));
		return names;
	}
}
