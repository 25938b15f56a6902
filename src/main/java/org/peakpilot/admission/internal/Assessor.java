package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Calculation.LineResult;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.IndustryIntensity;
import org.peakpilot.accounting.InventoryTotals;
import org.peakpilot.accounting.Product;
import org.peakpilot.admission.AdmittedProject;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.Assessment.Rule;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.ProjectKind;
import org.peakpilot.budget.BudgetHeadroom;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.WarningLevel;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.monitoring.ProductEfficiency;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Computes a project's assessment (stateless, stores nothing): validates the input ({@link ProjectInputs}), gathers
 * the figures through other modules' entry points (accounting's calculator, industry average and inventory totals,
 * monitoring's efficiency levels, the plan's zones, the registry's parks, the budget's headroom and warnings, the
 * admitted projects) and judges them by the plan folder's admission rules ({@link AdmissionRules}, {@link Judgement}).
 * Used by the preview and by the filing workflow, so both give the same figures.
 */
@Component
public class Assessor {

	/** The last year of the city's path (the plan's peak target year). */
	static final int PATH_END = 2030;
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	private final EmissionsAccounting accounting;
	private final EnergyMonitoring monitoring;
	private final PilotPlan plan;
	private final Registry registry;
	private final CarbonBudgets budgets;
	private final ObjectProvider<AdmissionWorkflow> workflow;
	private final AdmissionRules rules;
	private final MessageSource messages;
	private final Clock clock;

	Assessor(EmissionsAccounting accounting, EnergyMonitoring monitoring, PilotPlan plan, Registry registry, CarbonBudgets budgets,
			ObjectProvider<AdmissionWorkflow> workflow, AdmissionRules rules, MessageSource messages, Clock clock) {
		this.accounting = accounting;
		this.monitoring = monitoring;
		this.plan = plan;
		this.registry = registry;
		this.budgets = budgets;
		this.workflow = workflow;
		this.rules = rules;
		this.messages = messages;
		this.clock = clock;
	}

	/** The rules in force (their version is what a new assessment records). */
	public AdmissionRules rules() {
		return rules;
	}

