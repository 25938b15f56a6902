package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored inputs of one parent's division (ADR 0016, amendment "dividing below the counties on a page"): what the
 * division page starts from when the parent was divided before. Reads only; the caller checks the reader's scope
 * (the page reads the parent through {@link BudgetVersions#version}, which is scoped, first).
 */
@Component
public class DivisionInputs {

	/** One holder's stored figures and result. */
	public record Row(String code, Kind kind, BigDecimal output, BigDecimal benchmark, BigDecimal historicalIntensity, BigDecimal baseEmissions,
			BigDecimal controlFactor, Integer days, boolean nationalEts, String etsSource, String etsOverrideReason, BigDecimal budget,
			BigDecimal preAllocated) {
	}

	/** A stored division: method, amount, common part, pre-allocation share and the holders in their order. */
	public record Stored(Method method, BigDecimal amount, BigDecimal common, BigDecimal preAllocationShare, List<Row> rows) {
	}

	private final JdbcClient jdbc;

	DivisionInputs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The division of {@code parent} in the version; empty before the first. */
	public Optional<Stored> of(int year, int number, String parent) {
		Optional<Long> id = jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND number = :number").param("year", year)
			.param("number", number).query(Long.class).optional();
		if (id.isEmpty()) {
			return Optional.empty();
		}
		List<Row> rows = jdbc.sql("""
				SELECT code, kind, output, benchmark_t_per_unit, historical_intensity_t_per_unit, base_emissions_t, control_factor, days,
				  national_ets, ets_source, ets_override_reason, budget_t, pre_allocated_t
				FROM budget_holder WHERE version_id = :id AND parent_code = :parent ORDER BY line_no""")
			.param("id", id.get()).param("parent", parent)
			.query((rs, n) -> new Row(rs.getString("code"), Kind.valueOf(rs.getString("kind")), plain(rs.getBigDecimal("output")),
					plain(rs.getBigDecimal("benchmark_t_per_unit")), plain(rs.getBigDecimal("historical_intensity_t_per_unit")),
					plain(rs.getBigDecimal("base_emissions_t")), plain(rs.getBigDecimal("control_factor")), (Integer) rs.getObject("days"),
					rs.getBoolean("national_ets"), rs.getString("ets_source"), rs.getString("ets_override_reason"), plain(rs.getBigDecimal("budget_t")),
					plain(rs.getBigDecimal("pre_allocated_t"))))
			.list();
		return jdbc.sql("""
				SELECT method, amount_t, common_t, pre_allocation_share FROM budget_sub_allocation
				WHERE version_id = :id AND parent_code = :parent""")
			.param("id", id.get()).param("parent", parent)
			.query((rs, n) -> new Stored(Method.valueOf(rs.getString("method")), plain(rs.getBigDecimal("amount_t")),
					plain(rs.getBigDecimal("common_t")), plain(rs.getBigDecimal("pre_allocation_share")), rows))
			.optional();
	}

	/** A holder's kind and budget in the version; empty where it is no holder. */
	public Optional<Parent> holder(int year, int number, String code) {
		return jdbc.sql("""
				SELECT h.kind, h.budget_t FROM budget_holder h JOIN budget_version v ON v.id = h.version_id
				WHERE v.year = :year AND v.number = :number AND h.code = :code""")
			.param("year", year).param("number", number).param("code", code)
			.query((rs, n) -> new Parent(Kind.valueOf(rs.getString("kind")), plain(rs.getBigDecimal("budget_t")))).optional();
	}

	/** The codes of every holder of the version (a code is a holder once). */
	public java.util.Set<String> codes(int year, int number) {
		return new java.util.HashSet<>(jdbc.sql("""
				SELECT h.code FROM budget_holder h JOIN budget_version v ON v.id = h.version_id WHERE v.year = :year AND v.number = :number""")
			.param("year", year).param("number", number).query(String.class).list());
	}

	/** A parent's kind and budget. */
	public record Parent(Kind kind, BigDecimal budget) {
	}

	private static BigDecimal plain(BigDecimal v) {
		return v == null ? null : v.stripTrailingZeros();
	}
}
