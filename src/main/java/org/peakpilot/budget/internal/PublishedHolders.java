package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The holders of a year's latest published version that the caller may see, with their names from the registry: what
 * the adjustment page offers to pick (never a typed code) and how it names the holders of requests and comparisons.
 * City roles see every holder as their own; a county officer its county and the holders it contains as its own (it
 * gives from them and draws for them) and the other counties (published county budgets are public) as receivers of a
 * transfer.
 */
@Component
public class PublishedHolders {

	private final JdbcClient jdbc;
	private final Registry registry;

	PublishedHolders(JdbcClient jdbc, Registry registry) {
		this.jdbc = jdbc;
		this.registry = registry;
	}

	/**
	 * One holder to pick: code, kind (COUNTY, PARK, ENTERPRISE), its county, budget in the latest published version,
	 * and whether the caller files for it (else it may only receive a transfer).
	 */
	public record Choice(String code, String kind, String county, String name, BigDecimal budget, boolean own) {
	}

	/** The latest published version's number, if the year has one. */
	@Transactional(readOnly = true)
	public Optional<Integer> latestPublished(int year) {
		return jdbc.sql("SELECT number FROM budget_version WHERE year = :year AND status = 'PUBLISHED' ORDER BY number DESC LIMIT 1")
			.param("year", year).query(Integer.class).optional();
	}

	/** The latest published version's holders in the caller's scope, in the version's order; empty without one. */
	@Transactional(readOnly = true)
	public List<Choice> choices(int year, Locale locale) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		Optional<Long> id = jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND status = 'PUBLISHED' ORDER BY number DESC LIMIT 1")
			.param("year", year).query(Long.class).optional();
		if (id.isEmpty()) {
			return List.of();
		}
		VersionHolders holders = VersionHolders.of(jdbc, id.get());
		Map<String, String> names = names(locale);
		return holders.lines().values().stream()
			.filter(l -> scope.isCityWide() || scope.countyCode().equals(holders.root(l.code())) || "COUNTY".equals(l.kind()))
			.map(l -> new Choice(l.code(), l.kind(), holders.root(l.code()), names.getOrDefault(l.code(), l.code()), BudgetVersions.plain(l.budget()),
					scope.isCityWide() || scope.countyCode().equals(holders.root(l.code()))))
			.toList();
	}

	/** Names by holder code: counties and parks of the registry, and the enterprises in the caller's scope (by USCC). */
	public Map<String, String> names(Locale locale) {
		Map<String, String> names = new HashMap<>();
		registry.counties().forEach(c -> names.put(c.code(), c.nameZh()));
		registry.parks().forEach(p -> names.put(p.code(), p.name(locale)));
		AccessScope scope = AccessScope.current();
		if (scope.isCityWide() || scope.hasRole(Role.COUNTY_OFFICER)) {
			registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(e -> names.put(e.uscc(), e.name()));
		}
		return names;
	}
}
