package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Product;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.ProjectKind;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.registry.RegistryModel;

/**
 * The checks of a {@link ProjectInput} before any figure is computed, each error named by its body path
 * ({@code name}, {@code park}, {@code products[1].unit}, {@code baseline.co2_t}); the activity lines are checked by the
 * accounting calculator itself ({@code lines[2].unit}), so a line is valid here exactly when it is valid there.
 */
final class ProjectInputs {

	static final BigDecimal AMOUNT_MAX = new BigDecimal(ProjectInput.AMOUNT_MAX);
	/** Decimals an amount may carry (the stored scale). */
	static final int DECIMALS = 6;

	private ProjectInputs() {
	}

	/**
	 * Adds every error of the project's own fields to {@code errors}; returns the park (null when none is named or it is
	 * unknown).
	 */
	static RegistryModel.Park check(ProjectInput in, List<InputError> errors, Set<String> counties, Map<String, RegistryModel.Park> parks,
			Set<String> industries, Map<String, Product> products) {
		required(errors, "name", in.name());
		if (in.name() != null && !in.name().isBlank()) {
			InputBounds.length(errors, "name", in.name(), ProjectInput.NAME_MAX);
		}
		if (in.county() == null || in.county().isBlank()) {
			errors.add(InputError.field("county", "is required"));
		}
		else if (InputBounds.length(errors, "county", in.county(), ProjectInput.CODE_MAX) && !counties.contains(in.county().strip())) {
			errors.add(InputError.field("county", "unknown county; one of " + counties.stream().sorted().toList()));
		}
		RegistryModel.Park park = null;
		if (in.park() != null && !in.park().isBlank()) {
			if (!InputBounds.length(errors, "park", in.park(), ProjectInput.CODE_MAX)) {
				// named
			}
			else if ((park = parks.get(in.park().strip())) == null) {
				errors.add(InputError.field("park", "unknown park; one of " + parks.keySet().stream().sorted().toList()));
			}
			else if (in.county() != null && !park.countyCode().equals(in.county().strip())) {
				errors.add(InputError.field("park", "park " + park.code() + " lies in county " + park.countyCode() + ", not in " + in.county().strip()));
			}
		}
		if (in.industry() == null || in.industry().isBlank()) {
			errors.add(InputError.field("industry", "is required"));
		}
		else if (InputBounds.length(errors, "industry", in.industry(), ProjectInput.CODE_MAX) && !industries.contains(in.industry().strip())) {
			errors.add(InputError.field("industry", "unknown industry (GB/T 4754); one of " + industries.stream().sorted().toList()));
		}
		if (in.kind() == null) {
			errors.add(InputError.field("kind", "is required: one of " + List.of(ProjectKind.values())));
		}
		year(errors, "year", in.year(), true);
		year(errors, "construction_start_year", in.constructionStartYear(), false);
		year(errors, "commissioning_year", in.commissioningYear(), true);
		if (in.constructionStartYear() != null && in.commissioningYear() != null && in.commissioningYear() < in.constructionStartYear()) {
			errors.add(InputError.field("commissioning_year", "must not be before construction_start_year"));
		}
		amount(errors, "investment_10k_cny", in.investment10kCny(), false, false);
		amount(errors, "output_value_10k_cny", in.outputValue10kCny(), true, true);
		amount(errors, "value_added_10k_cny", in.valueAdded10kCny(), true, true);
		if (in.valueAdded10kCny() != null && in.outputValue10kCny() != null && in.valueAdded10kCny().compareTo(in.outputValue10kCny()) > 0
				&& errors.stream().noneMatch(e -> e.field().endsWith("_10k_cny"))) {
			errors.add(InputError.field("value_added_10k_cny", "must not be above output_value_10k_cny"));
		}
		if (in.gridRegion() != null) {
			InputBounds.length(errors, "grid_region", in.gridRegion(), ProjectInput.CODE_MAX);
		}
		amount(errors, "own_renewable_kwh", in.ownRenewableKwh(), false, false);
		amount(errors, "green_power_kwh", in.greenPowerKwh(), false, false);
		amount(errors, "feedstock_tce", in.feedstockTce(), false, false);
		amount(errors, "recovered_co2_t", in.recoveredCo2T(), false, false);
		amount(errors, "substitution_tce", in.substitutionTce(), false, false);
		amount(errors, "substitution_co2_t", in.substitutionCo2T(), false, false);
		List<ProjectInput.Product> ps = in.products() == null ? List.of() : in.products();
		if (ps.size() > ProjectInput.PRODUCTS_MAX) {
			errors.add(InputError.field("products", "at most " + ProjectInput.PRODUCTS_MAX + " products"));
		}
		else {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < ps.size(); i++) {
				product(errors, "products[" + i + "]", ps.get(i), products, seen);
			}
		}
		if (in.lines() == null || in.lines().isEmpty()) {
			errors.add(InputError.field("lines", "at least one activity line is required"));
		}
		else if (in.lines().size() > ProjectInput.LINES_MAX) {
			errors.add(InputError.field("lines", "at most " + ProjectInput.LINES_MAX + " lines"));
		}
		List<String> processes = in.processes() == null ? List.of() : in.processes();
		if (processes.size() > ProjectInput.PROCESSES_MAX) {
			errors.add(InputError.field("processes", "at most " + ProjectInput.PROCESSES_MAX + " codes"));
		}
		else {
			for (int i = 0; i < processes.size(); i++) {
				String p = processes.get(i);
				if (p == null || p.isBlank()) {
					errors.add(InputError.field("processes[" + i + "]", "is empty"));
				}
				else {
					InputBounds.length(errors, "processes[" + i + "]", p, ProjectInput.CODE_MAX);
				}
			}
		}
		ProjectInput.Baseline b = in.baseline();
		if (in.kind() == ProjectKind.REVAMP && b == null) {
			errors.add(InputError.field("baseline", "is required for a REVAMP: the existing plant's co2_t and tce"));
		}
		if (b != null) {
			amount(errors, "baseline.co2_t", b.co2T(), true, false);
			amount(errors, "baseline.tce", b.tce(), true, false);
			amount(errors, "baseline.coal_t", b.coalT(), false, false);
			amount(errors, "baseline.output_value_10k_cny", b.outputValue10kCny(), false, false);
			amount(errors, "baseline.value_added_10k_cny", b.valueAdded10kCny(), false, false);
			if (in.kind() != null && in.kind() != ProjectKind.REVAMP) {
				errors.add(InputError.field("baseline", "only a REVAMP has a baseline"));
			}
		}
		return park;
	}

	private static void product(List<InputError> errors, String at, ProjectInput.Product p, Map<String, Product> products, Set<String> seen) {
		if (p == null) {
			errors.add(InputError.field(at, "is empty"));
			return;
		}
		Product known = null;
		if (p.code() == null || p.code().isBlank()) {
			errors.add(InputError.field(at + ".code", "is required"));
		}
		else if (!InputBounds.length(errors, at + ".code", p.code(), ProjectInput.CODE_MAX)) {
			// named
		}
		else if ((known = products.get(p.code().strip())) == null) {
			errors.add(InputError.field(at + ".code", "unknown product; one of " + products.keySet().stream().sorted().toList()));
		}
		else if (!seen.add(known.code())) {
			errors.add(InputError.field(at + ".code", "product " + known.code() + " is listed twice"));
		}
		amount(errors, at + ".quantity", p.quantity(), true, true);
		amount(errors, at + ".capacity", p.capacity(), false, true);
		if (p.capacity() != null && p.quantity() != null && p.capacity().compareTo(p.quantity()) < 0
				&& errors.stream().noneMatch(e -> e.field().startsWith(at + ".")) ) {
			errors.add(InputError.field(at + ".capacity", "must not be below the quantity"));
		}
		if (p.unit() == null || p.unit().isBlank()) {
			errors.add(InputError.field(at + ".unit", "is required"));
		}
		else if (!InputBounds.length(errors, at + ".unit", p.unit(), ProjectInput.UNIT_MAX)) {
			// named
		}
		else if (known != null && !known.unit().equals(p.unit().strip())) {
			errors.add(InputError.field(at + ".unit", "unit not allowed: " + known.code() + " is stated in " + known.unit()));
		}
	}

	private static void required(List<InputError> errors, String field, String value) {
		if (value == null || value.isBlank()) {
			errors.add(InputError.field(field, "is required"));
		}
	}

	private static void year(List<InputError> errors, String field, Integer year, boolean required) {
		if (year == null) {
			if (required) {
				errors.add(InputError.field(field, "is required"));
			}
		}
		else if (year < Calculation.YEAR_MIN || year > Calculation.YEAR_MAX) {
			errors.add(InputError.field(field, "must be a year from " + Calculation.YEAR_MIN + " to " + Calculation.YEAR_MAX));
		}
	}

	/** An amount: present when required, at least 0 (above 0 when {@code positive}), below 10^12, at most 6 decimals. */
	static void amount(List<InputError> errors, String field, BigDecimal v, boolean required, boolean positive) {
		if (v == null) {
			if (required) {
				errors.add(InputError.field(field, "is required"));
			}
			return;
		}
		if (v.abs().compareTo(AMOUNT_MAX) >= 0) {
			errors.add(InputError.field(field, "must be below " + ProjectInput.AMOUNT_MAX + ", got " + InputBounds.shown(v)));
		}
		else if (v.stripTrailingZeros().scale() > DECIMALS) {
			errors.add(InputError.field(field, "at most " + DECIMALS + " decimals"));
		}
		else if (positive ? v.signum() <= 0 : v.signum() < 0) {
			errors.add(InputError.field(field, positive ? "must be above 0" : "must not be negative"));
		}
	}
}
