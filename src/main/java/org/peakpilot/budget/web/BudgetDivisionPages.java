package org.peakpilot.budget.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.internal.BudgetVersions;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.budget.internal.DivisionInputs;
import org.peakpilot.budget.internal.SubAllocations;
import org.peakpilot.budget.internal.SubAllocations.Level;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.GroupedDecimalEditor;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;
import org.peakpilot.registry.RegistryModel.Park;
import org.peakpilot.registry.RegistryModel.Region;
import org.peakpilot.shared.Tco2;
import org.springframework.security.access.AccessDeniedException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Dividing a draft's county, park or direct part among the parks and enterprises below it on a page (ADR 0016,
 * amendment "dividing below the counties on a page"): the parent's budget, the holders the registry places under it
 * (prefilled from an earlier division of the parent), their inputs, methods side by side on the parent's amount
 * (the preview's arithmetic, storing nothing), and the division by the chosen method through {@link SubAllocations}
 * (the API's write path with its checks). City roles divide every level; a county officer its own county and the
 * parks in it (403 otherwise). Refused input comes back on the form naming the field.
 */
@Controller
class BudgetDivisionPages {

	/** The methods compared when none is chosen: the enterprise methods. */
	static final List<Method> DEFAULT_COMPARED = List.of(Method.OUTPUT_BENCHMARK, Method.HISTORICAL_INTENSITY, Method.HISTORICAL_EMISSIONS);

	/** The API's field names (as its errors name them) → the form's. */
	static final Map<String, String> FORM_NAMES = Map.ofEntries(Map.entry("base_emissions_t", "baseEmissions"),
			Map.entry("benchmark_t_per_unit", "benchmark"), Map.entry("historical_intensity_t_per_unit", "historicalIntensity"),
			Map.entry("control_factor", "controlFactor"), Map.entry("national_ets", "nationalEts"), Map.entry("ets_source", "etsSource"),
			Map.entry("ets_override_reason", "etsOverrideReason"), Map.entry("common_t", "common"), Map.entry("amount_t", "amount"),
			Map.entry("pre_allocation_share", "preAllocationShare"));

	/** Empty rows the CITY level offers for direct holders entered by code. */
	static final int CITY_BLANK_ROWS = 5;

	private static final Pattern HOLDER_FIELD = Pattern.compile("^holders\\[(\\d+)\\]");

	private final BudgetVersions versions;
	private final SubAllocations subAllocations;
	private final DivisionInputs inputs;
	private final CarbonBudgets budgets;
	private final Registry registry;

	BudgetDivisionPages(BudgetVersions versions, SubAllocations subAllocations, DivisionInputs inputs, CarbonBudgets budgets, Registry registry) {
		this.versions = versions;
		this.subAllocations = subAllocations;
		this.inputs = inputs;
		this.budgets = budgets;
		this.registry = registry;
	}

	@InitBinder
	void decimals(WebDataBinder binder) {
		binder.registerCustomEditor(BigDecimal.class, new GroupedDecimalEditor());
	}

	@InitBinder("divisionForm")
	void rows(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(BudgetAllocation.MAX_HOLDERS);
	}

	/** A posted row index beyond the bound cannot bind: the 400 page, never a 500. */
	@org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
	void rowBeyondBound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.sendError(org.springframework.http.HttpStatus.BAD_REQUEST.value());
	}

	/** One park's or enterprise's inputs on the page. */
	public static class Row {
		private String code;
		private Kind kind;
		private BigDecimal output;
		private BigDecimal benchmark;
		private BigDecimal historicalIntensity;
		private BigDecimal baseEmissions;
		private BigDecimal controlFactor;
		private Integer days;
		private boolean nationalEts;
		private String etsSource;
		private String etsOverrideReason;

		public Row() {
		}

		Row(String code, Kind kind) {
			this.code = code;
			this.kind = kind;
		}

		Row(DivisionInputs.Row r) {
			this(r.code(), r.kind());
			output = r.output();
			benchmark = r.benchmark();
			historicalIntensity = r.historicalIntensity();
			baseEmissions = r.baseEmissions();
			controlFactor = r.controlFactor();
			days = r.days();
			nationalEts = r.nationalEts();
			etsSource = r.etsSource();
			etsOverrideReason = r.etsOverrideReason();
		}

		BudgetHolderApi.SubAllocationHolderBody body() {
			return new BudgetHolderApi.SubAllocationHolderBody(code, kind, null, null, null, baseEmissions, null, null, null, null, output, benchmark,
					historicalIntensity, controlFactor, days, nationalEts, etsSource, etsOverrideReason);
		}

		/** A row without any figure or marking: left out of the division (a registry holder the office does not divide to). */
		boolean isBlank() {
			return output == null && benchmark == null && historicalIntensity == null && baseEmissions == null && controlFactor == null
					&& days == null && !nationalEts && (etsSource == null || etsSource.isBlank())
					&& (etsOverrideReason == null || etsOverrideReason.isBlank());
		}

		/** Takes part in the division: not in the national ETS, or with an override reason. */
		boolean takesPart() {
			return !nationalEts || (etsOverrideReason != null && !etsOverrideReason.isBlank());
		}

		public String getCode() { return code; }
		public void setCode(String code) { this.code = code; }
		public Kind getKind() { return kind; }
		public void setKind(Kind kind) { this.kind = kind; }
		public BigDecimal getOutput() { return output; }
		public void setOutput(BigDecimal output) { this.output = output; }
		public BigDecimal getBenchmark() { return benchmark; }
		public void setBenchmark(BigDecimal benchmark) { this.benchmark = benchmark; }
		public BigDecimal getHistoricalIntensity() { return historicalIntensity; }
		public void setHistoricalIntensity(BigDecimal historicalIntensity) { this.historicalIntensity = historicalIntensity; }
		public BigDecimal getBaseEmissions() { return baseEmissions; }
		public void setBaseEmissions(BigDecimal baseEmissions) { this.baseEmissions = baseEmissions; }
		public BigDecimal getControlFactor() { return controlFactor; }
		public void setControlFactor(BigDecimal controlFactor) { this.controlFactor = controlFactor; }
		public Integer getDays() { return days; }
		public void setDays(Integer days) { this.days = days; }
		public boolean isNationalEts() { return nationalEts; }
		public void setNationalEts(boolean nationalEts) { this.nationalEts = nationalEts; }
		public String getEtsSource() { return etsSource; }
		public void setEtsSource(String etsSource) { this.etsSource = etsSource; }
		public String getEtsOverrideReason() { return etsOverrideReason; }
		public void setEtsOverrideReason(String etsOverrideReason) { this.etsOverrideReason = etsOverrideReason; }
	}

	/** The division form: the level's amount or common part, the pre-allocation share, the rows, the methods. */
	public static class DivisionForm {
		private BigDecimal common;
		private BigDecimal amount;
		private BigDecimal preAllocationShare;
		private List<Row> holders = new ArrayList<>();
		private List<Method> methods = new ArrayList<>();
		private Method method;
		private String action;

		public BigDecimal getCommon() { return common; }
		public void setCommon(BigDecimal common) { this.common = common; }
		public BigDecimal getAmount() { return amount; }
		public void setAmount(BigDecimal amount) { this.amount = amount; }
		public BigDecimal getPreAllocationShare() { return preAllocationShare; }
		public void setPreAllocationShare(BigDecimal preAllocationShare) { this.preAllocationShare = preAllocationShare; }
		public List<Row> getHolders() { return holders; }
		public void setHolders(List<Row> holders) { this.holders = holders; }
		public List<Method> getMethods() { return methods; }
		public void setMethods(List<Method> methods) { this.methods = methods; }
		public Method getMethod() { return method; }
		public void setMethod(Method method) { this.method = method; }
		public String getAction() { return action; }
		public void setAction(String action) { this.action = action; }
	}

	/** Who divides what: the level, the parent, its budget (null for the city) and the version. */
	record Target(Level level, String parent, BigDecimal parentBudget, BudgetYear version, boolean divisible) {
	}

	@GetMapping("/budget/{year}/versions/{version}/divide")
	String page(@PathVariable int year, @PathVariable int version, @RequestParam(required = false) String level,
			@RequestParam(required = false) String parent, Model model) {
		Target t = target(year, version, level, parent);
		Optional<DivisionInputs.Stored> stored = inputs.of(year, version, t.parent());
		DivisionForm form = new DivisionForm();
		form.setMethods(new ArrayList<>(DEFAULT_COMPARED));
		stored.ifPresent(s -> {
			form.setCommon(t.level() == Level.CITY ? null : s.common());
			form.setAmount(t.level() == Level.CITY ? s.amount() : null);
			form.setPreAllocationShare(s.preAllocationShare());
			form.setMethod(s.method());
		});
		form.setHolders(rows(year, version, t, stored));
		model(t, form, Map.of(), stored, List.of(), model);
		return "budget/divide";
	}

	/** Compares the chosen methods on the parent's amount (storing nothing), or divides it by the chosen method. */
	@PostMapping("/budget/{year}/versions/{version}/divide")
	String divide(@PathVariable int year, @PathVariable int version, @RequestParam(required = false) String level,
			@RequestParam(required = false) String parent, @ModelAttribute DivisionForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		Target t = target(year, version, level, parent);
		List<Row> rows = form.getHolders() == null ? new ArrayList<>() : new ArrayList<>(form.getHolders().stream().filter(Objects::nonNull).toList());
		form.setHolders(rows);
		List<Method> compared = form.getMethods() == null || form.getMethods().isEmpty() ? DEFAULT_COMPARED
				: form.getMethods().stream().filter(Objects::nonNull).distinct().limit(BudgetAllocation.MAX_COMPARED_METHODS).toList();
		form.setMethods(new ArrayList<>(compared));
		List<InputError> errors = new ArrayList<>(BudgetForms.bindingErrors(binding));
		Map<Method, List<BigDecimal>> comparison = new EnumMap<>(Method.class);
		if (!t.divisible()) {
			errors.add(InputError.field("version", "only an allocated draft is divided"));
		}
		boolean bound = errors.isEmpty();
		List<Integer> kept = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			if (!rows.get(i).isBlank()) {
				kept.add(i);
			}
		}
		if (t.divisible()) {
			// the API's checks run even beside a figure that is no number, so that every refused field is named at once
			try {
				BudgetHolderApi.SubAllocationBody body = new BudgetHolderApi.SubAllocationBody(t.level(), t.parent(),
						"divide".equals(form.getAction()) ? form.getMethod() : Method.GDP_SHARE, t.level() == Level.CITY ? form.getAmount() : null,
						t.level() == Level.CITY ? null : form.getCommon(), form.getPreAllocationShare(),
						kept.stream().map(i -> rows.get(i).body()).toList());
				SubAllocations.Request request = body.request();
				if (bound && "divide".equals(form.getAction())) {
					subAllocations.allocate(year, version, request);
					redirect.addFlashAttribute("divided", form.getMethod());
					return "redirect:/budget/" + year + "/versions/" + version + "/divide?level=" + t.level() + "&parent=" + t.parent() + "#result";
				}
				if (bound) {
					compare(t, form, kept.stream().map(rows::get).toList(), request, compared).forEach((m, line) -> {
						List<BigDecimal> all = new ArrayList<>();
						rows.forEach(r -> all.add(null));
						for (int k = 0; k < kept.size(); k++) {
							all.set(kept.get(k), line.get(k));
						}
						comparison.put(m, all);
					});
				}
			}
			catch (InvalidInputException ex) {
				// the errors name the rows divided; the form names the rows shown
				ex.errors().forEach(e -> errors.add(formField(shown(e, kept))));
				comparison.clear();
			}
			catch (RuleViolationException ex) {
				errors.add(InputError.field("version", ex.getMessage()));
				comparison.clear();
			}
		}
		model(t, form, comparison, inputs.of(year, version, t.parent()), errors, model);
		return "budget/divide";
	}

	/** Each method's budgets per row on the parent's amount, 0 t for an ETS enterprise without override. */
	private Map<Method, List<BigDecimal>> compare(Target t, DivisionForm form, List<Row> rows, SubAllocations.Request request,
			List<Method> compared) {
		BigDecimal amount;
		if (t.level() == Level.CITY) {
			if (form.getAmount() == null) {
				throw new InvalidInputException("amount_t", "is required for level CITY: the whole tonnes the city allocates directly");
			}
			amount = form.getAmount();
		}
		else {
			BigDecimal common = form.getCommon() == null ? BigDecimal.ZERO : form.getCommon();
			if (common.signum() < 0 || common.stripTrailingZeros().scale() > 0 || common.compareTo(t.parentBudget()) > 0) {
				throw new InvalidInputException("common_t", "must be whole tonnes from 0 to the parent's budget " + t.parentBudget().toPlainString() + " t");
			}
			amount = t.parentBudget().subtract(common);
		}
		List<Integer> taking = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			if (rows.get(i).takesPart()) {
				taking.add(i);
			}
		}
		Map<Method, List<BigDecimal>> out = new EnumMap<>(Method.class);
		if (taking.isEmpty()) {
			throw new InvalidInputException("holders", "every holder is a national-ETS enterprise without override: there is nobody to divide among");
		}
		List<BudgetAllocation.Holder> figures = taking.stream().map(i -> request.holders().get(i).figures()).toList();
		List<InputError> errors = new ArrayList<>();
		for (Method m : compared) {
			try {
				BudgetAllocation.Preview p = budgets.previewAllocation(new BudgetAllocation.Request(Tco2.of(amount), BigDecimal.ZERO, m, figures));
				List<BigDecimal> line = new ArrayList<>();
				rows.forEach(r -> line.add(BigDecimal.ZERO));
				for (int k = 0; k < taking.size(); k++) {
					line.set(taking.get(k), p.holders().get(k).budget().value());
				}
				out.put(m, line);
			}
			catch (InvalidInputException e) {
				e.errors().forEach(err -> errors.add(renamed(err, taking, m)));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return out;
	}

	/** The preview's error on the k-th taking holder, named by the row's index. */
	private static InputError renamed(InputError err, List<Integer> taking, Method m) {
		if (err.field() == null) {
			return err;
		}
		Matcher match = HOLDER_FIELD.matcher(err.field());
		if (!match.find()) {
			return err;
		}
		int i = taking.get(Integer.parseInt(match.group(1)));
		return InputError.field("holders[" + i + "]" + err.field().substring(match.end()), m.name() + ": " + err.message());
	}

	/** An error on the k-th row divided, named by that row's index on the form. */
	private static InputError shown(InputError err, List<Integer> kept) {
		if (err.field() == null) {
			return err;
		}
		Matcher match = HOLDER_FIELD.matcher(err.field());
		if (!match.find()) {
			return err;
		}
		int k = Integer.parseInt(match.group(1));
		return k >= kept.size() ? err : InputError.field("holders[" + kept.get(k) + "]" + err.field().substring(match.end()), err.message());
	}

	static InputError formField(InputError e) {
		return BudgetForms.formField(e, FORM_NAMES);
	}

	/** The level and parent checked, the scope enforced (403), the parent's budget read. */
	private Target target(int year, int number, String level, String parent) {
		BudgetYearApi.checkedYear(year);
		Level l;
		try {
			l = level == null ? Level.COUNTY : Level.valueOf(level);
		}
		catch (IllegalArgumentException e) {
			throw new NotFoundException("division level " + BudgetForms.shorten(level));
		}
		String city = registry.regions().stream().filter(r -> r.parentCode() == null).map(Region::code).findFirst().orElseThrow();
		String p = l == Level.CITY ? city : parent;
		if (p == null || p.isBlank() || p.length() > BudgetAllocation.MAX_CODE_LENGTH) {
			throw new NotFoundException("parent of the division");
		}
		AccessScope scope = AccessScope.current();
		if (!scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER)) {
			boolean own = scope.hasRole(Role.COUNTY_OFFICER) && (l == Level.COUNTY ? scope.countyCode().equals(p)
					: l == Level.PARK && park(p).map(pk -> scope.countyCode().equals(pk.countyCode())).orElse(false));
			if (!own) {
				throw new AccessDeniedException(scope.actor() + " divides only its own county and the parks in it");
			}
		}
		if (l == Level.COUNTY && registry.counties().stream().noneMatch(c -> c.code().equals(p))) {
			throw new NotFoundException("county " + p);
		}
		if (l == Level.PARK && park(p).isEmpty()) {
			throw new NotFoundException("park " + p);
		}
		BudgetYear v = versions.version(year, number);
		BigDecimal parentBudget = null;
		boolean divisible = v.status() == BudgetVersions.Status.DRAFT && v.method() != null;
		if (l != Level.CITY) {
			Optional<DivisionInputs.Parent> holder = inputs.holder(year, number, p);
			Kind want = l == Level.COUNTY ? Kind.COUNTY : Kind.PARK;
			if (holder.isPresent() && holder.get().kind() == want) {
				parentBudget = holder.get().budget();
			}
			else {
				divisible = false;
			}
		}
		return new Target(l, p, parentBudget, v, divisible);
	}

	private Optional<Park> park(String code) {
		return registry.parks().stream().filter(pk -> pk.code().equals(code)).findFirst();
	}

	/** The stored division's rows first, then the registry's parks and enterprises below the parent that are no holder yet. */
	private List<Row> rows(int year, int number, Target t, Optional<DivisionInputs.Stored> stored) {
		List<Row> rows = new ArrayList<>();
		stored.ifPresent(s -> s.rows().forEach(r -> rows.add(new Row(r))));
		Set<String> holders = inputs.codes(year, number);
		Set<String> listed = new java.util.HashSet<>(rows.stream().map(Row::getCode).toList());
		for (Row r : candidates(t)) {
			if (!listed.contains(r.getCode()) && !holders.contains(r.getCode())) {
				rows.add(r);
			}
		}
		if (t.level() == Level.CITY) {
			// empty rows to enter direct holders by code (left empty, they take no part)
			for (int i = 0; i < CITY_BLANK_ROWS; i++) {
				rows.add(new Row(null, Kind.ENTERPRISE));
			}
		}
		return rows;
	}

	/** The registry's parks and enterprises directly below the parent. */
	private List<Row> candidates(Target t) {
		List<Row> out = new ArrayList<>();
		List<Park> parks = registry.parks();
		if (t.level() == Level.PARK) {
			long parkId = park(t.parent()).orElseThrow().id();
			registry.enterprises(EnterpriseQuery.ALL).stream().filter(e -> e.parkId() != null && e.parkId() == parkId)
				.forEach(e -> out.add(new Row(e.uscc(), Kind.ENTERPRISE)));
		}
		else if (t.level() == Level.COUNTY) {
			parks.stream().filter(pk -> t.parent().equals(pk.countyCode())).forEach(pk -> out.add(new Row(pk.code(), Kind.PARK)));
			registry.enterprises(EnterpriseQuery.ALL).stream().filter(e -> t.parent().equals(e.countyCode()) && e.parkId() == null)
				.forEach(e -> out.add(new Row(e.uscc(), Kind.ENTERPRISE)));
		}
		return out;
	}

	private void model(Target t, DivisionForm form, Map<Method, List<BigDecimal>> comparison, Optional<DivisionInputs.Stored> stored,
			List<InputError> errors, Model model) {
		BudgetYear v = t.version();
		model.addAttribute("year", v.year());
		model.addAttribute("budget", v);
		model.addAttribute("level", t.level());
		model.addAttribute("parent", t.parent());
		model.addAttribute("parentBudget", t.parentBudget());
		model.addAttribute("divisible", t.divisible());
		model.addAttribute("form", form);
		model.addAttribute("rows", form.getHolders());
		model.addAttribute("methods", Method.values());
		model.addAttribute("compared", form.getMethods());
		model.addAttribute("chosen", form.getMethod() != null && (comparison.isEmpty() || comparison.containsKey(form.getMethod())) ? form.getMethod()
				: comparison.isEmpty() ? Method.HISTORICAL_EMISSIONS : comparison.keySet().iterator().next());
		model.addAttribute("comparison", comparison);
		model.addAttribute("comparedMethods", List.copyOf(comparison.keySet()));
		model.addAttribute("names", names());
		model.addAttribute("parkOf", parkOf());
		model.addAttribute("stored", stored.orElse(null));
		BigDecimal sum = stored.map(s -> s.rows().stream().map(DivisionInputs.Row::budget).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add))
			.orElse(null);
		model.addAttribute("storedSum", sum);
		model.addAttribute("containment", stored.isPresent() && t.parentBudget() != null
				&& t.parentBudget().compareTo(sum.add(stored.get().common() == null ? BigDecimal.ZERO : stored.get().common())) == 0);
		model.addAttribute("errors", errors.isEmpty() ? null : errors);
		Map<String, String> byField = new LinkedHashMap<>();
		errors.forEach(e -> {
			if (e.field() != null) {
				byField.putIfAbsent(e.field(), e.message());
			}
		});
		model.addAttribute("fieldErrors", byField);
	}

	/** Names by code: counties, parks (Chinese), enterprises (registered name). */
	private Map<String, String> names() {
		Map<String, String> names = new LinkedHashMap<>();
		registry.regions().forEach(r -> names.put(r.code(), r.nameZh()));
		registry.parks().forEach(pk -> names.put(pk.code(), pk.nameZh()));
		registry.enterprises(EnterpriseQuery.ALL).forEach(e -> names.put(e.uscc(), e.name()));
		return names;
	}

	/** The park's name of an enterprise in a park, by USCC. */
	private Map<String, String> parkOf() {
		Map<Long, String> parks = new java.util.HashMap<>();
		registry.parks().forEach(pk -> parks.put(pk.id(), pk.nameZh()));
		Map<String, String> out = new java.util.HashMap<>();
		for (Enterprise e : registry.enterprises(EnterpriseQuery.ALL)) {
			if (e.parkId() != null && parks.containsKey(e.parkId())) {
				out.put(e.uscc(), parks.get(e.parkId()));
			}
		}
		return out;
	}

}
