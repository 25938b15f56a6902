package org.peakpilot.registry;

import java.math.BigDecimal;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.GroupedDecimalEditor;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.peakpilot.registry.RegistryModel.EnterpriseForm;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Registry pages: reference data and the enterprise list, detail and form. */
@Controller
class RegistryPages {

	private final Registry registry;

	RegistryPages(Registry registry) {
		this.registry = registry;
	}

	@GetMapping("/registry")
	String overview(Model model) {
		model.addAttribute("regions", registry.regions());
		model.addAttribute("parks", registry.parks());
		model.addAttribute("zones", registry.zones());
		model.addAttribute("industries", registry.industries());
		return "registry/overview";
	}

	@GetMapping("/registry/enterprises")
	String enterprises(@RequestParam(required = false) String q, @RequestParam(required = false) String county,
			@RequestParam(required = false) String industry, @RequestParam(required = false) Boolean key, Model model) {
		model.addAttribute("enterprises", registry.enterprises(new EnterpriseQuery(q, county, industry, null, key)));
		model.addAttribute("counties", registry.counties());
		model.addAttribute("industries", registry.industries());
		model.addAttribute("q", q);
		model.addAttribute("county", county);
		model.addAttribute("industry", industry);
		model.addAttribute("key", key);
		model.addAttribute("canRegister", AccessScope.current().canManage(new Owner(AccessScope.current().countyCode(),
				AccessScope.current().parkId(), null)));
		return "registry/enterprises";
	}

	@GetMapping("/registry/enterprises/{id}")
	String enterprise(@PathVariable long id, Model model) {
		Enterprise e = registry.enterprise(id);
		model.addAttribute("e", e);
		model.addAttribute("canEdit", AccessScope.current().canManage(new Owner(e.countyCode(), e.parkId(), e.id())));
		return "registry/enterprise";
	}

	@GetMapping("/registry/enterprises/new")
	String newEnterprise(Model model) {
		return form(model, new Fields(null, null, AccessScope.current().countyCode(), null, AccessScope.current().parkId(), false, null), null);
	}

	@GetMapping("/registry/enterprises/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		Enterprise e = registry.enterprise(id);
		return form(model, new Fields(e.uscc(), e.name(), e.countyCode(), e.industryCode(), e.parkId(), e.keyEnergyUnit(),
				e.annualEnergyTce() == null ? null : e.annualEnergyTce().toPlainString()), id);
	}

	@PostMapping("/registry/enterprises")
	String register(Fields fields, Model model, RedirectAttributes redirect) {
		return saveOrForm(() -> registry.register(fields.toForm()).id(), fields, null, model, redirect);
	}

	@PostMapping("/registry/enterprises/{id}")
	String update(@PathVariable long id, Fields fields, Model model, RedirectAttributes redirect) {
		return saveOrForm(() -> {
			registry.update(id, fields.toForm());
			return id;
		}, fields, id, model, redirect);
	}

	/**
	 * Saves and goes to the enterprise's page, or shows the form again with the errors and what was typed. Caught here,
	 * not by PageErrorAdvice: the form is rendered on this response, not redirected to.
	 */
	private String saveOrForm(java.util.function.LongSupplier save, Fields fields, Long id, Model model, RedirectAttributes redirect) {
		try {
			long saved = save.getAsLong();
			redirect.addFlashAttribute("saved", true);
			return "redirect:/registry/enterprises/" + saved;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", ex.errors());
		}
		catch (RuleViolationException ex) {
			model.addAttribute("errors", java.util.List.of(InputError.field("uscc", ex.getMessage())));
		}
		return form(model, fields, id);
	}

	private String form(Model model, Fields fields, Long id) {
		model.addAttribute("form", fields);
		model.addAttribute("enterpriseId", id);
		model.addAttribute("counties", registry.counties());
		model.addAttribute("parks", registry.parks());
		model.addAttribute("industries", registry.industries());
		return "registry/enterprise-form";
	}

	/** The enterprise form as posted (text fields, so a bad number is reported, not a binding error page). */
	record Fields(String uscc, String name, String countyCode, String industryCode, Long parkId, Boolean keyEnergyUnit,
			String annualEnergyTce) {

		EnterpriseForm toForm() {
			// read as the other page forms read decimals (grouped, exponent form, at most 30 digits); caught here, not by
			// PageErrorAdvice: the field is text so that the form is rendered again with it as typed, and its refusal
			// becomes this form's field error
			GroupedDecimalEditor editor = new GroupedDecimalEditor();
			try {
				editor.setAsText(annualEnergyTce);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("annualEnergyTce", "'" + annualEnergyTce + "' is not a number");
			}
			BigDecimal tce = (BigDecimal) editor.getValue();
			return new EnterpriseForm(uscc, name, countyCode, industryCode, parkId, keyEnergyUnit != null && keyEnergyUnit, tce);
		}
	}
}
