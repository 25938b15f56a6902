package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.internal.BudgetHistory;
import org.peakpilot.budget.internal.BudgetVersions;
import org.peakpilot.budget.internal.Execution;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.Holder;
import org.peakpilot.budget.internal.BudgetVersions.Status;
import org.peakpilot.budget.internal.DemoCounties;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.GroupedDecimalEditor;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Tco2;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The budget pages (预算驾驶舱, 分配工作台): the cockpit of a year's version (city → counties, later parks and
 * enterprises, with the identity of the carve-outs, charts, Excel export and the version history), the allocation
 * workspace (draft, inputs per county, methods side by side, allocation, approval steps), and the public page of
 * published county budgets. They call the module's services directly; scope and roles are theirs
 * ({@link BudgetVersions}, {@link BudgetHistory}): city roles write, a county officer reads its county and takes the
 * county review, everybody else gets 403.
 */
@Controller
class BudgetPages {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	/** The methods compared when the office has not chosen any. */
	static final List<Method> DEFAULT_COMPARED = List.of(Method.INTENSITY_DECLINE, Method.GDP_SHARE, Method.GRANDFATHERING);

	/** The draft form's fields: the API's names, so that an error names the field on the form. */
	static final List<String> DRAFT_FIELDS = List.of("base_intensity_t_per_10k_cny", "decline_rate", "period_target_cut", "achieved_cut",
			"years_left", "forecast_gdp_10k_cny", "total_cap_t", "reserve_share", "pool_t", "sink_credit_t", "source");

	private final BudgetVersions versions;
	private final BudgetHistory history;
	private final CarbonBudgets budgets;
	private final Registry registry;
	private final PilotPlan plan;
	private final InstanceSettings instance;
	private final JsonMapper json;
	private final Clock clock;
	private final org.springframework.context.MessageSource messages;
	private final Execution execution;
	private final MyBudget mine;
	private final org.peakpilot.budget.internal.ProjectReservations reservations;

	BudgetPages(BudgetVersions versions, BudgetHistory history, CarbonBudgets budgets, Registry registry, PilotPlan plan,
			InstanceSettings instance, JsonMapper json, Clock clock, org.springframework.context.MessageSource messages, Execution execution,
			MyBudget mine, org.peakpilot.budget.internal.ProjectReservations reservations) {
		this.reservations = reservations;
		this.mine = mine;
		this.messages = messages;
		this.execution = execution;
		this.versions = versions;
		this.history = history;
		this.budgets = budgets;
		this.registry = registry;
		this.plan = plan;
		this.instance = instance;
		this.json = json;
		this.clock = clock;
	}

	/** Decimals may carry thousands separators (22,865,000), as statistics bulletins print them. */
	@InitBinder
	void decimals(WebDataBinder binder) {
		binder.registerCustomEditor(BigDecimal.class, new GroupedDecimalEditor());
	}

	// ---------------------------------------------------------------- cockpit

	@GetMapping("/budget")
	String cockpitOfThisYear(Model model) {
		return cockpit(Year.now(clock).getValue(), null, null, model);
	}

	@GetMapping("/budget/{year}")
	String cockpit(@PathVariable int year, @RequestParam(required = false) Integer version, @RequestParam(required = false) String holder,
			Model model) {
		BudgetYearApi.checkedYear(year);
		if (MyBudget.isHolderRole()) {
			// a park manager or an enterprise user: "my budget", their own lines of the published version
			return mine.page(year, holder, model);
		}
		List<BudgetHistory.VersionLine> lines = history.versions(year);
		model.addAttribute("year", year);
		model.addAttribute("years", years(year));
		model.addAttribute("versions", lines);
		model.addAttribute("canWrite", canWrite());
		Map<String, String> names = countyNames();
		model.addAttribute("countyNames", names);
		if (lines.isEmpty()) {
			return "budget/cockpit";
		}
		BudgetYear budget = execution.fill(version == null ? versions.current(year) : versions.version(year, version));
		model.addAttribute("budget", budget);
		model.addAttribute("identity", Identity.of(budget));
		model.addAttribute("chartJson", toJson(bars(budget, names)));
		Holder selected = holder == null ? null : budget.holders().stream().filter(h -> h.code().equals(holder)).findFirst().orElse(null);
		model.addAttribute("selected", selected);
		model.addAttribute("children", selected == null ? List.of()
				: budget.holders().stream().filter(h -> selected.code().equals(h.parent())).toList());
		// a county's emissions reserved for admitted projects (issue 13), which the admission's headroom subtracts
		List<org.peakpilot.budget.internal.ProjectReservations.Reserved> reserved = selected == null || selected.kind() != BudgetVersions.Kind.COUNTY ? List.of()
				: reservations.activeIn(selected.code(), year);
		model.addAttribute("reservations", reserved);
		model.addAttribute("reservedTotal", reserved.stream().map(org.peakpilot.budget.internal.ProjectReservations.Reserved::annualT)
			.reduce(BigDecimal.ZERO, BigDecimal::add));
		// the holder's monthly path (budget path, use, forecast) from the execution of the version shown; else the fragment says so
		model.addAttribute("monthlyPathJson", selected == null ? "null"
				: execution.monthlyPath(year, budget.version(), selected.code()).map(this::toJson).orElse("null"));
		return "budget/cockpit";
	}

