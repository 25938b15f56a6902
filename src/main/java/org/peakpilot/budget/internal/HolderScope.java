package org.peakpilot.budget.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.peakpilot.budget.internal.BudgetVersions.Holder;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;

/**
 * Which holder lines of a version a caller below the city sees (ADR 0016): a county officer its county's line and
 * everything the version places below it; a park manager its park's line (the registry's park of its scope) and the
 * enterprises below it; an enterprise user the lines of its own enterprises (the registry's USCC of its scope), and
 * nothing else. The registry says who the caller is; the version's tree says what lies below.
 */
final class HolderScope {

	private HolderScope() {
	}

	static List<Holder> visible(Registry registry, AccessScope scope, List<Holder> holders) {
		if (scope.isCityWide()) {
			return holders;
		}
		if (scope.role() == null) {
			return List.of();
		}
		return switch (scope.role()) {
			case COUNTY_OFFICER -> scope.countyCode() == null ? List.of() : HolderTree.withBelow(holders, Set.of(scope.countyCode()));
			case PARK_MANAGER -> HolderTree.withBelow(holders, registry.parks().stream().filter(p -> Long.valueOf(p.id()).equals(scope.parkId()))
				.map(p -> p.code()).collect(java.util.stream.Collectors.toSet()));
			case ENTERPRISE_USER -> {
				Set<String> own = new HashSet<>();
				// the registry answers only the caller's own enterprises
				registry.enterprises(EnterpriseQuery.ALL).stream().filter(e -> scope.enterprises().contains(e.id()))
					.forEach(e -> own.add(e.uscc()));
				yield holders.stream().filter(h -> own.contains(h.code())).toList();
			}
			default -> List.of();
		};
	}
}
