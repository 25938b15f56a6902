package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The holders of one stored version as a tree (county ⊇ park ⊇ enterprise by {@code parent_code}), for adjustments,
 * history and comparison: whatever kinds of holder a version has, a holder's chain of containing holders, its
 * county, and the top-level holders whose budgets add up with reserve, pool and sink credit to the total.
 */
record VersionHolders(Map<String, Line> lines) {

	/** One holder's line. */
	record Line(String code, String kind, String parent, BigDecimal budget) {
	}

	static VersionHolders of(JdbcClient jdbc, long versionId) {
		Map<String, Line> lines = new LinkedHashMap<>();
		jdbc.sql("SELECT code, kind, parent_code, budget_t FROM budget_holder WHERE version_id = :id ORDER BY line_no, code")
			.param("id", versionId)
			.query((rs, n) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)))
			.list()
			.forEach(l -> lines.put(l.code(), l));
		return new VersionHolders(lines);
	}

	boolean has(String code) {
		return lines.containsKey(code);
	}

	/** The holder and the holders containing it, innermost first (a parent not in the version ends the chain). */
	List<String> chain(String code) {
		List<String> chain = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String c = code;
		while (c != null && lines.containsKey(c) && seen.add(c)) {
			chain.add(c);
			c = lines.get(c).parent();
		}
		return chain;
	}

	/** The outermost holder containing this one (a county's own code for a county). */
	String root(String code) {
		List<String> chain = chain(code);
		return chain.isEmpty() ? null : chain.get(chain.size() - 1);
	}

	/** Whether a holder is top-level: no containing holder in the version. */
	boolean isTop(Line l) {
		return l.parent() == null || !lines.containsKey(l.parent());
	}

	/** Σ budgets of the top-level holders, tCO2 (contained holders are inside their parent's budget). */
	BigDecimal topSum() {
		return lines.values().stream().filter(this::isTop).map(Line::budget).reduce(BigDecimal.ZERO, BigDecimal::add);
	}
}