	@GetMapping("/budget/{year}/export")
	ResponseEntity<byte[]> export(@PathVariable int year, @RequestParam(required = false) Integer version) {
		BudgetYearApi.checkedYear(year);
		List<BudgetHistory.VersionLine> lines = history.versions(year);
		BudgetYear budget = execution.fill(version == null ? versions.current(year) : versions.version(year, version));
		byte[] workbook = BudgetWorkbook.write(budget, lines, countyNames());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"carbon-budget-" + year + "-v" + budget.version() + ".xlsx\"")
			.contentType(MediaType.parseMediaType(XLSX))
			.body(workbook);
	}

	// ---------------------------------------------------------------- allocation workspace

	@GetMapping("/budget/{year}/allocation")
	String workspace(@PathVariable int year, @RequestParam(required = false) Integer version, Model model) {
		BudgetYearApi.checkedYear(year);
		List<BudgetHistory.VersionLine> lines = history.versions(year);
		Integer chosen = version != null ? version : lines.isEmpty() ? null : lines.get(0).version();
		BudgetYear budget = chosen == null ? null : versions.version(year, chosen);
		Prefill prefill = canWrite() ? prefilled(year) : new Prefill(List.of(), null);
		workspaceModel(year, lines, budget, prefill.rows(), DEFAULT_COMPARED, null, Map.of(), null, model);
		model.addAttribute("prefill", prefill.from());
		return "budget/allocation";
	}

	/** The draft form: the API's field names (and its checks, {@link BudgetYearApi.BudgetDraftBody#inputs()}). */
	record DraftForm(@BindParam("base_intensity_t_per_10k_cny") BigDecimal baseIntensity, @BindParam("decline_rate") BigDecimal declineRate,
			@BindParam("period_target_cut") BigDecimal periodTargetCut, @BindParam("achieved_cut") BigDecimal achievedCut,
			@BindParam("years_left") Integer yearsLeft, @BindParam("forecast_gdp_10k_cny") BigDecimal forecastGdp,
			@BindParam("total_cap_t") BigDecimal totalCap, @BindParam("reserve_share") BigDecimal reserveShare,
			@BindParam("pool_t") BigDecimal pool, @BindParam("sink_credit_t") BigDecimal sinkCredit, String source) {

		BudgetYearApi.BudgetDraftBody body() {
			return new BudgetYearApi.BudgetDraftBody(baseIntensity, declineRate, periodTargetCut, achievedCut, yearsLeft, forecastGdp, totalCap,
					reserveShare, pool, sinkCredit, source);
		}
	}

	@PostMapping("/budget/{year}/drafts")
	@BackTo(value = "/budget/{year}/allocation#draft-form", rule = "source", keep = { "draft_base_intensity_t_per_10k_cny=base_intensity_t_per_10k_cny",
			"draft_decline_rate=decline_rate", "draft_period_target_cut=period_target_cut", "draft_achieved_cut=achieved_cut",
			"draft_years_left=years_left", "draft_forecast_gdp_10k_cny=forecast_gdp_10k_cny", "draft_total_cap_t=total_cap_t",
			"draft_reserve_share=reserve_share", "draft_pool_t=pool_t", "draft_sink_credit_t=sink_credit_t", "draft_source=source" })
	String createDraft(@PathVariable int year, @ModelAttribute DraftForm form, RedirectAttributes redirect) {
		BudgetYearApi.checkedYear(year);
		BudgetYear draft = versions.createDraft(year, form.body().inputs());
		redirect.addFlashAttribute("created", draft.version());
		return "redirect:/budget/" + year + "/allocation?version=" + draft.version() + "#inputs";
	}

	/** One county's inputs on the workspace (a form bean, so that a figure that is no number keeps the others). */
	public static class HolderRow {
		private String code;
		private BigDecimal gdp;
		private BigDecimal population;
		private BigDecimal baseEmissions;
		private BigDecimal baseIntensity;
		private BigDecimal forecastGdp;
		private BigDecimal declineRate;
		private BigDecimal weight;

		public HolderRow() {
		}

		HolderRow(BudgetAllocation.Holder h) {
			code = h.code();
			gdp = value(h.gdp());
			population = h.population();
			baseEmissions = value(h.baseEmissions());
			baseIntensity = value(h.baseIntensity());
			forecastGdp = value(h.forecastGdp());
			declineRate = h.declineRate();
			weight = h.weight();
		}

		BudgetApi.HolderFigures figures() {
			return new BudgetApi.HolderFigures(code, gdp, population, baseEmissions, baseIntensity, forecastGdp, declineRate, weight);
		}

		private static BigDecimal value(org.peakpilot.shared.Quantity q) {
			return q == null ? null : q.value().stripTrailingZeros();
		}

		public String getCode() { return code; }
		public void setCode(String code) { this.code = code; }
		public BigDecimal getGdp() { return gdp; }
		public void setGdp(BigDecimal gdp) { this.gdp = gdp; }
		public BigDecimal getPopulation() { return population; }
		public void setPopulation(BigDecimal population) { this.population = population; }
		public BigDecimal getBaseEmissions() { return baseEmissions; }
		public void setBaseEmissions(BigDecimal baseEmissions) { this.baseEmissions = baseEmissions; }
		public BigDecimal getBaseIntensity() { return baseIntensity; }
		public void setBaseIntensity(BigDecimal baseIntensity) { this.baseIntensity = baseIntensity; }
		public BigDecimal getForecastGdp() { return forecastGdp; }
		public void setForecastGdp(BigDecimal forecastGdp) { this.forecastGdp = forecastGdp; }
		public BigDecimal getDeclineRate() { return declineRate; }
		public void setDeclineRate(BigDecimal declineRate) { this.declineRate = declineRate; }
		public BigDecimal getWeight() { return weight; }
		public void setWeight(BigDecimal weight) { this.weight = weight; }
	}

	/** The workspace's allocation form: the version, the counties' inputs, the methods to compare and the one chosen. */
	public static class AllocationForm {
		private Integer version;
		private List<HolderRow> holders = new ArrayList<>();
		private List<Method> methods = new ArrayList<>();
		private Method method;
		private String action;

		public Integer getVersion() { return version; }
		public void setVersion(Integer version) { this.version = version; }
		public List<HolderRow> getHolders() { return holders; }
		public void setHolders(List<HolderRow> holders) { this.holders = holders; }
		public List<Method> getMethods() { return methods; }
		public void setMethods(List<Method> methods) { this.methods = methods; }
		public Method getMethod() { return method; }
		public void setMethod(Method method) { this.method = method; }
		public String getAction() { return action; }
		public void setAction(String action) { this.action = action; }
	}

	/** The preview's field names (as its errors name them) → the workspace's. */
	static final Map<String, String> FORM_NAMES = Map.of("gdp_10k_cny", "gdp", "base_emissions_t", "baseEmissions",
			"base_intensity_t_per_10k_cny", "baseIntensity", "forecast_gdp_10k_cny", "forecastGdp", "decline_rate", "declineRate");

	static InputError formField(InputError e) {
		return BudgetForms.formField(e, FORM_NAMES);
	}

	/**
	 * A posted row index beyond {@link BudgetAllocation#MAX_HOLDERS} ({@code holders[999999].code}) cannot bind: the 400
	 * page, as for any request a page cannot answer as sent, never a 500.
	 */
	@org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
	void rowBeyondBound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.sendError(org.springframework.http.HttpStatus.BAD_REQUEST.value());
	}

	/** Caps the rows a posted form may grow (the arithmetic's own bound). */
	@InitBinder("allocationForm")
	void rows(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(BudgetAllocation.MAX_HOLDERS);
	}

	/**
	 * Compares the chosen methods on the version's allocatable total (storing nothing), or allocates the version by the
	 * chosen method. Refused input comes back on the same page with every entered figure and each field's error.
	 */
	@PostMapping("/budget/{year}/allocation")
	String allocate(@PathVariable int year, @ModelAttribute AllocationForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		BudgetYearApi.checkedYear(year);
		List<BudgetHistory.VersionLine> lines = history.versions(year);
		List<HolderRow> rows = form.getHolders() == null ? List.of() : form.getHolders().stream().filter(Objects::nonNull).toList();
		List<Method> compared = form.getMethods() == null || form.getMethods().isEmpty() ? DEFAULT_COMPARED
				: form.getMethods().stream().filter(Objects::nonNull).distinct().toList();
		List<InputError> errors = new ArrayList<>(BudgetForms.bindingErrors(binding));
		BudgetYear budget = null;
		if (form.getVersion() == null) {
			errors.add(InputError.field("version", "is required: create a draft first"));
		}
		else {
			budget = versions.version(year, form.getVersion());
		}
		Map<Method, BudgetAllocation.Preview> comparison = new EnumMap<>(Method.class);
		if (errors.isEmpty()) {
			try {
				List<BudgetAllocation.Holder> holders = holders(rows);
				if ("allocate".equals(form.getAction())) {
					BudgetYear allocated = versions.allocate(year, form.getVersion(), form.getMethod(), holders);
					redirect.addFlashAttribute("allocated", allocated.method());
					return "redirect:/budget/" + year + "/allocation?version=" + allocated.version() + "#steps";
				}
				for (Method m : compared) {
					comparison.put(m, budgets.previewAllocation(new BudgetAllocation.Request(Tco2.of(budget.allocatable()), BigDecimal.ZERO, m, holders)));
				}
			}
			catch (InvalidInputException ex) {
				// the form comes back with what was entered and each field's error, as the preview names it
				ex.errors().forEach(e -> errors.add(formField(e)));
				comparison.clear();
			}
			catch (RuleViolationException ex) {
				// a version past its draft: said on the form, the figures kept
				errors.add(InputError.field("version", ex.getMessage()));
				comparison.clear();
			}
		}
		workspaceModel(year, lines, budget, rows, compared, form.getMethod(), comparison, errors, model);
		return "budget/allocation";
	}

	record StepForm(String comment) {
	}

	@PostMapping("/budget/{year}/versions/{version}/advance")
	@BackTo(value = "/budget/{year}/allocation?version={version}#steps", rule = "comment", errors = "stepErrors")
	String advance(@PathVariable int year, @PathVariable int version, @ModelAttribute StepForm form, RedirectAttributes redirect) {
		BudgetYearApi.checkedYear(year);
		BudgetYear after = versions.advance(year, version, BudgetYearApi.BudgetStepBody.comment(new BudgetYearApi.BudgetStepBody(form.comment())));
		redirect.addFlashAttribute("stepped", after.status());
		return "redirect:/budget/" + year + "/allocation?version=" + version + "#steps";
	}

	@PostMapping("/budget/{year}/versions/{version}/publish")
	@BackTo(value = "/budget/{year}/allocation?version={version}#steps", rule = "comment", errors = "stepErrors")
	String publish(@PathVariable int year, @PathVariable int version, @ModelAttribute StepForm form, RedirectAttributes redirect) {
		BudgetYearApi.checkedYear(year);
		BudgetYear after = versions.publish(year, version, BudgetYearApi.BudgetStepBody.comment(new BudgetYearApi.BudgetStepBody(form.comment())));
		redirect.addFlashAttribute("stepped", after.status());
		return "redirect:/budget/" + year + "/allocation?version=" + version + "#steps";
	}

	// ---------------------------------------------------------------- public

	@GetMapping("/public/budget")
	String publicLatest(Model model) {
		List<Integer> years = history.publishedYears();
		return publicYear(years.isEmpty() ? Year.now(clock).getValue() : years.get(0), model);
	}

	@GetMapping("/public/budget/{year}")
	String publicYear(@PathVariable int year, Model model) {
		BudgetYearApi.checkedYear(year);
		List<Integer> years = history.publishedYears();
		model.addAttribute("year", year);
		model.addAttribute("years", years);
		model.addAttribute("countyNames", countyNames());
		if (years.contains(year)) {
			BudgetYear budget = execution.fillWarnings(versions.published(year));
			model.addAttribute("budget", budget);
			model.addAttribute("identity", Identity.of(budget));
			model.addAttribute("chartJson", toJson(bars(budget, countyNames())));
		}
		return "budget/public";
	}

	// ---------------------------------------------------------------- helpers

	/**
	 * total = Σ budgets + reserve + pool + sink credit, as the page shows it; {@code holds} says whether the stored
	 * figures add up (they do for every allocated version; a draft not yet allocated has no budgets).
	 */
	record Identity(BigDecimal total, BigDecimal budgets, BigDecimal reserve, BigDecimal pool, BigDecimal sinkCredit, boolean allocated,
			boolean holds) {

		static Identity of(BudgetYear y) {
			BigDecimal sum = y.holders().stream().map(Holder::budget).reduce(BigDecimal.ZERO, BigDecimal::add);
			boolean allocated = y.method() != null;
			BigDecimal budgetsOfAll = allocated && y.allocated() != null ? y.allocated() : sum;
			boolean holds = allocated && budgetsOfAll.add(y.reserve()).add(y.pool()).add(y.sinkCredit()).compareTo(y.total()) == 0;
			return new Identity(y.total(), budgetsOfAll, y.reserve(), y.pool(), y.sinkCredit(), allocated, holds);
		}
	}

	private void workspaceModel(int year, List<BudgetHistory.VersionLine> lines, BudgetYear budget, List<HolderRow> rows, List<Method> compared,
			Method chosen, Map<Method, BudgetAllocation.Preview> comparison, List<InputError> errors, Model model) {
		model.addAttribute("year", year);
		model.addAttribute("years", years(year));
		model.addAttribute("versions", lines);
		model.addAttribute("budget", budget);
		model.addAttribute("canWrite", canWrite());
		model.addAttribute("isCountyOfficer", AccessScope.current().hasRole(Role.COUNTY_OFFICER));
		model.addAttribute("countyNames", countyNames());
		model.addAttribute("rows", rows);
		// the county table holds GDP, population and emissions: the enterprise methods (output, benchmark) have nothing to read
		model.addAttribute("methods", Method.forRegions());
		model.addAttribute("compared", compared);
		model.addAttribute("chosen", chosen != null && comparison.containsKey(chosen) ? chosen
				: comparison.isEmpty() || comparison.containsKey(Method.INTENSITY_DECLINE) ? Method.INTENSITY_DECLINE : comparison.keySet().iterator().next());
		model.addAttribute("comparison", comparison);
		model.addAttribute("comparedMethods", List.copyOf(comparison.keySet()));
		model.addAttribute("comparisonJson", comparison.isEmpty() ? "null" : toJson(comparisonChart(comparison, rows)));
		model.addAttribute("statuses", Status.values());
		if (errors != null) {
			model.addAttribute("errors", errors.isEmpty() ? null : errors);
			model.addAttribute("fieldErrors", byField(errors));
		}
		else if (!model.containsAttribute("fieldErrors")) {
			@SuppressWarnings("unchecked")
			List<InputError> flashed = (List<InputError>) model.getAttribute("errors");
			model.addAttribute("fieldErrors", byField(flashed == null ? List.of() : flashed));
		}
		model.addAttribute("draft", draftValues(year, budget, model));
		model.addAttribute("demoSource", DemoCounties.SOURCE);
	}

	/** The comparison for the chart: county names and, per method, its label and budgets in the rows' order. */
	private Map<String, Object> comparisonChart(Map<Method, BudgetAllocation.Preview> comparison, List<HolderRow> rows) {
		Map<String, String> names = countyNames();
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<Map<String, Object>> methods = new ArrayList<>();
		comparison.forEach((m, p) -> {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("method", m.name());
			one.put("label", messages.getMessage("budget.page.method." + m.name(), null, m.name(), locale));
			one.put("budgets", p.holders().stream().map(h -> h.budget().value()).toList());
			methods.add(one);
		});
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("names", rows.stream().map(r -> names.getOrDefault(r.getCode(), r.getCode())).toList());
		chart.put("methods", methods);
		return chart;
	}

	private static Map<String, String> byField(List<InputError> errors) {
		Map<String, String> m = new LinkedHashMap<>();
		for (InputError e : errors) {
			if (e.field() != null) {
				m.putIfAbsent(e.field(), e.message());
			}
		}
		return m;
	}

	/**
	 * What the draft form shows: what was entered when it came back refused, else the selected version's inputs, else
	 * the demo figures where the installation holds demo data, else a reserve share of 5 % and nothing else.
	 */
	private Map<String, String> draftValues(int year, BudgetYear budget, Model model) {
		Map<String, String> values = new LinkedHashMap<>();
		boolean kept = DRAFT_FIELDS.stream().anyMatch(f -> model.containsAttribute("draft_" + f));
		if (kept) {
			DRAFT_FIELDS.forEach(f -> values.put(f, Objects.toString(model.getAttribute("draft_" + f), "")));
			return values;
		}
		BudgetVersions.DraftInputs in = null;
		if (budget != null) {
			in = new BudgetVersions.DraftInputs(budget.baseIntensity(), budget.declineRate(), budget.periodTargetCut(), budget.achievedCut(),
					budget.yearsLeft(), budget.forecastGdp(), budget.totalCap(), budget.reserveShare(), budget.pool(), budget.sinkCredit(),
					budget.source());
		}
		else if (instance.holdsDemoData() && canWrite()) {
			List<DemoCounties.County> demo = DemoCounties.read(plan);
			if (!demo.isEmpty()) {
				in = DemoCounties.draftInputs(year, demo);
			}
		}
		if (in == null) {
			DRAFT_FIELDS.forEach(f -> values.put(f, ""));
			values.put("reserve_share", "0.05");
			return values;
		}
		values.put("base_intensity_t_per_10k_cny", plain(in.baseIntensity()));
		values.put("decline_rate", plain(in.declineRate()));
		values.put("period_target_cut", plain(in.periodTargetCut()));
		values.put("achieved_cut", plain(in.achievedCut()));
		values.put("years_left", in.yearsLeft() == null ? "" : in.yearsLeft().toString());
		values.put("forecast_gdp_10k_cny", plain(in.forecastGdp()));
		values.put("total_cap_t", plain(in.totalCap()));
		values.put("reserve_share", plain(in.reserveShare()));
		values.put("pool_t", plain(in.pool()));
		values.put("sink_credit_t", plain(in.sinkCredit()));
		values.put("source", in.source());
		return values;
	}

	/**
	 * The counties' inputs the workspace starts from: the latest allocation's (this year's first), else the demo
	 * figures where the installation holds demo data, else the registry's counties with empty figures.
	 */
	private Prefill prefilled(int year) {
		List<BudgetAllocation.Holder> latest = history.latestInputs(year);
		if (!latest.isEmpty()) {
			return new Prefill(latest.stream().map(HolderRow::new).toList(), "latest");
		}
		if (instance.holdsDemoData()) {
			List<DemoCounties.County> demo = DemoCounties.read(plan);
			if (!demo.isEmpty()) {
				return new Prefill(demo.stream().map(c -> new HolderRow(c.holder())).toList(), "demo");
			}
		}
		return new Prefill(registry.counties().stream().map(c -> {
			HolderRow row = new HolderRow();
			row.setCode(c.code());
			return row;
		}).toList(), null);
	}

	/** The rows the workspace starts from and where they come from: "latest", "demo" or null (empty figures). */
	private record Prefill(List<HolderRow> rows, String from) {
	}

	/** The rows as the arithmetic takes them, checked as the preview checks them (magnitudes, decimals). */
	private static List<BudgetAllocation.Holder> holders(List<HolderRow> rows) {
		if (rows.isEmpty()) {
			throw new InvalidInputException("holders", "at least one county is required");
		}
		return new BudgetApi.AllocationPreviewBody(BigDecimal.ZERO, BigDecimal.ZERO, Method.GDP_SHARE,
				rows.stream().map(HolderRow::figures).toList()).request().holders();
	}

	private List<Integer> years(int year) {
		List<Integer> years = new ArrayList<>(history.years());
		int now = Year.now(clock).getValue();
		for (int y : new int[] { now + 1, now, year }) {
			if (!years.contains(y)) {
				years.add(y);
			}
		}
		years.sort(java.util.Comparator.reverseOrder());
		return years;
	}

	private Map<String, String> countyNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (RegistryModel.Region r : registry.counties()) {
			names.put(r.code(), r.nameZh());
		}
		return names;
	}

	private static boolean canWrite() {
		return AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	/** Budget, use and forecast per county for the bars (use and forecast null until execution is computed). */
	static List<Map<String, Object>> bars(BudgetYear budget, Map<String, String> names) {
		List<Map<String, Object>> bars = new ArrayList<>();
		for (Holder h : budget.holders()) {
			if (h.kind() != BudgetVersions.Kind.COUNTY) {
				continue;
			}
			Map<String, Object> bar = new LinkedHashMap<>();
			bar.put("code", h.code());
			bar.put("name", names.getOrDefault(h.code(), h.code()));
			bar.put("budget", h.budget());
			bar.put("used", h.used());
			bar.put("forecast", h.forecast());
			bars.add(bar);
		}
		return bars;
	}


	private static String plain(BigDecimal v) {
		return v == null ? "" : v.stripTrailingZeros().toPlainString();
	}

	private String toJson(Object value) {
		return json.writeValueAsString(value).replace("</", "<\\/");
	}
}
