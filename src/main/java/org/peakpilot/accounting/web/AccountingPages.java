package org.peakpilot.accounting.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.peakpilot.accounting.DisplayNames;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.internal.AccountingSettings;
import org.peakpilot.accounting.internal.FactorLibrary;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The factor library page: every factor with its source and verification tag, and each factor's versions. */
@Controller
class AccountingPages {

	private final FactorLibrary library;
	private final AccountingSettings settings;
	private final DisplayNames names;

	AccountingPages(FactorLibrary library, AccountingSettings settings, DisplayNames names) {
		this.library = library;
		this.settings = settings;
		this.names = names;
	}

	@GetMapping("/accounting/factors")
	String factors(@RequestParam(required = false) Factor.Kind kind, @RequestParam(required = false) String q, Model model) {
		List<Factor> found = library.factors(new EmissionsAccounting.FactorQuery(kind, q, false));
		Set<String> named = names.factorCodesNamed(q);
		if (!named.isEmpty()) {
			// the Chinese names the pages show (names_zh.csv) are searched too, in the library's order
			Set<String> codes = new HashSet<>(named);
			found.forEach(f -> codes.add(f.code()));
			found = library.factors(new EmissionsAccounting.FactorQuery(kind, null, false)).stream()
				.filter(f -> codes.contains(f.code())).toList();
		}
		model.addAttribute("factors", found);
		model.addAttribute("kinds", Factor.Kind.values());
		model.addAttribute("kind", kind);
		model.addAttribute("q", q);
		model.addAttribute("gridRegion", settings.gridRegion());
		return "accounting/factors";
	}

	@GetMapping("/accounting/factors/{code}")
	String factor(@PathVariable String code, Model model) {
		model.addAttribute("versions", library.history(code));
		return "accounting/factor";
	}
}
