package org.peakpilot.budget.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peakpilot.budget.internal.BudgetVersions.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tree of a version's holders (ADR 0016, parks and enterprises): counties and the city's direct holders at the
 * top, a county's parks and enterprises below it, a park's enterprises below the park, linked by {@code parent_code}.
 * A holder whose parent is not a holder of the version (a county, or the city's region code for a direct holder) is
 * at the top: the identity adds up the top only.
 */
final class HolderTree {

	private HolderTree() {
	}

	/** Deletes the holders below {@code parent} (all levels) and their sub-allocations. */
	static void clearBelow(JdbcClient jdbc, long versionId, String parent) {
		jdbc.sql("""
				WITH RECURSIVE below AS (
				  SELECT code FROM budget_holder WHERE version_id = :id AND parent_code = :parent
				  UNION SELECT h.code FROM budget_holder h JOIN below b ON h.parent_code = b.code WHERE h.version_id = :id)
				DELETE FROM budget_sub_allocation WHERE version_id = :id AND parent_code IN (SELECT code FROM below)""")
			.param("id", versionId).param("parent", parent).update();
		jdbc.sql("""
				WITH RECURSIVE below AS (
				  SELECT code FROM budget_holder WHERE version_id = :id AND parent_code = :parent
				  UNION SELECT h.code FROM budget_holder h JOIN below b ON h.parent_code = b.code WHERE h.version_id = :id)
				DELETE FROM budget_holder WHERE version_id = :id AND code IN (SELECT code FROM below)""")
			.param("id", versionId).param("parent", parent).update();
		jdbc.sql("DELETE FROM budget_sub_allocation WHERE version_id = :id AND parent_code = :parent")
			.param("id", versionId).param("parent", parent).update();
	}

	/** Deletes the counties with everything below them; the city's direct holders stay. */
	static void clearCounties(JdbcClient jdbc, long versionId) {
		for (String county : jdbc.sql("SELECT code FROM budget_holder WHERE version_id = :id AND kind = 'COUNTY'")
			.param("id", versionId).query(String.class).list()) {
			clearBelow(jdbc, versionId, county);
		}
		jdbc.sql("DELETE FROM budget_holder WHERE version_id = :id AND kind = 'COUNTY'").param("id", versionId).update();
	}

	/** Σ budgets of the city's direct holders (parent outside the version's holders, not a county), whole tCO2. */
	static java.math.BigDecimal directSum(JdbcClient jdbc, long versionId) {
		return jdbc.sql("""
				SELECT coalesce(sum(h.budget_t), 0) FROM budget_holder h WHERE h.version_id = :id AND h.kind <> 'COUNTY'
				  AND NOT EXISTS (SELECT 1 FROM budget_holder p WHERE p.version_id = h.version_id AND p.code = h.parent_code)""")
			.param("id", versionId).query(java.math.BigDecimal.class).single();
	}

	/** The holders at the top (counties and the city's direct holders). */
	static List<Holder> top(List<Holder> holders) {
		Set<String> codes = new HashSet<>();
		holders.forEach(h -> codes.add(h.code()));
		return holders.stream().filter(h -> h.parent() == null || !codes.contains(h.parent())).toList();
	}

	/** The holders with the given codes and everything below them, in the given order. */
	static List<Holder> withBelow(List<Holder> holders, Set<String> roots) {
		Map<String, List<String>> children = new HashMap<>();
		holders.forEach(h -> {
			if (h.parent() != null) {
				children.computeIfAbsent(h.parent(), k -> new ArrayList<>()).add(h.code());
			}
		});
		Set<String> keep = new HashSet<>();
		List<String> pending = new ArrayList<>(roots);
		while (!pending.isEmpty()) {
			String c = pending.remove(pending.size() - 1);
			if (keep.add(c)) {
				pending.addAll(children.getOrDefault(c, List.of()));
			}
		}
		return holders.stream().filter(h -> keep.contains(h.code())).toList();
	}
}
