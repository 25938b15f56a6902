package org.peakpilot.accounting.web;

import org.peakpilot.accounting.DisplayNames;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.accounting.StoredResult;
import org.peakpilot.accounting.internal.AccountingBounds;
import org.peakpilot.accounting.internal.FactorLibrary;
import org.peakpilot.accounting.internal.FactorsInForce;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.ReportForm;
import org.peakpilot.accounting.internal.ReportRow;
import org.peakpilot.accounting.internal.ReportWorkbook;
import org.peakpilot.accounting.internal.ReportWorkflow;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Report pages: the list (with overdue units for officers), a report with its results and workflow, and the entry form. */
@Controller
class ReportPages {

	private final EmissionsAccounting accounting;
	private final MonthlyReports monthlyReports;
	private final ReportWorkflow workflow;
	private final FactorLibrary library;
	private final Registry registry;
	private final Clock clock;
	private final MessageSource messages;
	private final JsonMapper json;
	private final DisplayNames names;

	ReportPages(EmissionsAccounting accounting, MonthlyReports monthlyReports, ReportWorkflow workflow, FactorLibrary library,
			Registry registry, Clock clock, MessageSource messages, JsonMapper json,
			DisplayNames names) {
		this.names = names;
		this.accounting = accounting;
		this.monthlyReports = monthlyReports;
		this.workflow = workflow;
		this.library = library;
		this.registry = registry;
		this.clock = clock;
		this.messages = messages;
		this.json = json;
	}

	/** Rows of the report list per page. */
	static final int PAGE_SIZE = 50;

