package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.ComparedHolder;
import org.peakpilot.budget.BudgetAllocation.Comparison;
import org.peakpilot.budget.BudgetAllocation.EntropyIndicator;
import org.peakpilot.budget.BudgetAllocation.MethodBudget;
import org.peakpilot.budget.BudgetAllocation.Holder;
import org.peakpilot.budget.BudgetAllocation.HolderBudget;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.BudgetAllocation.Preview;
import org.peakpilot.budget.BudgetAllocation.Request;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Quantity;
import org.peakpilot.shared.Rounding;
import org.peakpilot.shared.Tco2;

/**
 * The allocation arithmetic of BUDGET-ADMISSION §5 (ADR 0016), pure: no Spring, no I/O. The request is checked
 * first (every error named by its API field); then allocatable = total × (1 − reserve share) rounded half up to
 * whole tonnes but never above the total's whole tonnes (so the reserve is never negative), raw_i by the method, budget_i = allocatable × raw_i ÷ Σ raw in whole tonnes by largest remainder
 * ({@link LargestRemainder}, exact), reserve = total − Σ budget_i.
 * <p>
 * Edge cases, decided here: Σ raw = 0 with something to divide (every holder's figure is 0) is refused, naming the
 * figure, as there is nothing to share by (with nothing to divide every budget is 0 t); a raw of 0 (a holder without GDP) is
 * valid and gets 0 t; a reserve share of 0 is valid; BASE_PLUS_INCREMENT with a negative increment (allocatable below
 * Σ base emissions) shares the cut by weight and is refused, naming the holder's weight, where the cut would take a
 * holder below 0 t (the preview does not silently switch to another rule); ENTROPY's edge cases are in
 * {@link EntropyScores}.
 */
public final class Allocations {

	/** Shares are reported to this many decimals (a holder of 5,000 keeps about 5 significant digits). */
	static final int SHARE_SCALE = 9;

	private Allocations() {
	}

	public static Preview preview(Request request) {
		check(request);
		List<Holder> holders = request.holders();
		BigDecimal total = request.total().value();
		// half up, but never above the total's whole tonnes (100.6 t without reserve: 100 t, not 101 t and a reserve of −0.4 t)
		BigDecimal allocatable = total.multiply(BigDecimal.ONE.subtract(request.reserveShare())).setScale(0, RoundingMode.HALF_UP)
			.min(total.setScale(0, RoundingMode.FLOOR));
		List<BigDecimal> raw = new ArrayList<>(holders.size());
		List<EntropyIndicator> indicators = List.of();
		switch (request.method()) {
			case GDP_SHARE -> holders.forEach(h -> raw.add(h.gdp().value()));
			case POPULATION_SHARE -> holders.forEach(h -> raw.add(h.population()));
			case GRANDFATHERING -> holders.forEach(h -> raw.add(h.baseEmissions().value()));
			case INTENSITY_DECLINE -> holders.forEach(h -> raw.add(h.baseIntensity().value()
				.multiply(BigDecimal.ONE.subtract(h.declineRate())).multiply(h.forecastGdp().value())));
			case BASE_PLUS_INCREMENT -> raw.addAll(basePlusIncrement(holders, allocatable));
			case ENTROPY -> {
				EntropyScores scores = EntropyScores.of(holders);
				raw.addAll(scores.scores());
				indicators = scores.indicators();
			}
			case OUTPUT_BENCHMARK -> holders.forEach(h -> raw.add(h.output().multiply(h.benchmarkIntensity()).multiply(h.factor())));
			case HISTORICAL_INTENSITY -> holders.forEach(h -> raw.add(h.historicalIntensity().multiply(h.output()).multiply(h.factor())));
			case HISTORICAL_EMISSIONS -> holders.forEach(h -> raw.add(historicalEmissions(h.baseEmissions().value(), h.factor(), h.operatingDays())));
		}
		BigDecimal rawSum = raw.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		if (rawSum.signum() == 0 && allocatable.signum() > 0) {
			throw new InvalidInputException("holders[*]." + rawField(request.method()), (request.method() == Method.INTENSITY_DECLINE
					? "base_intensity_t_per_10k_cny × (1 − decline_rate) × forecast_gdp_10k_cny" : "the method's figure")
					+ " is 0 for every holder: there is nothing to share the budget by");
		}
		List<String> codes = holders.stream().map(Holder::code).toList();
		// nothing to divide (allocatable 0 t) needs no shares: every budget is 0 t, also when Σ raw is 0
		List<BigDecimal> budgets = rawSum.signum() == 0 ? raw.stream().map(r -> BigDecimal.ZERO).toList()
				: LargestRemainder.divide(allocatable, raw, codes);
		List<HolderBudget> out = new ArrayList<>(holders.size());
		BigDecimal allocated = BigDecimal.ZERO;
		for (int i = 0; i < holders.size(); i++) {
			BigDecimal share = rawSum.signum() == 0 ? BigDecimal.ZERO : raw.get(i).divide(rawSum, Rounding.WORKING);
			out.add(new HolderBudget(codes.get(i), plain(raw.get(i)), plain(share.setScale(SHARE_SCALE, RoundingMode.HALF_UP)),
					Tco2.of(allocatable.multiply(share, Rounding.WORKING)), Tco2.of(budgets.get(i))));
			allocated = allocated.add(budgets.get(i));
		}
		return new Preview(request.method(), request.total(), request.reserveShare(), Tco2.of(allocated),
				Tco2.of(total.subtract(allocated)), plain(rawSum), out, indicators);
	}

