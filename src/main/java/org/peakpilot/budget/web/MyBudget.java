package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.budget.internal.BudgetVersions;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.Holder;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.budget.internal.Execution;
import org.peakpilot.budget.internal.WarningList;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import tools.jackson.databind.json.JsonMapper;

/**
 * "My budget" (我的碳预算): what {@code /budget} and {@code /budget/{year}} show a park manager or an enterprise user
 * instead of the city's cockpit (ADR 0016 amendment "warnings pages and each role's view"): the year's published
 * version's lines in their scope ({@link BudgetVersions#current}: a park manager its park and its enterprises, an
 * enterprise user its own), each with budget, pre-allocated part, used so far with the source of every month,
 * forecast and warning with its reason (the stored execution, {@link Execution#view}), the monthly path of the line
 * chosen (its own by default), and its open warnings. A draft is not shown to them; a published budget that does not
 * name them says so.
 */
@Component
class MyBudget {

	private final BudgetVersions versions;
	private final Execution execution;
	private final WarningList warnings;
	private final Registry registry;
	private final JsonMapper json;
	private final Clock clock;

	MyBudget(BudgetVersions versions, Execution execution, WarningList warnings, Registry registry, JsonMapper json, Clock clock) {
		this.versions = versions;
		this.execution = execution;
		this.warnings = warnings;
		this.registry = registry;
		this.json = json;
		this.clock = clock;
	}

	/** Whether the caller is shown "my budget" rather than the cockpit. */
	static boolean isHolderRole() {
		return AccessScope.current().hasRole(Role.PARK_MANAGER, Role.ENTERPRISE_USER);
	}

	/** A line of "my budget": the version's line, its stored execution (null before the first computation) and its name. */
	record Line(Holder holder, String name, Execution.HolderExecution execution, BigDecimal usedShare) {
	}

	String page(int year, String holder, Model model) {
		Locale locale = LocaleContextHolder.getLocale();
		int now = Year.now(clock.withZone(PageFormat.BEIJING)).getValue();
		model.addAttribute("year", year);
		model.addAttribute("years", List.of(now + 1, now, now - 1));
		model.addAttribute("isPark", AccessScope.current().hasRole(Role.PARK_MANAGER));
		model.addAttribute("monthlyPathJson", "null");
		BudgetYear budget;
		try {
			budget = versions.current(year);
		}
		catch (NotFoundException ex) {
			budget = null;
		}
		if (budget == null || budget.status() != BudgetVersions.Status.PUBLISHED) {
			model.addAttribute("state", "notPublished");
			return "budget/mine";
		}
		model.addAttribute("budget", budget);
		if (budget.holders().isEmpty()) {
			model.addAttribute("state", "notIncluded");
			return "budget/mine";
		}
		model.addAttribute("state", "shown");
		Execution.View view = execution.view(year, null);
		Map<String, Execution.HolderExecution> byCode = new HashMap<>();
		if (view.version() != null && view.version() == budget.version()) {
			view.holders().forEach(h -> byCode.put(h.code(), h));
		}
		HolderNames names = new HolderNames(registry, locale);
		List<Line> lines = budget.holders().stream().map(h -> {
			Execution.HolderExecution e = byCode.get(h.code());
			BigDecimal share = e == null || e.used() == null || h.budget() == null || h.budget().signum() <= 0 ? null
					: e.used().divide(h.budget(), 4, RoundingMode.HALF_UP);
			return new Line(h, names.name(h.code(), h.kind()), e, share);
		}).toList();
		Kind own = AccessScope.current().hasRole(Role.PARK_MANAGER) ? Kind.PARK : Kind.ENTERPRISE;
		Line selected = lines.stream().filter(l -> l.holder().code().equals(holder)).findFirst()
			.orElse(lines.stream().filter(l -> l.holder().kind() == own).findFirst().orElse(lines.get(0)));
		model.addAttribute("lines", lines);
		model.addAttribute("own", lines.stream().filter(l -> l.holder().kind() == own).toList());
		model.addAttribute("others", lines.stream().filter(l -> l.holder().kind() != own).toList());
		model.addAttribute("selected", selected);
		model.addAttribute("computedAt", view.computedAt());
		model.addAttribute("openWarnings", warnings.list(year, new WarningList.Filter(null, null, true)));
		model.addAttribute("monthlyPathJson", execution.monthlyPath(year, budget.version(), selected.holder().code())
			.map(p -> json.writeValueAsString(p).replace("</", "<\\/")).orElse("null"));
		return "budget/mine";
	}
}