	/**
	 * The assessment of a project under the current rules.
	 *
	 * @throws InvalidInputException naming every body path that is wrong ({@code lines[2].unit},
	 *         {@code value_added_10k_cny}, {@code park}), before any figure is computed
	 */
	public Assessment assess(ProjectInput input) {
		if (input == null) {
			throw new InvalidInputException("body", "a project is required");
		}
		List<InputError> errors = new ArrayList<>();
		Set<String> counties = registry.counties().stream().map(RegistryModel.Region::code).collect(Collectors.toSet());
		Map<String, RegistryModel.Park> parks = registry.parks().stream().collect(Collectors.toMap(RegistryModel.Park::code, Function.identity()));
		Map<String, RegistryModel.Industry> industries = registry.industries().stream()
			.collect(Collectors.toMap(RegistryModel.Industry::code, Function.identity()));
		Map<String, Product> products = accounting.products().stream().collect(Collectors.toMap(Product::code, Function.identity()));
		RegistryModel.Park park = ProjectInputs.check(input, errors, counties, parks, industries.keySet(), products);
		Calculation.Result calc = null;
		boolean yearValid = errors.stream().noneMatch(e -> "year".equals(e.field()));
		if (yearValid && input.lines() != null && !input.lines().isEmpty() && input.lines().size() <= ProjectInput.LINES_MAX) {
			try {
				calc = accounting.calculate(new Calculation.Request(input.year(), blankToNull(input.gridRegion()), input.lines()));
			}
			catch (InvalidInputException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return assess(input, park, industries.get(input.industry().strip()), calc);
	}

	private Assessment assess(ProjectInput in, RegistryModel.Park park, RegistryModel.Industry industry, Calculation.Result calc) {
		Judgement j = new Judgement(rules, messages);
		String county = in.county().strip();
		Calculation.Totals totals = calc.totals();

		// CO2 by source as the calculator computes it; fixed carbon is what its CARBON_FIXED lines deduct
		Tco2 fixed = calc.lines().stream().filter(l -> l.type() == LineType.CARBON_FIXED).map(LineResult::co2T).reduce(Tco2.ZERO, Tco2::plus);
		Tco2 fuelAndProcess = totals.scope1CombustionCo2T().plus(totals.scope1ProcessCo2T());
		Assessment.Co2 co2 = new Assessment.Co2(totals.totalCo2T(), totals.scope1CombustionCo2T(), totals.scope1ProcessCo2T(),
				totals.scope2ElectricityCo2T(), totals.scope2HeatCo2T(), fixed, Tco2.of(zero(in.recoveredCo2T())), fuelAndProcess,
				totals.totalMarketCo2T());

		// energy: coal of the FUEL lines the rules name as coal (in t), purchased electricity (kWh), the control scope
		BigDecimal coalT = BigDecimal.ZERO;
		BigDecimal electricityKwh = BigDecimal.ZERO;
		for (Calculation.Line l : in.lines()) {
			if (l.type() == LineType.FUEL && rules.isCoal(l.factorCode())) {
				coalT = coalT.add(l.quantity().multiply(tonnes(l.unit()), Rounding.WORKING));
			}
			if (l.type() == LineType.ELECTRICITY) {
				electricityKwh = electricityKwh.add(l.quantity().multiply(kwh(l.unit()), Rounding.WORKING));
			}
		}
		coalT = Rounding.stored(coalT);
		electricityKwh = Rounding.stored(electricityKwh);
		BigDecimal feedstock = zero(in.feedstockTce());
		BigDecimal controlTce = totals.tce().value().subtract(feedstock).max(BigDecimal.ZERO);
		BigDecimal ownRenewable = zero(in.ownRenewableKwh());
		BigDecimal green = zero(in.greenPowerKwh());
		BigDecimal electricityBase = electricityKwh.add(ownRenewable);
		BigDecimal greenShare = electricityBase.signum() == 0 ? null
				: Rounding.stored(green.add(ownRenewable).divide(electricityBase, Rounding.WORKING).min(BigDecimal.ONE));
		Assessment.Energy energy = new Assessment.Energy(totals.tceEqualValue(), Tce.of(feedstock), Tce.of(controlTce), coalT, electricityKwh,
				Rounding.stored(ownRenewable), Rounding.stored(green), greenShare);

		// the increment: for a revamp the figures minus the existing plant's
		ProjectInput.Baseline b = in.kind() == ProjectKind.REVAMP ? in.baseline() : null;
		BigDecimal incCo2 = totals.totalCo2T().value().subtract(b == null ? BigDecimal.ZERO : b.co2T());
		BigDecimal incFuelProcess = b == null ? fuelAndProcess.value() : incCo2;
		BigDecimal incTce = totals.tce().value().subtract(b == null ? BigDecimal.ZERO : b.tce());
		BigDecimal incControlTce = b == null ? controlTce : controlTce.subtract(b.tce());
		BigDecimal incCoal = coalT.subtract(b == null ? BigDecimal.ZERO : zero(b.coalT()));
		// a revamp without the baseline's value added adds no value added (the conservative reading for n)
		BigDecimal incVa = b == null ? in.valueAdded10kCny() : b.valueAdded10kCny() == null ? BigDecimal.ZERO
				: in.valueAdded10kCny().subtract(b.valueAdded10kCny());
		Assessment.Increment increment = new Assessment.Increment(Tco2.of(incCo2), Tco2.of(incFuelProcess), Tce.of(incTce), Tce.of(incControlTce),
				Rounding.stored(incCoal), Rounding.stored(incVa));

		// intensities
		Cny10k output = Cny10k.of(in.outputValue10kCny());
		Cny10k valueAdded = Cny10k.of(in.valueAdded10kCny());
		Tco2PerCny10k perOutput = totals.totalCo2T().per(output);
		Tco2PerCny10k perVa = totals.totalCo2T().per(valueAdded);
		BigDecimal tcePerVa = Rounding.stored(totals.tce().value().divide(in.valueAdded10kCny(), Rounding.WORKING));
		List<ProjectInput.Product> ps = in.products() == null ? List.of() : in.products();
		List<Assessment.ProductFigure> productFigures = ps.stream().map(p -> new Assessment.ProductFigure(p.code().strip(), p.quantity(),
				p.unit().strip(), Rounding.stored(totals.totalCo2T().value().divide(p.quantity(), Rounding.WORKING)),
				Rounding.stored(totals.tce().value().multiply(THOUSAND).divide(p.quantity(), Rounding.WORKING)))).toList();

		// thresholds of Order 31 and Sichuan on the increments
		j.order31(incTce, incCoal);
		j.sichuan(incFuelProcess, incCo2);
		j.banned(in.processes() == null ? List.of() : in.processes().stream().map(String::strip).toList());

		Assessment.Efficiency efficiency = efficiency(productFigures, j);
		Assessment.ZoneCap zoneCap = zoneCap(park, industry, in.commissioningYear(), perOutput, perVa);
		if (zoneCap != null) {
			j.zoneCap(zoneCap, zoneName(zoneCap.zoneCode(), true), zoneName(zoneCap.zoneCode(), false));
		}

		boolean twoHigh = rules.isTwoHigh(industry.code());
		int thisYear = Year.now(clock).getValue();
		if (twoHigh) {
			WarningLevel level = budgets.warningLevel(county, thisYear);
			if (level == WarningLevel.NO_DATA) {
				j.notAssessed(Rule.TWO_HIGH_RED_COUNTY, "admission.not-assessed.two-high", county);
			}
			else {
				j.twoHighInRedCounty(true, budgets.redCounties(thisYear).contains(county), in.majorProject());
			}
		}

		Assessment.KGrade k = null;
		Optional<IndustryIntensity> average = accounting.industryIntensity(industry.code());
		if (average.isPresent() && average.get().intensity() != null && average.get().intensity().signum() > 0 && perOutput != null) {
			BigDecimal kValue = Rounding.stored(perOutput.value().divide(average.get().intensity().value(), Rounding.WORKING));
			k = new Assessment.KGrade(kValue, rules.kGrade(kValue), average.get().intensity(), average.get().year(), average.get().enterprises());
			j.kGrade(k);
		}
		else {
			j.notAssessed(Rule.K_GRADE, "admission.not-assessed.k", industry.code());
		}

		Optional<InventoryTotals> inventory = accounting.latestInventoryTotals();
		Assessment.Impact energyImpact = impact(j, Rule.M_ENERGY, Rule.N_ENERGY, incControlTce, incVa, "tce", rules.energyIncrementControlTce(),
				inventory.map(i -> i.controlTce().value()), inventory, in.substitutionTce());
		Assessment.Impact co2Impact = impact(j, Rule.M_CO2, Rule.N_CO2, incCo2, incVa, "tCO2", rules.co2IncrementControlT(),
				inventory.map(i -> i.co2T().value()), inventory, in.substitutionCo2T());

		Assessment.BudgetShare budget = null;
		Optional<BudgetHeadroom> headroom = budgets.countyHeadroom(county, in.commissioningYear());
		if (headroom.isPresent()) {
			budget = budgetShare(headroom.get(), incCo2);
			j.budget(budget);
		}
		else {
			j.notAssessed(Rule.BUDGET_SHARE, "admission.not-assessed.budget", county, String.valueOf(in.commissioningYear()));
		}
		j.greenPowerCondition(greenShare);

		Assessment.CityPath path = null;
		if (inventory.isPresent()) {
			path = cityPath(inventory.get(), in.commissioningYear(), incCo2);
		}
		else {
			j.notAssessed(Rule.CITY_PATH, "admission.not-assessed.city-path");
		}

		return new Assessment(rules.version(), in.year(), county, park == null ? null : park.code(), park == null ? null : park.zoneCode(),
				industry.code(), twoHigh, in.kind(), calc.gridRegion(), co2, totals.tce(), energy, increment, perOutput, perVa, tcePerVa,
				productFigures, efficiency, zoneCap, k, energyImpact, co2Impact, budget, path, j.verdict(), j.reasons(), j.conditions(),
				j.notAssessed(), calc.lines());
	}

	/**
	 * Per-product energy against the levels of its product: only when the project states exactly one product (its whole
	 * energy is that product's); of several classes of the product the most lenient (highest baseline, else limit).
	 */
	private Assessment.Efficiency efficiency(List<Assessment.ProductFigure> products, Judgement j) {
		if (products.size() > 1) {
			j.efficiencyNotAssessed("admission.not-assessed.efficiency.several");
			return null;
		}
		if (products.isEmpty()) {
			j.efficiencyNotAssessed("admission.not-assessed.efficiency.none");
			return null;
		}
		Assessment.ProductFigure p = products.get(0);
		Optional<ProductEfficiency> level = monitoring.efficiencyLevels(p.code()).stream()
			.filter(l -> reference(l) != null)
			.max(Comparator.comparing(Assessor::reference));
		if (level.isEmpty()) {
			j.efficiencyNotAssessed(monitoring.efficiencyLevels(p.code()).isEmpty() ? "admission.not-assessed.efficiency.none"
					: "admission.not-assessed.efficiency.no-level");
			return null;
		}
		ProductEfficiency l = level.get();
		Assessment.Efficiency e = new Assessment.Efficiency(p.code(), l.code(), l.unit(), p.kgcePerUnit(), l.benchmark(), l.baseline(), l.limit(),
				l.limitStandard(), l.source());
		j.efficiency(e);
		return e;
	}

	private static BigDecimal reference(ProductEfficiency l) {
		return l.baseline() != null ? l.baseline() : l.limit() != null ? l.limit() : l.benchmark();
	}

	/** The park's control zone and its cap on the rules' denominator; null outside a zone. */
	private String zoneName(String code, boolean zh) {
		return plan.zones().stream().filter(z -> z.code().equals(code)).findFirst().map(z -> zh ? z.nameZh() : z.nameEn()).orElse(code);
	}

	private Assessment.ZoneCap zoneCap(RegistryModel.Park park, RegistryModel.Industry industry, int commissioningYear, Tco2PerCny10k perOutput,
			Tco2PerCny10k perVa) {
		if (park == null || park.zoneCode() == null) {
			return null;
		}
		Optional<PlanModel.Zone> zone = plan.zones().stream().filter(z -> z.code().equals(park.zoneCode())).findFirst();
		if (zone.isEmpty()) {
			return null;
		}
		PlanModel.Zone z = zone.get();
		Set<String> sectors = rules.zoneSectors(z.code());
		boolean matches = sectors.isEmpty() ? z.industryEn() != null && z.industryEn().equalsIgnoreCase(industry.sector())
				: sectors.contains(industry.sector());
		boolean applies = commissioningYear >= z.fromYear() && (rules.zoneScope() == AdmissionRules.ZoneScope.ALL || matches);
		Tco2PerCny10k intensity = rules.denominator() == AdmissionRules.Denominator.OUTPUT_VALUE ? perOutput : perVa;
		Tco2PerCny10k cap = Tco2PerCny10k.of(z.maxTco2Per10kCny());
		boolean exceeds = applies && intensity != null && intensity.value().compareTo(cap.value()) > 0;
		return new Assessment.ZoneCap(z.code(), z.industryEn(), matches, cap, rules.denominator().name(), intensity, z.fromYear(), applies, exceeds);
	}

	/**
	 * m = d ÷ control × 100 and n = ((a+d)/(b+e) − c)/c × 100 with c = a ÷ b (BUDGET-ADMISSION §2), each in its band;
	 * null when neither can be computed (both listed as not assessed).
	 */
	private Assessment.Impact impact(Judgement j, Rule mRule, Rule nRule, BigDecimal d, BigDecimal e, String unit, Optional<BigDecimal> control,
			Optional<BigDecimal> regionTotal, Optional<InventoryTotals> inventory, BigDecimal substitution) {
		BigDecimal m = null;
		Assessment.ImpactBand mBand = null;
		if (control.isPresent()) {
			m = mPercent(d, control.get());
			mBand = rules.mBand(m);
			j.impact(mRule, m, mBand, rules.mBound(mBand), d, substitution, unit);
		}
		else {
			j.notAssessedLabelled(mRule, "admission.not-assessed.m", rules.controlPeriod(),
					mRule == Rule.M_ENERGY ? "admission.impact.energy" : "admission.impact.co2");
		}
		BigDecimal n = null;
		Assessment.ImpactBand nBand = null;
		BigDecimal a = regionTotal.orElse(null);
		BigDecimal gdp = inventory.map(InventoryTotals::gdp10kCny).orElse(null);
		BigDecimal c = null;
		if (a != null && gdp != null && gdp.signum() > 0 && a.signum() > 0) {
			c = Rounding.stored(a.divide(gdp, Rounding.WORKING));
			n = nPercent(a, gdp, d, e);
			nBand = rules.nBand(n);
			j.impact(nRule, n, nBand, rules.nBound(nBand), d, substitution, unit);
		}
		else {
			j.notAssessed(nRule, "admission.not-assessed.n");
		}
		if (m == null && n == null) {
			return null;
		}
		return new Assessment.Impact(Rounding.stored(d), unit, m, mBand, control.map(Rounding::stored).orElse(null), n, nBand,
				a == null ? null : Rounding.stored(a), gdp == null ? null : Rounding.stored(gdp), c, Rounding.stored(e),
				inventory.map(InventoryTotals::year).orElse(null));
	}

	/** m = d ÷ control × 100, %. */
	static BigDecimal mPercent(BigDecimal d, BigDecimal control) {
		return Rounding.stored(d.multiply(HUNDRED).divide(control, Rounding.WORKING));
	}

	/** n = ((a+d)/(b+e) − c)/c × 100, %, with c = a/b (computed at full working precision, rounded once). */
	static BigDecimal nPercent(BigDecimal a, BigDecimal b, BigDecimal d, BigDecimal e) {
		BigDecimal c = a.divide(b, Rounding.WORKING);
		BigDecimal with = a.add(d).divide(b.add(e), Rounding.WORKING);
		return Rounding.stored(with.subtract(c).divide(c, Rounding.WORKING).multiply(HUNDRED));
	}

	/** u = annual ÷ headroom; the reserve is drawn above the headroom, the budget exceeded above headroom + reserve. */
	static Assessment.BudgetShare budgetShare(BudgetHeadroom h, BigDecimal annual) {
		BigDecimal room = h.headroomT().value();
		BigDecimal reserve = h.reserveAvailableT() == null ? BigDecimal.ZERO : h.reserveAvailableT().value();
		BigDecimal u = room.signum() > 0 ? Rounding.stored(annual.max(BigDecimal.ZERO).divide(room, Rounding.WORKING)) : null;
		boolean exceeds = annual.compareTo(room.max(BigDecimal.ZERO).add(reserve)) > 0;
		boolean draws = !exceeds && annual.signum() > 0 && annual.compareTo(room.max(BigDecimal.ZERO)) > 0;
		return new Assessment.BudgetShare(h.countyCode(), h.year(), h.version(), h.budgetT(), h.emissionsT(), h.reservedT(), h.headroomT(),
				h.reserveAvailableT(), Tco2.of(annual), u, draws, exceeds, h.complete(), h.basis());
	}

	/**
	 * The inventory's latest year, then each year to 2030: the inventory's CO2 plus the admitted projects in operation
	 * (commissioned by that year), without and with this project's increment from its commissioning year.
	 */
	private Assessment.CityPath cityPath(InventoryTotals inventory, int commissioningYear, BigDecimal increment) {
		// city-wide whoever asks: the path is the city's, not the caller's share of it
		List<AdmittedProject> admitted = workflow.getObject().admittedCityWide();
		List<Assessment.PathPoint> points = new ArrayList<>();
		int peakWithout = inventory.year();
		int peakWith = inventory.year();
		BigDecimal maxWithout = null;
		BigDecimal maxWith = null;
		for (int y = inventory.year(); y <= Math.max(PATH_END, inventory.year()); y++) {
			int year = y;
			BigDecimal without = inventory.co2T().value().add(admitted.stream()
				.filter(p -> p.commissioningYear() != null && p.commissioningYear() <= year && p.commissioningYear() > inventory.year()
						&& p.incrementCo2T() != null)
				.map(p -> p.incrementCo2T().value()).reduce(BigDecimal.ZERO, BigDecimal::add));
			BigDecimal with = year >= commissioningYear && commissioningYear > inventory.year() ? without.add(increment) : without;
			points.add(new Assessment.PathPoint(year, Tco2.of(without), Tco2.of(with)));
			if (maxWithout == null || without.compareTo(maxWithout) > 0) {
				maxWithout = without;
				peakWithout = year;
			}
			if (maxWith == null || with.compareTo(maxWith) > 0) {
				maxWith = with;
				peakWith = year;
			}
		}
		return new Assessment.CityPath(inventory.year(), points, peakWithout, peakWith);
	}

	private static BigDecimal tonnes(String unit) {
		String u = unit == null ? "" : unit.strip();
		return u.equals("kg") || u.equals("千克") ? new BigDecimal("0.001") : BigDecimal.ONE;
	}

	private static BigDecimal kwh(String unit) {
		return switch (unit == null ? "" : unit.strip()) {
			case "MWh" -> THOUSAND;
			case "万kWh", "万千瓦时" -> BigDecimal.valueOf(10000);
			default -> BigDecimal.ONE;
		};
	}

	private static BigDecimal zero(BigDecimal v) {
		return v == null ? BigDecimal.ZERO : v;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip().toUpperCase(Locale.ROOT);
	}
}