	/**
	 * The request under each method ({@link #preview}, not a copy), then per holder its budgets, min, max and the
	 * difference to the first method. Every method's input errors are collected first, each message naming its method.
	 */
	public static Comparison compare(Request request, List<Method> methods) {
		List<InputError> errors = new ArrayList<>();
		if (methods == null || methods.size() < 2) {
			errors.add(InputError.field("methods", "at least 2 methods to compare (the preview answers one)"));
		}
		else if (methods.size() > BudgetAllocation.MAX_COMPARED_METHODS) {
			errors.add(InputError.field("methods", "at most " + BudgetAllocation.MAX_COMPARED_METHODS + " methods, got " + methods.size()));
		}
		else {
			for (int i = 0; i < methods.size(); i++) {
				if (methods.get(i) == null) {
					errors.add(InputError.field("methods[" + i + "]", "is required: one of " + List.of(Method.values())));
				}
				else if (methods.indexOf(methods.get(i)) < i) {
					errors.add(InputError.field("methods[" + i + "]", "repeats " + methods.get(i)));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<Preview> previews = new ArrayList<>(methods.size());
		for (Method m : methods) {
			try {
				previews.add(preview(new Request(request.total(), request.reserveShare(), m, request.holders())));
			}
			catch (InvalidInputException e) {
				for (InputError err : e.errors()) {
					// the request's own fields are wrong for every method: name them once
					boolean common = !err.field().startsWith("holders[") || err.field().endsWith(".code");
					InputError named = common ? err : InputError.field(err.field(), m + ": " + err.message());
					if (!errors.contains(named)) {
						errors.add(named);
					}
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<ComparedHolder> holders = new ArrayList<>();
		for (int i = 0; i < request.holders().size(); i++) {
			BigDecimal first = previews.get(0).holders().get(i).budget().value();
			BigDecimal min = null;
			BigDecimal max = null;
			List<MethodBudget> budgets = new ArrayList<>(methods.size());
			for (int k = 0; k < methods.size(); k++) {
				HolderBudget b = previews.get(k).holders().get(i);
				BigDecimal v = b.budget().value();
				budgets.add(new MethodBudget(methods.get(k), b.budget(), b.share(), Tco2.of(v.subtract(first))));
				min = min == null ? v : min.min(v);
				max = max == null ? v : max.max(v);
			}
			holders.add(new ComparedHolder(request.holders().get(i).code(), budgets, Tco2.of(min), Tco2.of(max), Tco2.of(max.subtract(min))));
		}
		return new Comparison(List.copyOf(methods), request.total(), request.reserveShare(), previews, holders);
	}

	/**
	 * E_hist × f × days ÷ 365, exact when days is 365 (or 73, 146, …), else at {@code WORKING} precision (as
	 * BASE_PLUS_INCREMENT's quotient; largest remainder keeps the sum exact either way).
	 */
	public static BigDecimal historicalEmissions(BigDecimal emissions, BigDecimal factor, int days) {
		BigDecimal product = emissions.multiply(factor).multiply(BigDecimal.valueOf(days));
		BigDecimal year = BigDecimal.valueOf(BudgetAllocation.YEAR_DAYS);
		BigDecimal[] qr = product.divideAndRemainder(year);
		return qr[1].signum() == 0 ? qr[0] : product.divide(year, Rounding.WORKING);
	}

	/**
	 * raw_i = base_i + (allocatable − Σ base) × weight_i ÷ Σ weight ({@code WORKING}); weights of 0 keep the base. Σ raw
	 * is the allocatable total (up to the quotient's rounding, which largest remainder absorbs).
	 */
	private static List<BigDecimal> basePlusIncrement(List<Holder> holders, BigDecimal allocatable) {
		BigDecimal baseSum = holders.stream().map(h -> h.baseEmissions().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal weightSum = holders.stream().map(Holder::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal increment = allocatable.subtract(baseSum);
		if (weightSum.signum() == 0 && increment.signum() != 0) {
			throw new InvalidInputException("holders[*].weight", "is 0 for every holder: there is no way to share the increment of "
					+ increment.toPlainString() + " t");
		}
		List<BigDecimal> raw = new ArrayList<>(holders.size());
		List<InputError> errors = new ArrayList<>();
		for (int i = 0; i < holders.size(); i++) {
			Holder h = holders.get(i);
			BigDecimal part = increment.signum() == 0 ? BigDecimal.ZERO
					: increment.multiply(h.weight()).divide(weightSum, Rounding.WORKING);
			BigDecimal r = h.baseEmissions().value().add(part);
			if (r.signum() < 0) {
				errors.add(InputError.field("holders[" + i + "].weight", "its share of the cut (" + plain(part.negate())
						+ " t) exceeds its base_emissions_t (" + plain(h.baseEmissions().value()) + " t): lower its weight"));
			}
			raw.add(r);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return raw;
	}

	/** Every error of the request, before any arithmetic. */
	static void check(Request request) {
		List<InputError> errors = new ArrayList<>();
		if (request.total() == null) {
			errors.add(InputError.field("total_t", "is required"));
		}
		else if (request.total().signum() < 0) {
			errors.add(InputError.field("total_t", "must be at least 0"));
		}
		BigDecimal share = request.reserveShare();
		if (share == null) {
			errors.add(InputError.field("reserve_share", "is required"));
		}
		else if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) >= 0) {
			errors.add(InputError.field("reserve_share", "must be at least 0 and below 1 (0.05 is 5 %)"));
		}
		if (request.method() == null) {
			errors.add(InputError.field("method", "is required: one of " + List.of(Method.values())));
		}
		List<Holder> holders = request.holders();
		if (holders == null || holders.isEmpty()) {
			errors.add(InputError.field("holders", "at least one holder is required"));
		}
		else if (holders.size() > BudgetAllocation.MAX_HOLDERS) {
			errors.add(InputError.field("holders", "at most " + BudgetAllocation.MAX_HOLDERS + " holders, got " + holders.size()));
		}
		else {
			Map<String, Integer> seen = new HashMap<>();
			for (int i = 0; i < holders.size(); i++) {
				checkHolder(errors, i, holders.get(i), request.method(), seen);
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private static void checkHolder(List<InputError> errors, int i, Holder h, Method method, Map<String, Integer> seen) {
		String at = "holders[" + i + "].";
		if (h == null) {
			errors.add(InputError.field("holders[" + i + "]", "is required"));
			return;
		}
		if (h.code() == null || h.code().isBlank()) {
			errors.add(InputError.field(at + "code", "is required"));
		}
		else if (h.code().length() > BudgetAllocation.MAX_CODE_LENGTH) {
			errors.add(InputError.field(at + "code", "at most " + BudgetAllocation.MAX_CODE_LENGTH + " characters"));
		}
		else {
			Integer first = seen.putIfAbsent(h.code(), i);
			if (first != null) {
				errors.add(InputError.field(at + "code", "duplicates holders[" + first + "].code " + h.code()));
			}
		}
		if (method == null) {
			return;
		}
		switch (method) {
			case GDP_SHARE -> nonNegative(errors, at + "gdp_10k_cny", value(h.gdp()));
			case POPULATION_SHARE -> nonNegative(errors, at + "population", h.population());
			case GRANDFATHERING -> nonNegative(errors, at + "base_emissions_t", value(h.baseEmissions()));
			case INTENSITY_DECLINE -> {
				nonNegative(errors, at + "base_intensity_t_per_10k_cny", value(h.baseIntensity()));
				nonNegative(errors, at + "forecast_gdp_10k_cny", value(h.forecastGdp()));
				if (h.declineRate() == null) {
					errors.add(InputError.field(at + "decline_rate", "is required for " + method));
				}
				else if (h.declineRate().abs().compareTo(BigDecimal.ONE) > 0) {
					errors.add(InputError.field(at + "decline_rate", "must lie between -1 and 1 (0.035 is a 3.5 % decline)"));
				}
			}
			case BASE_PLUS_INCREMENT -> {
				nonNegative(errors, at + "base_emissions_t", value(h.baseEmissions()));
				nonNegative(errors, at + "weight", h.weight());
			}
			case ENTROPY -> {
				nonNegative(errors, at + "gdp_10k_cny", value(h.gdp()));
				positive(errors, at + "population", h.population());
				positive(errors, at + "base_emissions_t", value(h.baseEmissions()));
			}
			case OUTPUT_BENCHMARK -> {
				nonNegative(errors, at + "output", h.output());
				nonNegative(errors, at + "benchmark_t_per_unit", h.benchmarkIntensity());
				factor(errors, at, h);
			}
			case HISTORICAL_INTENSITY -> {
				nonNegative(errors, at + "output", h.output());
				nonNegative(errors, at + "historical_intensity_t_per_unit", h.historicalIntensity());
				factor(errors, at, h);
			}
			case HISTORICAL_EMISSIONS -> {
				nonNegative(errors, at + "base_emissions_t", value(h.baseEmissions()));
				factor(errors, at, h);
				if (h.days() != null && (h.days() < 0 || h.days() > BudgetAllocation.MAX_DAYS)) {
					errors.add(InputError.field(at + "days", "must lie between 0 and " + BudgetAllocation.MAX_DAYS + ", got " + h.days()));
				}
			}
		}
	}

	/** The control factor f: optional (1), at least 0 and at most {@code MAX_CONTROL_FACTOR}. */
	private static void factor(List<InputError> errors, String at, Holder h) {
		BigDecimal f = h.controlFactor();
		if (f != null && (f.signum() < 0 || f.compareTo(new BigDecimal(BudgetAllocation.MAX_CONTROL_FACTOR)) > 0)) {
			errors.add(InputError.field(at + "control_factor", "must lie between 0 and " + BudgetAllocation.MAX_CONTROL_FACTOR));
		}
	}

	private static void nonNegative(List<InputError> errors, String field, BigDecimal v) {
		if (v == null) {
			errors.add(InputError.field(field, "is required for this method"));
		}
		else if (v.signum() < 0) {
			errors.add(InputError.field(field, "must be at least 0"));
		}
	}

	private static void positive(List<InputError> errors, String field, BigDecimal v) {
		if (v == null) {
			errors.add(InputError.field(field, "is required for this method"));
		}
		else if (v.signum() <= 0) {
			errors.add(InputError.field(field, "must be above 0 for ENTROPY (it divides the per-capita and per-tonne indicators)"));
		}
	}

	private static BigDecimal value(Quantity<?> q) {
		return q == null ? null : q.value();
	}

	private static String rawField(Method method) {
		return switch (method) {
			case GDP_SHARE -> "gdp_10k_cny";
			case POPULATION_SHARE -> "population";
			case GRANDFATHERING, BASE_PLUS_INCREMENT -> "base_emissions_t";
			case INTENSITY_DECLINE -> "forecast_gdp_10k_cny";
			case ENTROPY -> "population";
			case OUTPUT_BENCHMARK, HISTORICAL_INTENSITY -> "output";
			case HISTORICAL_EMISSIONS -> "base_emissions_t";
		};
	}

	/** Trailing zeros dropped, never in exponent form. */
	static BigDecimal plain(BigDecimal v) {
		BigDecimal r = v.stripTrailingZeros();
		return r.scale() < 0 ? r.setScale(0) : r;
	}
}
