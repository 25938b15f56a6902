package org.peakpilot.inclusive.web;

import java.time.LocalDate;

import org.peakpilot.inclusive.internal.Mall;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
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
	private final UserAccounts accounts;
	private final JdbcClient jdbc;

	MallOfficePages(Mall mall, UserAccounts accounts, JdbcClient jdbc) {
		this.mall = mall;
		this.accounts = accounts;
		this.jdbc = jdbc;
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
		model.addAttribute("partners", jdbc.sql("SELECT id, name FROM inclusive_partner WHERE active ORDER BY name LIMIT 500")
			.query((rs, n) -> new CitizenPages.PartnerOption(rs.getLong(1), rs.getString(2))).list());
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
		long userId = accounts.me().id();
		return jdbc.sql("SELECT partner_id FROM inclusive_partner_user WHERE user_id = :u").param("u", userId).query(Long.class)
			.optional().orElseThrow(() -> new NotFoundException("partner of user " + userId));
	}
}
