package org.peakpilot.budget.web;

import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.budget.WarningLevel;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.budget.internal.BudgetWarnings;
import org.peakpilot.budget.internal.Execution;
import org.peakpilot.budget.internal.WarningList;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The warning list to act on (预警清单, ADR 0016 amendment "warnings pages and each role's view"): a year's warnings
 * within the caller's scope with holder, level, reason, raised and acknowledged (Beijing time) and the action plan,
 * filtered by level, kind and open/all, acknowledged on the page through {@link BudgetWarnings#acknowledge} (the API's
 * checks and audit), exported to Excel; and the htmx fragments other pages load without depending on this module: the
 * open warnings by level (budget cockpit, the plan's indicator cockpit) and an enterprise's or park's own use of its
 * budget (the work queue).
 */
@Controller
class BudgetWarningPages {

	private final WarningList list;
	private final BudgetWarnings warnings;
	private final Execution execution;
	private final Registry registry;
	private final MessageSource messages;
	private final Clock clock;

	BudgetWarningPages(WarningList list, BudgetWarnings warnings, Execution execution, Registry registry, MessageSource messages, Clock clock) {
		this.list = list;
		this.warnings = warnings;
		this.execution = execution;
		this.registry = registry;
		this.messages = messages;
		this.clock = clock;
	}

	/** A warning as the page and the workbook show it: the holder's name and county with the stored row. */
	record Row(WarningList.Line line, String name, String county) {
	}

	@GetMapping("/budget/{year}/warnings")
	String page(@PathVariable int year, @RequestParam(required = false) WarningLevel level, @RequestParam(required = false) Kind kind,
			@RequestParam(name = "open", defaultValue = "true") boolean open, Model model, Locale locale) {
		BudgetYearApi.checkedYear(year);
		WarningList.Filter filter = filter(level, kind, open);
		model.addAttribute("year", year);
		model.addAttribute("rows", rows(year, filter, locale));
		model.addAttribute("filter", filter);
		model.addAttribute("counts", list.openCounts(year));
		model.addAttribute("levels", List.of(WarningLevel.RED, WarningLevel.AMBER, WarningLevel.YELLOW));
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("maxPlan", BudgetWarnings.MAX_PLAN);
		model.addAttribute("thisYear", thisYear());
		return "budget/warnings";
	}

	@PostMapping("/budget/{year}/warnings/{id}/acknowledge")
	@BackTo(value = "/budget/{year}/warnings#warning-{id}", rule = "action_plan", errors = "ackErrors",
			keep = { "ackWarning=warning", "ackPlan=action_plan" })
	String acknowledge(@PathVariable int year, @PathVariable long id, @RequestParam(name = "action_plan", required = false) String plan,
			RedirectAttributes redirect) {
		BudgetYearApi.checkedYear(year);
		BudgetWarnings.Warning done = warnings.acknowledge(year, id, BudgetExecutionApi.AcknowledgeBody.plan(new BudgetExecutionApi.AcknowledgeBody(plan)));
		redirect.addFlashAttribute("acknowledged", done.id());
		return "redirect:/budget/" + year + "/warnings#warning-" + done.id();
	}

	@GetMapping("/budget/{year}/warnings/export")
	ResponseEntity<byte[]> export(@PathVariable int year, @RequestParam(required = false) WarningLevel level,
			@RequestParam(required = false) Kind kind, @RequestParam(name = "open", defaultValue = "true") boolean open, Locale locale) {
		BudgetYearApi.checkedYear(year);
		WarningList.Filter filter = filter(level, kind, open);
		byte[] workbook = BudgetWarningWorkbook.write(year, rows(year, filter, locale),
				(key) -> messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE), (key) -> messages.getMessage(key, null, key, Locale.ENGLISH));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"carbon-budget-warnings-" + year + ".xlsx\"")
			.contentType(MediaType.parseMediaType(BudgetPages.XLSX))
			.body(workbook);
	}

	/**
	 * The open warnings of a year (the clock's Beijing year unless given) within the caller's scope by level, with the
	 * red counties named (a published fact, as on the public page) and links to the list filtered: an htmx fragment for
	 * the budget cockpit and the plan's indicator cockpit.
	 */
	@GetMapping("/budget/warnings/summary")
	String summary(@RequestParam(required = false) Integer year, Model model) {
		int y = year == null ? thisYear() : year;
		BudgetYearApi.checkedYear(y);
		Map<String, String> counties = new HolderNames(registry, null).counties();
		model.addAttribute("year", y);
		model.addAttribute("counts", list.openCounts(y));
		model.addAttribute("redCounties", execution.redCounties(y).stream().sorted().map(c -> counties.getOrDefault(c, c)).toList());
		return "budget/warning-fragments :: summary";
	}

	/** One line of the work queue: a park's or enterprise's use of its budget this year and its warning. */
	record Mine(String name, java.math.BigDecimal budget, java.math.BigDecimal used, java.math.BigDecimal share, WarningLevel level) {
	}

	/**
	 * The caller's own budget line(s) of this year — an enterprise user its enterprises, a park manager its park — as
	 * "本年碳预算已用 x%（预警：…）" linking to {@code /budget}: the htmx fragment the work queue loads, so that accounting need
	 * not know this module. Other roles: an empty fragment.
	 */
	@GetMapping("/budget/mine/summary")
	String mineSummary(Model model, Locale locale) {
		int y = thisYear();
		AccessScope scope = AccessScope.current();
		List<Mine> mine = new ArrayList<>();
		if (scope.hasRole(Role.ENTERPRISE_USER, Role.PARK_MANAGER)) {
			Kind own = scope.hasRole(Role.PARK_MANAGER) ? Kind.PARK : Kind.ENTERPRISE;
			HolderNames names = new HolderNames(registry, locale);
			for (Execution.HolderExecution h : execution.view(y, null).holders()) {
				if (h.kind() != own) {
					continue;
				}
				java.math.BigDecimal share = h.used() == null || h.budget() == null || h.budget().signum() <= 0 ? null
						: h.used().divide(h.budget(), 4, java.math.RoundingMode.HALF_UP);
				mine.add(new Mine(names.name(h.code(), h.kind()), h.budget(), h.used(), share, h.warning().level()));
			}
		}
		model.addAttribute("year", y);
		model.addAttribute("mine", mine);
		model.addAttribute("holderRole", scope.hasRole(Role.ENTERPRISE_USER, Role.PARK_MANAGER));
		return "budget/warning-fragments :: mine";
	}

	private List<Row> rows(int year, WarningList.Filter filter, Locale locale) {
		HolderNames names = new HolderNames(registry, locale);
		return list.list(year, filter).stream().map(l -> new Row(l, names.name(l.holderCode(), l.kind()), names.county(l.countyCode()))).toList();
	}

	private static WarningList.Filter filter(WarningLevel level, Kind kind, boolean open) {
		// GREEN, INCOMPLETE, … never make a warning: such a filter lists nothing, as asked
		return new WarningList.Filter(level, kind, open);
	}

	private int thisYear() {
		return Year.now(clock.withZone(PageFormat.BEIJING)).getValue();
	}

}
