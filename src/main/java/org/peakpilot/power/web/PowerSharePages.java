package org.peakpilot.power.web;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
import org.peakpilot.power.internal.FootprintReferences;
import org.peakpilot.power.internal.Footprints;
import org.peakpilot.power.internal.GreenShares;
import org.peakpilot.power.internal.VerifiedYears;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The green-power share page (the office: enterprises and industries against the targets, and the targets' form; an
 * enterprise: its own share with its location- and market-based emissions side by side) and the product footprint page
 * (stored footprints, the form that computes one, the ECS default and published references as context).
 */
@Controller
class PowerSharePages {

	private final GreenShares shares;
	private final VerifiedYears verifiedYears;
	private final Footprints footprints;
	private final FootprintReferences references;
	private final Registry registry;

	PowerSharePages(GreenShares shares, VerifiedYears verifiedYears, Footprints footprints, FootprintReferences references, Registry registry) {
		this.shares = shares;
		this.verifiedYears = verifiedYears;
		this.footprints = footprints;
		this.references = references;
		this.registry = registry;
	}

	@GetMapping("/power/shares")
	String shares(@RequestParam(required = false) Integer year, Model model) {
		AccessScope scope = AccessScope.current();
		int y = year == null ? shares.currentYear() - 1 : GreenShares.checkedYear(year, "year");
		model.addAttribute("year", y);
		if (scope.role() == Role.ENTERPRISE_USER && !scope.enterprises().isEmpty()) {
			long id = scope.enterprises().iterator().next();
			model.addAttribute("mine", shares.enterprise(id, y));
			model.addAttribute("figures", verifiedYears.of(id, y));
			return "power/shares";
		}
		model.addAttribute("shares", shares.year(y));
		model.addAttribute("canSetTarget", scope.isCityWide());
		model.addAttribute("industries", registry.industries());
		return "power/shares";
	}

	@PostMapping("/power/shares/targets")
	@BackTo(value = "/power/shares", keep = { "industryCode", "formYear=year", "targetPct", "note" })
	String setTarget(@RequestParam(required = false) String industryCode, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) BigDecimal targetPct, @RequestParam(required = false) String note, RedirectAttributes redirect) {
		GreenShares.Target t = shares.setTarget(industryCode, year, targetPct, note);
		redirect.addFlashAttribute("targetSet", t.industryCode());
		return "redirect:/power/shares?year=" + t.year();
	}

	@GetMapping("/power/footprints")
	String footprints(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long id, Model model) {
		int y = year == null ? shares.currentYear() - 1 : GreenShares.checkedYear(year, "year");
		model.addAttribute("year", y);
		model.addAttribute("footprints", footprints.list(y, null));
		model.addAttribute("selected", id == null ? null : footprints.footprint(id));
		List<RegistryModel.Industry> industries = registry.industries();
		Map<String, String> sectors = industries.stream().collect(Collectors.toMap(RegistryModel.Industry::code,
				i -> i.sector() == null ? "" : i.sector(), (a, b) -> a));
		List<RegistryModel.Enterprise> enterprises = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.sorted(Comparator.comparing((RegistryModel.Enterprise e) -> rank(sectors.get(e.industryCode()))).thenComparing(RegistryModel.Enterprise::name))
			.toList();
		model.addAttribute("enterprises", enterprises);
		model.addAttribute("names", enterprises.stream().collect(Collectors.toMap(RegistryModel.Enterprise::id, RegistryModel.Enterprise::name)));
		model.addAttribute("products", Footprints.Product.values());
		model.addAttribute("ecs", references.ecsGrid().orElse(null));
		model.addAttribute("polysiliconRefs", references.references("POLYSILICON"));
		model.addAttribute("moduleRefs", references.references("PV_MODULE"));
		return "power/footprints";
	}

	@PostMapping("/power/footprints")
	@BackTo(value = "/power/footprints", keep = { "enterpriseId", "formYear=year", "product", "outputQuantity", "outputUnit" })
	String compute(@RequestParam(required = false) Long enterpriseId, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) Footprints.Product product, @RequestParam(required = false) BigDecimal outputQuantity,
			@RequestParam(required = false) String outputUnit) {
		Footprints.Footprint f = footprints.compute(enterpriseId, year, product, outputQuantity, outputUnit);
		return "redirect:/power/footprints?year=" + f.year() + "&id=" + f.id() + "#footprint";
	}

	private static int rank(String sector) {
		return "polysilicon".equals(sector) ? 0 : "photovoltaics".equals(sector) ? 1 : 2;
	}
}
