package org.peakpilot.inclusive.web;

import java.time.LocalDate;

import org.peakpilot.inclusive.internal.Mall;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.inclusive.internal.Partners;
import org.peakpilot.platform.AccessScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The points mall's items: the office enters them for any partner ({@code /inclusive/office/mall}), a partner for
 * itself ({@code /inclusive/partner/mall}); both see stock left.
 */
@Controller
class MallOfficePages {

	private final Mall mall;
	private final Partners partners;

	MallOfficePages(Mall mall, Partners partners) {
		this.mall = mall;
		this.partners = partners;
	}

	/** The item form's fields. */
	record MallItemFields(Long partnerId, String name, String description, Long pointsPrice, Integer stock, Integer perCitizenLimit,
			LocalDate validFrom, LocalDate validTo) {
		Mall.ItemForm form() {
			return new Mall.ItemForm(partnerId, name, description, pointsPrice, stock, perCitizenLimit, validFrom, validTo);
		}
	}

	@GetMapping("/inclusive/office/mall")
	String office(Model model) {
		model.addAttribute("items", mall.items(null));
		model.addAttribute("partners", partners.list().stream().filter(Partners.Partner::active)
			.map(p -> new CitizenPages.PartnerOption(p.id(), p.name())).toList());
		model.addAttribute("action", "/inclusive/office/mall");
		return "inclusive/citizen/mall-items";
	}

	@PostMapping("/inclusive/office/mall")
	@BackTo(value = "/inclusive/office/mall", keep = { "partnerId", "name", "description", "pointsPrice", "stock", "perCitizenLimit", "validFrom", "validTo" })
	String create(@ModelAttribute MallItemFields fields) {
		mall.create(fields.form(), null);
		return "redirect:/inclusive/office/mall";
	}

	@GetMapping("/inclusive/partner/mall")
	String partner(Model model) {
		long partnerId = partnerOfCaller();
		model.addAttribute("items", mall.items(partnerId));
		model.addAttribute("partners", java.util.List.of());
		model.addAttribute("action", "/inclusive/partner/mall");
		return "inclusive/citizen/mall-items";
	}

	@PostMapping("/inclusive/partner/mall")
	@BackTo(value = "/inclusive/partner/mall", keep = { "name", "description", "pointsPrice", "stock", "perCitizenLimit", "validFrom", "validTo" })
	String createOwn(@ModelAttribute MallItemFields fields) {
		mall.create(fields.form(), partnerOfCaller());
		return "redirect:/inclusive/partner/mall";
	}

	private long partnerOfCaller() {
		return partners.ofCurrentUser().orElseThrow(() -> new NotFoundException("active partner of " + AccessScope.current().actor()));
	}
}
