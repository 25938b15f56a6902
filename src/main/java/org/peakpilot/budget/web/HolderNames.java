package org.peakpilot.budget.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;

/**
 * Names of budget holders for a page, read once per request from the registry within the caller's scope: a county's
 * name by region code, a park's by its code (English on an English page), an enterprise's registered name by USCC; the
 * code itself where the registry does not answer (an enterprise outside the caller's scope, a code the registry lacks).
 */
final class HolderNames {

	private final Map<String, String> counties = new HashMap<>();
	private final Map<String, RegistryModel.Park> parks = new HashMap<>();
	private final Map<Long, RegistryModel.Park> parksById = new HashMap<>();
	private final Map<String, RegistryModel.Enterprise> enterprises = new HashMap<>();
	private final boolean english;

	HolderNames(Registry registry, Locale locale) {
		this.english = locale != null && "en".equals(locale.getLanguage());
		registry.counties().forEach(c -> counties.put(c.code(), c.nameZh()));
		registry.parks().forEach(p -> {
			parks.put(p.code(), p);
			parksById.put(p.id(), p);
		});
		registry.enterprises(EnterpriseQuery.ALL).forEach(e -> enterprises.put(e.uscc(), e));
	}

	String name(String code, Kind kind) {
		return switch (kind) {
			case COUNTY -> counties.getOrDefault(code, code);
			case PARK -> {
				RegistryModel.Park p = parks.get(code);
				yield p == null ? code : english && p.nameEn() != null ? p.nameEn() : p.nameZh();
			}
			case ENTERPRISE -> {
				RegistryModel.Enterprise e = enterprises.get(code);
				yield e == null ? code : e.name();
			}
		};
	}

	String county(String countyCode) {
		return countyCode == null ? "—" : counties.getOrDefault(countyCode, countyCode);
	}

	Map<String, String> counties() {
		return counties;
	}
}