	/**
	 * The reports within the caller's scope (every role sees its own: the enterprise its months, the verifier its
	 * enterprises', the county and park their enterprises'), filtered by year, status and enterprise, a page at a
	 * time; officers also see the overdue months; who may enter data gets the entry and import forms.
	 */
	@GetMapping("/accounting/reports")
	String reports(@RequestParam(required = false) Integer year, @RequestParam(required = false) ReportStatus status,
			@RequestParam(required = false) Long enterpriseId, @RequestParam(defaultValue = "0") int page, Model model) {
		// the year of the last month due: in January the reports of December are the ones being handled
		int y = year == null ? YearMonth.now(clock).minusMonths(1).getYear() : year;
		AccountingBounds.requireYear("year", y);
		if (enterpriseId != null) {
			registry.enterprise(enterpriseId); // not found outside the caller's scope
		}
		List<ReportRow> all = monthlyReports.list(enterpriseId, y, status);
		int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int p = Math.max(0, Math.min(page, pages - 1));
		model.addAttribute("year", y);
		model.addAttribute("status", status);
		model.addAttribute("enterpriseId", enterpriseId);
		model.addAttribute("statuses", ReportStatus.values());
		model.addAttribute("reports", all.subList(p * PAGE_SIZE, Math.min(all.size(), (p + 1) * PAGE_SIZE)));
		model.addAttribute("total", all.size());
		model.addAttribute("page", p);
		model.addAttribute("pages", pages);
		model.addAttribute("names", enterpriseNames());
		AccessScope scope = AccessScope.current();
		boolean officer = scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER);
		model.addAttribute("overdue", officer ? monthlyReports.overdue(y).stream()
			.filter(o -> enterpriseId == null || o.enterpriseId() == enterpriseId).toList() : List.of());
		model.addAttribute("enterprises", registry.enterprises(org.peakpilot.registry.RegistryModel.EnterpriseQuery.ALL));
		model.addAttribute("canEnter", scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER));
		model.addAttribute("thisMonth", YearMonth.now(clock));
		return "accounting/reports";
	}

	@GetMapping("/accounting/reports/{id}")
	String report(@PathVariable long id, Model model) {
		Report r = monthlyReports.report(id);
		AccessScope scope = AccessScope.current();
		model.addAttribute("r", r);
		model.addAttribute("enterprise", registry.enterprise(r.enterpriseId()));
		model.addAttribute("history", monthlyReports.resultHistory(id));
		Map<Integer, List<String>> notes = new java.util.HashMap<>();
		for (StoredResult res : r.results()) {
			notes.put(res.lineNo(), res.notesJson() == null ? List.of() : List.of(json.readValue(res.notesJson(), String[].class)));
		}
		model.addAttribute("notes", notes);
		boolean enter = scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER);
		model.addAttribute("canEdit", enter && r.editable());
		model.addAttribute("canSubmit", enter && r.editable() && !r.content().lines().isEmpty());
		model.addAttribute("canVerify", scope.hasRole(Role.VERIFIER) && r.status() == ReportStatus.SUBMITTED);
		model.addAttribute("canLock", scope.isCityWide() && r.status() == ReportStatus.VERIFIED);
		model.addAttribute("canRevise", enter && r.status() == ReportStatus.LOCKED);
		return "accounting/report";
	}

	@GetMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/{month}/edit")
	String edit(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month, Model model, Locale locale) {
		ReportContent content = monthlyReports.report(enterpriseId, year, month).map(Report::content)
			.orElse(new ReportContent(null, null, List.of(), List.of()));
		return form(enterpriseId, year, month, content, null, model, locale);
	}

	@PostMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/{month}")
	String save(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month, HttpServletRequest request,
			Model model, RedirectAttributes redirect, Locale locale) {
		ReportForm.Bound bound = ReportForm.read(request, monthlyReports.products(), sector(enterpriseId));
		// caught here, not by PageErrorAdvice: the form is rendered again on this response with every row as typed and the
		// errors placed at their section, row and field (onForm), which a redirect with flash attributes cannot carry
		try {
			if (!bound.errors().isEmpty()) {
				throw new InvalidInputException(bound.errors());
			}
			String reason = request.getParameter("reason");
			Report saved = reason == null ? workflow.save(enterpriseId, year, month, bound.content())
					: workflow.revise(monthlyReports.report(enterpriseId, year, month).orElseThrow().id(), reason, bound.content());
			redirect.addFlashAttribute("saved", true);
			return "redirect:/accounting/reports/" + saved.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", onForm(ex.errors(), bound, locale));
		}
		catch (RuleViolationException ex) {
			model.addAttribute("errors", List.of(InputError.field("status", ex.getMessage())));
		}
		return form(enterpriseId, year, month, bound.content(), request.getParameter("reason"), model, locale);
	}

	/**
	 * The figures of the form as it stands, without saving: the stateless calculator on the posted rows, per row and
	 * in total, or the errors named by section, row and field. The page's script posts the form here as one types.
	 */
	@PostMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/{month}/calculate")
	String calculate(@PathVariable long enterpriseId, @PathVariable int year, @PathVariable int month, HttpServletRequest request,
			Model model, Locale locale) {
		ReportForm.Bound bound = ReportForm.read(request, monthlyReports.products(), sector(enterpriseId));
		List<InputError> errors = new ArrayList<>(bound.errors());
		Calculation.Result result = null;
		List<ReportLine> lines = bound.content().lines();
		if (errors.isEmpty() && !lines.isEmpty()) {
			// caught here, not by PageErrorAdvice: refused rows are part of the live figures this fragment answers with
			// (200), not a failed request; the script swaps them in as one types
			try {
				result = accounting.calculate(new Calculation.Request(year, null, lines.stream().map(ReportLine::line).toList()));
			}
			catch (InvalidInputException ex) {
				errors.addAll(ex.errors());
			}
		}
		model.addAttribute("errors", errors.isEmpty() ? null : onForm(errors, bound, locale));
		model.addAttribute("result", result);
		model.addAttribute("origins", bound.origins());
		return "accounting/report-form :: figures";
	}

	/** Errors as the form names them: section, row and field in the page's language. */
	private List<InputError> onForm(List<InputError> errors, ReportForm.Bound bound, Locale locale) {
		List<InputError> named = new ArrayList<>();
		for (InputError e : errors) {
			InputError f = ReportForm.onForm(e, bound.origins());
			String[] parts = f.field() == null ? new String[0] : f.field().split(" ", 3);
			if (parts.length >= 2 && parts[1].matches("[0-9]+") && isSection(parts[0])) {
				String field = parts.length == 3 ? " · " + messages.getMessage("form.field." + parts[2], null, parts[2], locale) : "";
				named.add(InputError.field(messages.getMessage("form.section." + parts[0], null, parts[0], locale) + " "
						+ messages.getMessage("form.row", new Object[] { parts[1] }, "row " + parts[1], locale) + field, f.message()));
			}
			else if (parts.length == 2 && parts[0].equals("PRODUCTS")) {
				named.add(InputError.field(messages.getMessage("report.products", null, locale) + " " + parts[1], f.message()));
			}
			else {
				named.add(InputError.field(f.field() == null ? "" : messages.getMessage("form.field." + f.field(), null, f.field(), locale),
						f.message()));
			}
		}
		return named;
	}

	private static boolean isSection(String name) {
		return java.util.Arrays.stream(ReportForm.Section.values()).anyMatch(s -> s.name().equals(name));
	}

	/** The industry sector of an enterprise (cement, steel, …), which picks its process methods and products. */
	private String sector(long enterpriseId) {
		String industry = registry.enterprise(enterpriseId).industryCode();
		return registry.industries().stream().filter(i -> i.code().equals(industry)).map(i -> i.sector()).findFirst().orElse("");
	}

	@PostMapping("/accounting/reports/{id}/{action}")
	@BackTo(value = "/accounting/reports/{id}", rule = "status")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) String comment,
			RedirectAttributes redirect) {
		switch (action) {
			case "submit" -> workflow.submit(id);
			case "verify" -> workflow.verify(id);
			case "return" -> workflow.returnForCorrection(id, comment);
			case "lock" -> workflow.lock(id);
			default -> throw new InvalidInputException("action", "unknown action " + action);
		}
		redirect.addFlashAttribute("done", action);
		return "redirect:/accounting/reports/" + id;
	}

	@GetMapping("/accounting/enterprises/{enterpriseId}/reports/{year}/template.xlsx")
	org.springframework.http.ResponseEntity<byte[]> template(@PathVariable long enterpriseId, @PathVariable int year) {
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"reports-" + enterpriseId + "-" + year + ".xlsx\"")
			.contentType(org.springframework.http.MediaType.parseMediaType(
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(workflow.template(enterpriseId, year));
	}

	@PostMapping("/accounting/reports/import")
	String importWorkbook(@RequestParam long enterpriseId, @RequestParam int year,
			@RequestParam(name = "file", required = false) org.springframework.web.multipart.MultipartFile file, Model model)
			throws java.io.IOException {
		model.addAttribute("enterprise", registry.enterprise(enterpriseId));
		model.addAttribute("year", year);
		// caught here, not by PageErrorAdvice: the import page shows the file's errors by sheet, row and column on this
		// response, next to the upload form
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "choose an Excel file (.xlsx) to upload");
			}
			if (file.getSize() > ReportWorkbook.MAX_BYTES) {
				throw new InvalidInputException("file", "the file has " + file.getSize() / 1024 + " KiB; at most "
						+ ReportWorkbook.MAX_BYTES / 1024 / 1024 + " MiB are accepted");
			}
			model.addAttribute("imported", workflow.importReports(enterpriseId, year, file.getBytes()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		return "accounting/report-import";
	}

	private String form(long enterpriseId, int year, int month, ReportContent content, String reason, Model model, Locale locale) {
		String sector = sector(enterpriseId);
		// the versions in force in the report's year, by the rule the calculator uses (an older version still in force
		// in that year is offered although a newer one exists)
		List<Factor> factors = FactorsInForce.of(library.factors(new EmissionsAccounting.FactorQuery(null, null, true))).all(year);
		model.addAttribute("enterprise", registry.enterprise(enterpriseId));
		model.addAttribute("year", year);
		model.addAttribute("month", month);
		model.addAttribute("content", content);
		Map<ReportForm.Section, List<ReportForm.Row>> sections = ReportForm.rows(content);
		model.addAttribute("fuelRows", sections.get(ReportForm.Section.FUEL));
		model.addAttribute("processRows", sections.get(ReportForm.Section.PROCESS));
		model.addAttribute("electricityRows", sections.get(ReportForm.Section.ELECTRICITY));
		model.addAttribute("heatRows", sections.get(ReportForm.Section.HEAT));
		model.addAttribute("electricityExportRows", sections.get(ReportForm.Section.ELECTRICITY_EXPORT));
		model.addAttribute("heatExportRows", sections.get(ReportForm.Section.HEAT_EXPORT));
		model.addAttribute("uses", EnergyUse.values());
		List<ReportForm.FuelChoice> fuels = ReportForm.fuels(factors, names::nameZh);
		model.addAttribute("fuels", fuels);
		model.addAttribute("coalClasses", ReportForm.coalClasses(fuels));
		model.addAttribute("processes", ReportForm.withExisting(ReportForm.processes(factors, sector, names::nameZh),
				sections.get(ReportForm.Section.PROCESS)));
		model.addAttribute("fuelUnits", ReportForm.FUEL_UNITS);
		model.addAttribute("electricityUnits", ReportForm.ELECTRICITY_UNITS);
		model.addAttribute("heatUnits", ReportForm.HEAT_UNITS);
		Map<String, String> unitLabels = new java.util.HashMap<>();
		ReportForm.UNIT_KEYS.forEach((unit, key) -> unitLabels.put(unit, messages.getMessage("form.unit." + key, null, unit, locale)));
		model.addAttribute("unitLabels", unitLabels);
		model.addAttribute("products", ReportForm.products(monthlyReports.products(), sector));
		Report existing = monthlyReports.report(enterpriseId, year, month).orElse(null);
		model.addAttribute("revising", existing != null && existing.status() == ReportStatus.LOCKED);
		model.addAttribute("reason", reason);
		return "accounting/report-form";
	}

	private Map<Long, String> enterpriseNames() {
		Map<Long, String> names = new java.util.HashMap<>();
		registry.enterprises(org.peakpilot.registry.RegistryModel.EnterpriseQuery.ALL).forEach(e -> names.put(e.id(), e.name()));
		return names;
	}
}
