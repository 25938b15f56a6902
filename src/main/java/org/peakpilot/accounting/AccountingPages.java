package org.peakpilot.accounting;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The factor library page: every factor with its source and verification tag, and each factor's versions. */
@Controller
class AccountingPages {

	private final EmissionsAccounting accounting;

	AccountingPages(EmissionsAccounting accounting) {
		this.accounting = accounting;
	}

	@GetMapping("/accounting/factors")
	String factors(@RequestParam(required = false) Factor.Kind kind, @RequestParam(required = false) String q, Model model) {
		model.addAttribute("factors", accounting.factors(new EmissionsAccounting.FactorQuery(kind, q, false)));
		model.addAttribute("kinds", Factor.Kind.values());
		model.addAttribute("kind", kind);
		model.addAttribute("q", q);
		model.addAttribute("gridRegion", accounting.gridRegion());
		return "accounting/factors";
	}

	@GetMapping("/accounting/factors/{code}")
	String factor(@PathVariable String code, Model model) {
		model.addAttribute("versions", accounting.history(code));
		return "accounting/factor";
	}
}
