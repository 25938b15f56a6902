package org.peakpilot.accounting.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.accounting.Factor;

/**
 * The one rule "which factor version is in force in a year", over candidate versions loaded by the caller. The
 * per-report path ({@code FactorLibrary}) loads the versions of one code or the grid factors of one region
 * per question; the bulk recompute loads the whole library once; both ask this rule.
 * <ul>
 * <li>{@link #inForce}: of a code, the newest version whose effective period ({@link Factor#appliesTo}) touches
 * the year.</li>
 * <li>{@link #grid}: of a region, among the grid factors in their newest versions, the one of the year, else of
 * the latest earlier year (ties of a year by code); the effective period of a grid factor is not consulted, its
 * year says which year it prices.</li>
 * </ul>
 * No I/O: a plain value over the versions it was given.
 */
public final class FactorsInForce implements Calculator.Factors {

	private final Map<String, List<Factor>> versions;
	private final Map<String, List<Factor>> grids;

	private FactorsInForce(Map<String, List<Factor>> versions, Map<String, List<Factor>> grids) {
		this.versions = versions;
		this.grids = grids;
	}

	/**
	 * The rule over these versions (any order). For {@link #inForce} every version of the code asked for must be
	 * among them, for {@link #grid} every version of the grid factors of the region asked for.
	 */
	public static FactorsInForce of(List<Factor> candidates) {
		Map<String, List<Factor>> versions = new HashMap<>();
		for (Factor f : candidates) {
			versions.computeIfAbsent(f.code(), c -> new ArrayList<>()).add(f);
		}
		Map<String, List<Factor>> grids = new HashMap<>();
		for (List<Factor> v : versions.values()) {
			v.sort(Comparator.comparingInt(Factor::version).reversed());
			Factor newest = v.get(0);
			if (newest.kind() == Factor.Kind.GRID && newest.regionCode() != null && newest.year() != null) {
				grids.computeIfAbsent(newest.regionCode(), r -> new ArrayList<>()).add(newest);
			}
		}
		grids.values().forEach(g -> g.sort(Comparator.comparing(Factor::year).reversed().thenComparing(Factor::code)));
		return new FactorsInForce(versions, grids);
	}

	@Override
	public Optional<Factor> inForce(String code, int year) {
		for (Factor f : versions.getOrDefault(code, List.of())) {
			if (f.appliesTo(year)) {
				return Optional.of(f);
			}
		}
		return Optional.empty();
	}

	/** Per code among the candidates, the version in force in the year, by code; codes with none are left out. */
	public List<Factor> all(int year) {
		return versions.keySet().stream().sorted().map(code -> inForce(code, year)).flatMap(Optional::stream).toList();
	}

	@Override
	public Optional<Factor> grid(String region, int year) {
		for (Factor f : grids.getOrDefault(region, List.of())) {
			if (f.year() <= year) {
				return Optional.of(f);
			}
		}
		return Optional.empty();
	}
}
